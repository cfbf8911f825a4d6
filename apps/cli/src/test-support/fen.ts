/** A JSON amount (`"1234.56"`) as integer fen, exactly: no float on the way. */
export function fen(amount: string): number {
  const match = /^(\d+)\.(\d{2})$/u.exec(amount);
  if (match === null) throw new Error(`not a JSON amount: ${amount}`);
  return Number(match[1]) * 100 + Number(match[2]);
}
