/**
 * Cells read from a CSV file's UTF-8 bytes without decoding the file (CsvVisitor's `bytes`):
 * the text of a cell that must become a string, and short cells seen before (a city, an
 * industry) looked up by their bytes.
 */

const units = new Uint16Array(256);

/**
 * The text of `bytes` from `from` to `to`, which are valid UTF-8 (the byte-level reader checks
 * every record it gives): what a UTF-8 TextDecoder would give, for the short cells of a table.
 */
export function utf8Text(bytes: Uint8Array, from: number, to: number): string {
  if (to - from > units.length) return longText(bytes, from, to);
  let n = 0;
  for (let i = from; i < to;) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      units[n++] = b;
      i++;
    } else if (b < 0xe0) {
      units[n++] = ((b & 0x1f) << 6) | ((bytes[i + 1] ?? 0) & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      units[n++] = ((b & 0x0f) << 12) | (((bytes[i + 1] ?? 0) & 0x3f) << 6) | ((bytes[i + 2] ?? 0) & 0x3f);
      i += 3;
    } else {
      const c =
        (((b & 0x07) << 18) | (((bytes[i + 1] ?? 0) & 0x3f) << 12) | (((bytes[i + 2] ?? 0) & 0x3f) << 6) | ((bytes[i + 3] ?? 0) & 0x3f)) -
        0x10000;
      units[n++] = 0xd800 + (c >> 10);
      units[n++] = 0xdc00 + (c & 0x3ff);
      i += 4;
    }
  }
  return String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]);
}

function longText(bytes: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let at = from; at < to;) {
    // Pieces of at most 192 bytes, cut before a lead byte (never inside a character).
    let end = Math.min(to, at + 192);
    while (end < to && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
    text += utf8Text(bytes, at, end);
    at = end;
  }
  return text;
}

/** FNV-1a over bytes, mixed as the id index's hash is. */
function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ (bytes[i] ?? 0), 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 12);
}

/**
 * Short cells as written, by their UTF-8 bytes, and what they read as (a city's text after
 * trimming and NFC), so that a cell seen before costs no string; at most `limit` kept.
 */
export class ByteTexts {
  private keys: Uint8Array[] = [];
  private values: string[] = [];
  private slots = new Int32Array(1 << 8);
  private hashes = new Int32Array(1 << 8);
  private mask = (1 << 8) - 1;

  constructor(private readonly limit: number) {}

  get(bytes: Uint8Array, from: number, to: number): string | undefined {
    if (from === to || this.keys.length === 0) return undefined;
    const h = hashBytes(bytes, from, to);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) return undefined;
      if (this.hashes[slot] === h && sameBytes(this.keys[entry - 1] as Uint8Array, bytes, from, to)) return this.values[entry - 1];
    }
  }

  /** Remembers that the cell `bytes` from `from` to `to` reads as `value`. */
  set(bytes: Uint8Array, from: number, to: number, value: string): void {
    if (from === to || this.keys.length >= this.limit) return;
    if (this.get(bytes, from, to) !== undefined) return;
    this.keys.push(bytes.slice(from, to));
    this.values.push(value);
    if (this.keys.length * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      this.hashes = new Int32Array(this.slots.length);
      this.mask = this.slots.length - 1;
      for (let entry = 1; entry <= this.keys.length; entry++) this.place(this.keys[entry - 1] as Uint8Array, entry);
    } else this.place(this.keys[this.keys.length - 1] as Uint8Array, this.keys.length);
  }

  private place(key: Uint8Array, entry: number): void {
    const h = hashBytes(key, 0, key.length);
    let slot = h & this.mask;
    while ((this.slots[slot] ?? 0) !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = entry;
    this.hashes[slot] = h;
  }
}

function sameBytes(key: Uint8Array, bytes: Uint8Array, from: number, to: number): boolean {
  if (key.length !== to - from) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== bytes[from + i]) return false;
  return true;
}
