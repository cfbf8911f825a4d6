/** `bytes` cut at the given offsets (taken modulo its length + 1, so any numbers will do): the pieces a stream could deliver. */
export function cut(bytes: Uint8Array, at: readonly number[]): Uint8Array[] {
  const offsets = [...new Set(at.map((a) => a % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const offset of offsets) {
    pieces.push(bytes.subarray(from, offset));
    from = offset;
  }
  pieces.push(bytes.subarray(from));
  return pieces;
}

/** `text` in UTF-8. */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
