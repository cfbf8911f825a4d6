import { formatJson } from '@bagui/core/money';
import type { ParameterDefinition, ResolvedParameter } from '@bagui/core/parameters';
import type { ApplicantFieldInfo, TraceStep } from '@bagui/core/programmes';
import { ENGINE_VERSION } from '@bagui/core/version';
import { csvChunks } from '@bagui/sheets/csv';
import { resultTable, XLSX_MAX_ROWS, type ExplanationRow, type ExtraColumn, type Lang, type ResultFigures } from '@bagui/sheets/xlsx';
import { streamingResultWorkbook } from '@bagui/sheets/xlsx/stream';
import type { Request, Response } from 'express';
import { XLSX_TYPE } from './applicant-files.js';
import { INPUT_SHA256_HEADER } from './bodies.js';
import { HttpProblem } from './problem.js';
import { sendChunks } from './stream.js';

/**
 * Answers as spreadsheets: the format a request's `Accept` asks for (JSON unless it asks for
 * CSV or XLSX; 406 for what a route cannot answer in), and the writers. An XLSX answer is
 * `@bagui/sheets`' result workbook, streamed into the response: the result table (amounts as
 * numbers with a yuan format, frozen header, filters, totals), 参数与来源, 说明 (each applicant's
 * explanation) and an about sheet; a CSV answer is the result table in UTF-8 with a byte-order
 * mark. Both are downloads (`Content-Disposition: attachment`), and no cell of either can run a
 * formula (sheets neutralises text starting `=`, `+`, `-`, `@`, tab or CR).
 */

export type AnswerFormat = 'json' | 'csv' | 'xlsx';

const MEDIA: Readonly<Record<AnswerFormat, string>> = { json: 'application/json', csv: 'text/csv', xlsx: XLSX_TYPE };

/** The format to answer in, among those `offered` (JSON first): what `Accept` prefers, or 406. */
export function answerFormat<F extends AnswerFormat>(req: Request, offered: readonly [F, ...F[]]): F {
  if (req.headers.accept === undefined || req.headers.accept.trim() === '') return offered[0];
  const chosen = req.accepts(offered.map((format) => MEDIA[format]));
  const format = offered.find((f) => MEDIA[f] === chosen);
  if (format !== undefined) return format;
  throw new HttpProblem(
    'NOT_ACCEPTABLE',
    `cannot answer in ${JSON.stringify(req.headers.accept)}: this request answers ${offered.map((f) => MEDIA[f]).join(', ')}`,
  );
}

/** The language of a spreadsheet answer: `lang`, else the client's `Accept-Language` (zh or en), else zh. */
export function answerLang(req: Request, lang: Lang | undefined): Lang {
  if (lang !== undefined) return lang;
  if (req.headers['accept-language'] === undefined) return 'zh';
  return req.acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh';
}

/** One programme's result, as a sheet (and, for CSV, the whole answer). */
export interface ResultSheet {
  readonly sheet: string;
  readonly programme: string;
  /** The applicants' fields, as the readers accept them (so the sheet reads back as applicants). */
  readonly fields: readonly ApplicantFieldInfo[];
  applicant(index: number): Readonly<Record<string, unknown>>;
  readonly figures: ResultFigures;
  readonly extra?: readonly ExtraColumn[];
  trace(index: number): TraceStep[];
  readonly parameters: readonly ResolvedParameter[];
  /** The programme's parameter definitions: their labels in the explanations. */
  readonly definitions: readonly ParameterDefinition[];
}

/** How the answer was made, for the about sheet. */
interface AnswerAbout {
  readonly parametersVersion: string;
  readonly date: string;
  readonly dateDefaulted: boolean;
  /** The uploaded file's name; a body is named as such. */
  readonly inputName?: string | undefined;
  /** What was asked: `POST /v1/…`. */
  readonly request: string;
}

/** Answers with a result workbook: one sheet per programme, then 参数与来源, 说明 and the about sheet. */
export async function sendWorkbook(
  res: Response,
  sheets: readonly ResultSheet[],
  about: AnswerAbout,
  lang: Lang,
  filename: string,
): Promise<void> {
  const largest = Math.max(...sheets.map((s) => s.figures.ids.length));
  // A sheet holds XLSX_MAX_ROWS rows: the header, the applicants and the totals row.
  if (largest + 2 > XLSX_MAX_ROWS) {
    throw new HttpProblem(
      'NOT_ACCEPTABLE',
      `${largest} applicants do not fit in one sheet of a workbook (at most ${XLSX_MAX_ROWS - 2}): ask for text/csv or JSON`,
    );
  }
  res.status(200).attachment(`${filename}.xlsx`).type(XLSX_TYPE);
  const book = streamingResultWorkbook(res, lang);
  for (const s of sheets) {
    const written = book.addTable(
      resultTable({
        sheet: s.sheet,
        fields: s.fields,
        applicant: s.applicant,
        figures: s.figures,
        lang,
        ...(s.extra ? { extra: s.extra } : {}),
      }),
    );
    // Headers are sent with the first rows: a table too large for a sheet can only cut the answer short.
    if (!written.ok) throw new Error(written.problems.map((p) => p.message).join('; '));
  }
  book.addParameters(sheets.map((s) => ({ programme: s.programme, parameters: s.parameters })));
  const definitions = sheets.flatMap((s) => s.definitions);
  const fields = sheets.flatMap((s) => s.fields);
  book.addExplanations(explanations(sheets), { fields, parameters: definitions });
  const sha256 = res.getHeader(INPUT_SHA256_HEADER);
  book.addAbout({
    engineVersion: ENGINE_VERSION,
    parametersVersion: about.parametersVersion,
    date: about.date,
    dateDefaulted: about.dateDefaulted,
    ...(typeof sha256 === 'string'
      ? { inputFile: { name: about.inputName ?? (lang === 'zh' ? '（请求正文）' : '(request body)'), sha256 } }
      : {}),
    ranAt: new Date().toISOString(),
    command: about.request,
  });
  await book.finish();
}

function* explanations(sheets: readonly ResultSheet[]): Generator<ExplanationRow> {
  for (const s of sheets) {
    const { ids, entitlements, awards } = s.figures;
    for (let i = 0; i < ids.length; i++) {
      const name = s.applicant(i).name;
      yield {
        id: sheets.length > 1 ? `${s.sheet} · ${ids[i] ?? ''}` : (ids[i] ?? ''),
        ...(typeof name === 'string' ? { name } : {}),
        entitlement: entitlements[i] ?? 0,
        award: awards[i] ?? 0,
        trace: s.trace(i),
      };
    }
  }
}

/**
 * Answers with the result table as CSV: the applicants' columns (headed in `lang`, as the readers
 * accept them), entitlement and award in yuan with two decimals; UTF-8 with a byte-order mark, so
 * that Excel opens it as Chinese.
 */
export async function sendCsv(res: Response, s: ResultSheet, lang: Lang, filename: string): Promise<void> {
  const zh = lang === 'zh';
  const header = [...s.fields.map((f) => (zh ? f.zh : f.name)), zh ? '应得额' : 'entitlement', zh ? '资助额' : 'award'];
  const { ids, entitlements, awards } = s.figures;
  function* rows(): Generator<string[]> {
    for (let i = 0; i < ids.length; i++) {
      const record = s.applicant(i);
      yield [...s.fields.map((f) => csvValue(f, record[f.name])), formatJson(entitlements[i] ?? 0), formatJson(awards[i] ?? 0)];
    }
  }
  res.status(200).attachment(`${filename}.csv`).type('text/csv; charset=utf-8');
  await sendChunks(res, csvChunks(header, rows(), { bom: true }));
}

function csvValue(field: ApplicantFieldInfo, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.kind === 'amount' && typeof value === 'number') return formatJson(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  // A decimal (decimal.js) or a date: its own text, exact.
  if (typeof value === 'object' && value.toString !== Object.prototype.toString) return (value as { toString(): string }).toString();
  return JSON.stringify(value);
}
