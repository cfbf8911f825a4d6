import { fileErrorReason, InputError } from './input-error.js';
import type { Io } from './io.js';

/** A UTF-8 text file, or an InputError saying why it cannot be read. */
export async function readTextFile(path: string, io: Io): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (error) {
    const reason = fileErrorReason(error);
    if (reason === undefined) throw error;
    throw new InputError(`cannot read ${path}: ${reason}; nothing was computed`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path} is not UTF-8 text; nothing was computed`, [
      'save it as UTF-8, or convert it, e.g. iconv -f GBK -t UTF-8 old.csv > new.csv',
    ]);
  }
}
