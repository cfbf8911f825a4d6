/** A timestamp as read back: a Date from PostgreSQL, ISO text from SQLite. */
export function toIso(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString();
}

export function toIsoOrNull(value: Date | string | null): string | null {
  return value === null ? null : toIso(value);
}

/** A counter as read back: a number from SQLite, a string from PostgreSQL's bigint. */
export function toNumber(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}
