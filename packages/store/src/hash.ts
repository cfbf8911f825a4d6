import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** Lowercase hex SHA-256 of bytes or UTF-8 text. */
export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The hash of a JSON value's canonical form (RFC 8785, JSON Canonicalization Scheme: keys
 * sorted, no whitespace, numbers as JavaScript prints them), so that two files that differ only
 * in key order, spacing or number spelling (`1.50` and `1.5`) hash alike.
 */
export function canonicalHash(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('a JSON value has no canonical form: undefined');
  return sha256(text);
}

/** The hash of a scenario file's content: what makes a revision new. */
export const scenarioContentHash = (file: unknown): string => canonicalHash(file);

/**
 * The hash of the data sets a revision binds, by the `applicants.file` path each stands for:
 * with the content hash, the key of a cached run. A scenario that binds none has the hash of `{}`.
 */
export const datasetsHash = (bindings: Readonly<Record<string, string>>): string => canonicalHash(bindings);
