import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { TextDecoder } from 'node:util';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable, Transform } from 'node:stream';
import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { HttpProblem, type ProblemDetail } from './problem.js';

/**
 * Reading request bodies: text decoded strictly by the declared charset (a file saved in another
 * encoding is refused rather than read as replacement characters), with a size limit (413
 * beyond it) that also bounds a compressed body once inflated; and multipart uploads held in
 * memory. The body is decoded once, whole: decoding chunk by chunk and joining the pieces costs
 * about half as much again on a body of tens of megabytes.
 */

export const JSON_TYPES = ['application/json', 'application/*+json'];
export const CSV_TYPES = ['text/csv'];
export const MULTIPART_TYPES = ['multipart/form-data'];

/** The largest text field of an upload form. */
const FORM_FIELD_BYTES = 64 * 1024;

function run(handler: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- multer and busboy pass an Error to next
    void handler(req, res, (error?: unknown) => (error === undefined ? resolve() : reject(error)));
  });
}

export interface BodyReaders {
  /** The body as text, decoded by its charset (UTF-8 when none is declared). */
  text(req: Request): Promise<string>;
  /** The body's bytes as sent (inflated when it came compressed), for a file read by its own decoder (CSV, XLSX). */
  bytes(req: Request): Promise<Buffer>;
  /** A multipart form: its one file (if any, in `fileField`, by default the readers') and its text fields. */
  form(req: Request, res: Response, fileField?: string): Promise<UploadedForm>;
}

interface UploadedForm {
  /** The file, its name and its declared type (multipart's part Content-Type) as the client sent them. */
  readonly file: { readonly name: string; readonly bytes: Buffer; readonly type: string } | undefined;
  /** Each text field's value, or values when it is repeated. */
  readonly fields: Record<string, string | readonly string[]>;
}

/**
 * The form's text fields, each a string or (repeated) a list of strings; the applicants' field
 * sent as text instead of as a file is refused by name. (A name with brackets never gets here:
 * multer refuses it, see `fieldNestingDepth`.)
 */
function textFields(body: Record<string, unknown> | undefined, fileField: string): Record<string, string | readonly string[]> {
  const fields: [string, string | readonly string[]][] = [];
  const problems: ProblemDetail[] = [];
  for (const [name, value] of Object.entries(body ?? {})) {
    if (name === fileField) {
      problems.push({
        code: 'FORM.FILE_AS_TEXT',
        message: `${name} came as a text field: upload it as a file (curl -F '${name}=@firms.csv'), a CSV with one row per applicant`,
        parameter: name,
      });
    } else if (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
      fields.push([name, value]);
    } else {
      throw new Error(`multer made form field ${name} a ${typeof value}`);
    }
  }
  if (problems.length > 0)
    throw new HttpProblem('REQUEST.INVALID', 'the form has fields that are not settings; nothing was computed', problems);
  // Own properties whatever the name (a field "__proto__" must stay a field, refused as unknown).
  return Object.fromEntries(fields);
}

/**
 * The body a request sent, as its reader read it: kept so that a request queued as a job can be
 * answered again from it. `inflated`: the bytes are the body after its Content-Encoding.
 */
const sentBodies = new WeakMap<Request, { readonly bytes: Buffer; readonly inflated: boolean }>();

export const sentBody = (req: Request): { readonly bytes: Buffer; readonly inflated: boolean } | undefined => sentBodies.get(req);

/** Readers for bodies up to `limitBytes`; an upload form carries its one file in `defaultField` unless a route names another. */
export function bodyReaders(limitBytes: number, defaultField: string): BodyReaders {
  const forms = multer({
    storage: multer.memoryStorage(),
    // The file up to the limit; the settings beside it are short (a reform's JSON text is the longest), so
    // 32 fields of at most 64 KiB keep a form within the limit plus 2 MiB.
    // fieldNestingDepth 0: a name with brackets (`budget[a]`, `set[]`) is refused as the form is read, before
    // multer would make it a structure (a sparse array from `set[4294967294]`).
    limits: {
      fileSize: limitBytes,
      files: 1,
      fields: 32,
      fieldSize: FORM_FIELD_BYTES,
      parts: 40,
      fieldNestingDepth: 0,
    },
  });
  const uploads = new Map<string, RequestHandler>();
  return {
    text: (req) => readText(req, limitBytes),
    bytes: (req) => readBytes(req, limitBytes),
    async form(req, res, fileField = defaultField) {
      let upload = uploads.get(fileField);
      if (upload === undefined) {
        upload = forms.single(fileField);
        uploads.set(fileField, upload);
      }
      // The form's bytes as they come, beside multer's reading of them, for a job made from it.
      const raw: Buffer[] = [];
      const keep = (chunk: Buffer): void => {
        raw.push(chunk);
      };
      // multer starts reading as it is called; chunks come on later turns, so none passes before `keep` listens.
      const reading = run(upload, req, res);
      req.on('data', keep);
      try {
        await reading;
        sentBodies.set(req, { bytes: Buffer.concat(raw), inflated: false });
      } catch (error) {
        throw formProblem(error, limitBytes, fileField);
      } finally {
        req.off('data', keep);
      }
      const file = req.file;
      if (file !== undefined) setInputDigest(res, file.buffer);
      return {
        file: file === undefined ? undefined : { name: file.originalname, bytes: file.buffer, type: file.mimetype },
        fields: textFields(req.body as Record<string, unknown> | undefined, fileField),
      };
    },
  };
}

function tooLarge(limitBytes: number): HttpProblem {
  return new HttpProblem(
    'PAYLOAD_TOO_LARGE',
    `the body is larger than this server's limit of ${limitBytes} bytes: send fewer enterprises per request`,
  );
}

/** Content-Encodings a body may come in, and how to inflate each (null: as it is). */
const INFLATE = new Map<string, (() => Transform) | null>([
  ['identity', null],
  ['gzip', createGunzip],
  ['x-gzip', createGunzip],
  ['deflate', createInflate],
  ['br', createBrotliDecompress],
]);

async function readText(req: Request, limitBytes: number): Promise<string> {
  const charset = charsetOf(req);
  textDecoder(charset); // an unknown charset is refused before the body is read
  const bytes = await readBytes(req, limitBytes);
  // Most bodies are ASCII: then the bytes are the text, and copying them is all the decoding needed.
  if (/^utf-?8$/iu.test(charset) && isAscii(bytes)) return bytes.toString('latin1');
  return decode(bytes, charset, 'the request body');
}

/**
 * The header that carries the SHA-256 of the input a request sent (its body, or its uploaded
 * file), hex: what a client keeps to show which file an answer was computed from.
 */
export const INPUT_SHA256_HEADER = 'Bagui-Input-SHA256';

function setInputDigest(res: Response | undefined, bytes: Uint8Array): void {
  if (res !== undefined && !res.headersSent) res.setHeader(INPUT_SHA256_HEADER, createHash('sha256').update(bytes).digest('hex'));
}

/**
 * The bytes of `source`, at most `limitBytes`: beyond, the answer is `tooLarge()` and the rest is
 * not read (paused, not destroyed: the connection must stay up to carry the 413 back). An error
 * of `source`, or of `under` (the request under an inflating pipe) — a client that went away, a
 * compressed body that does not inflate — is REQUEST.MALFORMED.
 */
export function collectBytes(source: Readable, limitBytes: number, tooLarge: () => HttpProblem, under?: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise<Buffer>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      source.off('data', onData);
      source.off('end', onEnd);
      source.pause();
      reject(tooLarge());
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks, size));
    const onError = (error: Error): void =>
      reject(new HttpProblem('REQUEST.MALFORMED', `the request body cannot be read: ${error.message}`));
    source.on('data', onData);
    source.once('end', onEnd);
    source.once('error', onError);
    under?.once('error', onError);
  });
}

async function readBytes(req: Request, limitBytes: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limitBytes) throw tooLarge(limitBytes);
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const inflate = INFLATE.get(encoding);
  if (inflate === undefined) {
    throw new HttpProblem(
      'UNSUPPORTED_MEDIA_TYPE',
      `unsupported Content-Encoding ${JSON.stringify(encoding)}: send the body as it is, or gzip, deflate or br`,
    );
  }
  const source: Readable = inflate === null ? req : req.pipe(inflate());
  const bytes = await collectBytes(source, limitBytes, () => tooLarge(limitBytes), source === req ? undefined : req);
  setInputDigest(req.res, bytes);
  sentBodies.set(req, { bytes, inflated: source !== req });
  return bytes;
}

const CHARSET = /;\s*charset\s*=\s*"?(?<charset>[^";\s]+)"?/iu;

function charsetOf(req: Request): string {
  return CHARSET.exec(req.headers['content-type'] ?? '')?.groups?.charset ?? 'utf-8';
}

/** Text from bytes in `charset`, strictly: malformed bytes are refused, not replaced. A UTF-8 BOM is dropped. */
function decode(bytes: Uint8Array, charset: string, what: string): string {
  const decoder = textDecoder(charset);
  try {
    return decoder.decode(bytes);
  } catch {
    throw notCharset(charset, what);
  }
}

function textDecoder(charset: string): TextDecoder {
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch {
    throw new HttpProblem(
      'UNSUPPORTED_MEDIA_TYPE',
      `unsupported charset ${JSON.stringify(charset)}: send UTF-8 (or declare the charset the bytes are in, e.g. gb18030)`,
    );
  }
}

function notCharset(charset: string, what: string): HttpProblem {
  return new HttpProblem('REQUEST.INVALID', `${what} is not ${charset} text; nothing was computed`, [
    {
      code: 'ENCODING.INVALID',
      message: `${what} is not valid ${charset}: save the file as "CSV UTF-8 (comma delimited)", or declare its charset (e.g. text/csv; charset=gb18030)`,
    },
  ]);
}

const FORM_LIMITS = new Set([
  'LIMIT_FILE_SIZE',
  'LIMIT_FIELD_VALUE',
  'LIMIT_PART_COUNT',
  'LIMIT_FIELD_COUNT',
  'LIMIT_FILE_COUNT',
  'LIMIT_FIELD_KEY',
]);

/** What went wrong reading a multipart form, as the client's problem where it is one. */
function formProblem(error: unknown, limitBytes: number, fileField: string): unknown {
  if (error instanceof multer.MulterError) {
    const field = error.field === undefined ? {} : { parameter: error.field };
    if (error.code === 'LIMIT_FILE_SIZE') return tooLarge(limitBytes);
    if (FORM_LIMITS.has(error.code)) {
      return new HttpProblem('PAYLOAD_TOO_LARGE', `the form is too large: ${error.message.toLowerCase()}`);
    }
    if ((error.code as string) === 'LIMIT_FIELD_NESTING' && error.field !== undefined) {
      const name = error.field.slice(0, Math.max(0, error.field.indexOf('['))) || error.field;
      return new HttpProblem('REQUEST.INVALID', 'the form has a field that is not a setting; nothing was computed', [
        {
          code: 'FORM.FIELD_NAME',
          message: `the form field ${error.field} has brackets in its name: give ${name} as a plain field (${name}=VALUE), repeated for several values`,
          parameter: error.field,
        },
      ]);
    }
    if (error.code === 'LIMIT_UNEXPECTED_FILE') {
      return new HttpProblem('REQUEST.INVALID', 'the form has an unexpected file', [
        { code: 'FORM.UNEXPECTED_FILE', message: `unexpected file: upload one file, in the field "${fileField}"`, ...field },
      ]);
    }
    return new HttpProblem('REQUEST.MALFORMED', `the multipart form cannot be read: ${error.message.toLowerCase()}`);
  }
  // Busboy's own errors (a truncated body, a missing boundary) are the client's.
  if (error instanceof Error && !('status' in error)) {
    return new HttpProblem('REQUEST.MALFORMED', `the multipart form cannot be read: ${error.message}`);
  }
  return error;
}
