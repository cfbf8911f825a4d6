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
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.at + n));
    grown.set(this.buffer.subarray(0, this.at));
    this.buffer = grown;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buffer.set(b, this.at);
    this.at += b.length;
  }

  /** A string as UTF-8 (a loop for ASCII, which figures are; the encoder for the rest). */
  text(s: string): void {
    const n = s.length;
    this.room(n * 3);
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
   * identity), values as bytes (pre-encoded constants) or text.
   */
  readonly t = (strings: TemplateStringsArray, ...values: readonly (string | Uint8Array)[]): void => {
    let parts = encoded.get(strings);
    if (parts === undefined) {
      parts = strings.map((s) => encoder.encode(s));
      encoded.set(strings, parts);
    }
    for (let i = 0; i < values.length; i++) {
      this.bytes(parts[i] as Uint8Array);
      const v = values[i] as string | Uint8Array;
      if (typeof v === 'string') this.text(v);
      else this.bytes(v);
    }
    this.bytes(parts[values.length] as Uint8Array);
  };

  /** The bytes written so far, handed over: the next write starts a new buffer. */
  take(): Uint8Array {
    const out = this.buffer.subarray(0, this.at);
    this.buffer = new Uint8Array(this.size);
    this.at = 0;
    return out;
  }
}

/** A constant's UTF-8 bytes, for a template value written as is. */
export const utf8 = (s: string): Uint8Array => encoder.encode(s);
