import { InputError } from '../input-error.js';
import type { Io } from '../io.js';
import { writeResult } from '../output.js';
import { checkProgramme } from '../programme-inputs.js';

export interface TemplateOptions {
  readonly out?: string;
  readonly rows?: string;
}

/**
 * `bagui template PROGRAMME --out FILE.xlsx`: an applicant sheet to fill in — the Chinese
 * headers, the English names under them, a notes row, drop-downs for scale, yes/no and choices.
 * Filled in, it reads back as it is (`--applicants FILE.xlsx`).
 */
export async function templateCommand(name: string, options: TemplateOptions, io: Io): Promise<void> {
  const programme = checkProgramme(name);
  if (options.out === undefined) throw new InputError('a template is an XLSX workbook, a binary file: give --out FILE.xlsx');
  const rows = options.rows === undefined ? undefined : Number(options.rows);
  if (rows !== undefined && (!Number.isSafeInteger(rows) || rows < 1 || rows > 100_000)) {
    throw new InputError(`--rows must be a whole number from 1 to 100000 (the rows given drop-downs), not ${JSON.stringify(options.rows)}`);
  }
  const { buildTemplate } = await import('@bagui/sheets/xlsx');
  const bytes = await buildTemplate({ programme, fields: programme.applicantFields, ...(rows === undefined ? {} : { rows }) });
  await writeResult(
    [bytes],
    options.out,
    io,
    `the ${programme.key} template (${programme.applicantFields.length} columns): fill in one row per ${programme.applicantNoun} from row 4`,
  );
}
