/**
 * A saved scenario's strong ETag names its current revision: `"s_7k2m9q4rt8v3hzpa.3"`. It changes
 * with every new revision and with nothing else (renaming keeps it), so `If-Match` with it
 * guards exactly against revising content that someone else has revised meanwhile.
 */
export const etagOf = (scenarioId: string, revision: number): string => `"${scenarioId}.${revision}"`;

/** One entity-tag of a list: optional W/, then a quoted string of etagc characters. */
const ENTITY_TAG = /\s*(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|$)/guy;

/**
 * The revisions an `If-Match` field value accepts for this scenario: `'any'` for `*`, else the
 * revision named by each strong tag of this scenario's (weak tags never match, RFC 9110
 * §13.1.1). An empty list, for tags of other scenarios, other revisions or a malformed value,
 * matches nothing: the write is refused as stale.
 */
export function ifMatchRevisions(fieldValue: string, scenarioId: string): 'any' | readonly number[] {
  if (fieldValue.trim() === '*') return 'any';
  const revisions: number[] = [];
  const prefix = `${scenarioId}.`;
  for (const match of fieldValue.matchAll(ENTITY_TAG)) {
    const [, weak, tag = ''] = match;
    if (weak !== undefined || !tag.startsWith(prefix)) continue;
    const n = tag.slice(prefix.length);
    if (/^[1-9][0-9]{0,9}$/u.test(n)) revisions.push(Number(n));
  }
  return revisions;
}
