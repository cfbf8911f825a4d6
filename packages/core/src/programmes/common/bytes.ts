/**
 * UTF-8 text written into byte chunks: a large answer's rows are mostly the same words and
 * parameters for every applicant, so those are encoded once and copied, and only the figures
 * (ASCII digits) are encoded per row. No string of the whole batch is built, flattened or
 * re-encoded on its way to a file or a socket.
 */
const encoder = new TextEncoder();
const encoded = new WeakMap<TemplateStringsArray, readonly Uint8Array[]>();

export class ByteChunks {
  private buffer: Uint8Array;
  private at = 0;

  constructor(private readonly size = 1 << 20) {
    this.buffer = new Uint8Array(size);
  }

  /** Bytes written since the last `take`. */
  get length(): number {
    return this.at;
  }

  private room(n: number): void {
    if (this.at + n <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.at + n, this.size));
    grown.set(this.buffer.subarray(0, this.at));
    this.buffer = grown;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.copy(b);
  }

  /** b at the end, room made. */
  private copy(b: Uint8Array): void {
    this.buffer.set(b, this.at);
    this.at += b.length;
  }

  /** A string as UTF-8 (a loop for ASCII, which figures are; the encoder for the rest). */
  text(s: string): void {
    this.room(s.length * 3);
    this.put(s);
  }

  /** s at the end as UTF-8, room made (3 bytes per UTF-16 unit at most). */
  private put(s: string): void {
    const n = s.length;
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.at = at + encoder.encodeInto(s.slice(i), buffer.subarray(at)).written;
        return;
      }
      buffer[at++] = c;
    }
    this.at = at;
  }

  /**
   * A tagged template: the literal parts encoded once per call site (cached by the template's
   * identity), values as bytes (pre-encoded constants) or text. Room for the whole is made once.
   */
  readonly t = (strings: TemplateStringsArray, ...values: readonly (string | Uint8Array)[]): void => {
    let parts = encoded.get(strings);
    if (parts === undefined) {
      parts = strings.map((s) => encoder.encode(s));
      encoded.set(strings, parts);
    }
    let need = 0;
    for (let i = 0; i < parts.length; i++) need += (parts[i] as Uint8Array).length;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as string | Uint8Array;
      need += typeof v === 'string' ? v.length * 3 : v.length;
    }
    this.room(need);
    for (let i = 0; i < values.length; i++) {
      this.copy(parts[i] as Uint8Array);
      const v = values[i] as string | Uint8Array;
      if (typeof v === 'string') this.put(v);
      else this.copy(v);
    }
    this.copy(parts[values.length] as Uint8Array);
  };

  /**
   * The bytes written so far, handed over: the next write starts a new buffer (made when it
   * comes, so that the last `take` of an answer leaves none behind).
   */
  take(): Uint8Array {
    const out = this.buffer.subarray(0, this.at);
    this.buffer = EMPTY;
    this.at = 0;
    return out;
  }
}

const EMPTY = new Uint8Array(0);

/** A constant's UTF-8 bytes, for a template value written as is. */
export const utf8 = (s: string): Uint8Array => encoder.encode(s);
