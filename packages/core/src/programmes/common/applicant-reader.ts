import { Decimal } from 'decimal.js';
import { ok, problem, type Location, type Result } from '../../errors/index.js';
import { parseAmount, parseAmountIn, type Fen } from '../../money/index.js';
import {
  dateWhereAmount,
  finishTable,
  jsonText,
  jsonType,
  mapHeader,
  MAX_ID_LENGTH,
  nfc,
  parseBoolean,
  ProblemList,
  readCsvPieces,
  suggestField,
  type HeaderMap,
  type TableReader,
  type TableReadOptions,
  type TableRowInfo,
} from '../../tabular/index.js';
import { parseCreditCode } from './credit-code.js';

/**
 * A programme's applicants, read by a schema from CSV text (English or Chinese headers) or from
 * JSON records (the HTTP API), with the rules and the wording of `rd-incentive/enterprises.ts`:
 * amounts through `parseAmount`, booleans through `parseBoolean`, ids unique and at most
 * MAX_ID_LENGTH characters, unknown JSON fields refused. Input with any invalid cell is refused
 * whole, with every problem found (up to MAX_PROBLEMS) at its line, column and value, or JSON
 * path. Rows are plain objects: these programmes have tens to thousands of applicants, not the
 * million firms for which rd_incentive keeps typed columns.
 *
 * Shared by guidance_fund, tech_upgrade and hitech_zones; it belongs in `programmes/common/`
 * (it lives here only because of who may create files where).
 */

type FieldKind = 'id' | 'text' | 'amount' | 'boolean' | 'decimal' | 'count' | 'choice' | 'credit_code';

interface Choice {
  /** The value in code and JSON, e.g. `national_zone`; any case is accepted. */
  readonly value: string;
  /** The Chinese spelling, also accepted, e.g. `国家高新区`. */
  readonly zh: string;
}

export interface ApplicantField {
  /** The JSON field name, also accepted as a CSV header. */
  readonly name: string;
  /** The Chinese CSV header. */
  readonly zh: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** The value of an empty or absent cell, written as in a file (`false`, `0`). */
  readonly default?: string;
  /** decimal: the largest value accepted, e.g. `100` for a review score (the smallest is 0). */
  readonly max?: string;
  /** choice: the accepted values. */
  readonly choices?: readonly Choice[];
}

/** What a field of each kind holds once read: amounts in integer fen, decimals exact. */
interface KindValue {
  id: string;
  text: string;
  amount: Fen;
  boolean: boolean;
  decimal: Decimal;
  count: number;
  choice: string;
  /** 统一社会信用代码, checked (GB 32100-2015) and in capitals. */
  credit_code: string;
}

type ValueOf<F extends ApplicantField> = F extends { readonly choices: readonly { readonly value: infer V }[] } ? V : KindValue[F['kind']];
type AlwaysPresent<F extends ApplicantField> = F extends { readonly required: true }
  ? true
  : F extends { readonly default: string }
    ? true
    : false;

/** One applicant as read: a required or defaulted field always has a value, others may not. */
export type ApplicantRow<Fs extends readonly ApplicantField[]> = {
  readonly [F in Fs[number] as F['name']]: AlwaysPresent<F> extends true ? ValueOf<F> : ValueOf<F> | undefined;
};

export interface ApplicantSchema<Fs extends readonly ApplicantField[]> {
  /** One applicant in words, for messages: `project`. */
  readonly noun: string;
  readonly fields: Fs;
  /** Checks across the fields of a row whose cells are each valid, e.g. a value one kind requires. */
  readonly check?: (row: ApplicantRow<Fs>, report: (field: Fs[number]['name'], code: string, message: string) => void) => void;
}

/** A programme's two ways in: JSON records (the API) and CSV text (files). */
export interface ApplicantReaders<Row> {
  /** One applicant in words, and the fields read (for documentation: the API's schemas, help texts). */
  readonly noun: string;
  readonly fields: readonly ApplicantField[];
  /** ProblemList carry JSON paths under basePath. */
  readonly fromRecords: (records: readonly unknown[], basePath?: readonly (string | number)[]) => Result<readonly Row[]>;
  /** ProblemList carry line, column and value. */
  readonly fromCsv: (text: string) => Result<readonly Row[]>;
  /** A reader of a table as it is read (CSV or a sheet), with warnings and, optionally, invalid rows left out. */
  readonly fromTable: (options?: TableReadOptions) => TableReader<readonly Row[]>;
}

export function applicantReaders<Fs extends readonly ApplicantField[]>(schema: ApplicantSchema<Fs>): ApplicantReaders<ApplicantRow<Fs>> {
  return {
    noun: schema.noun,
    fields: schema.fields,
    fromRecords: (records, basePath = []) => readApplicantRecords(schema, records, basePath),
    fromCsv: (text) => readApplicantsCsv(schema, text),
    fromTable: (options) => applicantTableReader(schema, options),
  };
}

/** Reads applicants from CSV text: the header is line 1 and names the columns, in either language. */
export function readApplicantsCsv<Fs extends readonly ApplicantField[]>(
  schema: ApplicantSchema<Fs>,
  text: string,
): Result<ApplicantRow<Fs>[]> {
  const reader = applicantTableReader(schema);
  readCsvPieces([text], reader);
  const read = reader.finish();
  return read.ok ? ok(read.value.value) : read;
}

/**
 * Applicants from a table as it is read: pass the reader to `CsvReader` (or `readCsvPieces`), or to `@bagui/sheets`'
 * readXlsx as its visitor, then `finish()`. The header maps as docs/rd-incentive.md's header
 * contract says (units, ignored columns as a warning); a date cell where an amount belongs is
 * refused; with `excludeInvalid`, invalid rows are left out and listed.
 */
export function applicantTableReader<Fs extends readonly ApplicantField[]>(
  schema: ApplicantSchema<Fs>,
  options: TableReadOptions = {},
): TableReader<ApplicantRow<Fs>[]> {
  const problems = new ProblemList();
  const reader = new RowReader(schema, problems);
  let columns: CsvColumns | undefined;
  let invalidRows = 0;
  return {
    header: (cells) => {
      columns = new CsvColumns(schema.fields, cells, problems);
      return columns.map.used;
    },
    record: (cells, line, info) => {
      if (columns !== undefined && !reader.add(columns.row(cells, line, info))) invalidRows++;
    },
    problem: (found) => {
      if ((found.location?.line ?? 1) > 1) invalidRows++;
      problems.add(found);
    },
    finish: () =>
      finishTable(problems, { value: reader.rows, rows: reader.rows.length, invalidRows, warnings: columns?.map.warnings ?? [] }, options),
  };
}

/**
 * Reads applicants from JSON records with the English field names. Amounts are strings in any
 * accepted spelling or exact JSON numbers; decimals and counts strings or numbers; booleans JSON
 * booleans or the accepted strings. ProblemList are located by `path: [...basePath, index, field]`.
 */
export function readApplicantRecords<Fs extends readonly ApplicantField[]>(
  schema: ApplicantSchema<Fs>,
  records: readonly unknown[],
  basePath: readonly (string | number)[] = [],
): Result<ApplicantRow<Fs>[]> {
  const problems = new ProblemList();
  const reader = new RowReader(schema, problems);
  records.forEach((record, index) => {
    const row = jsonRow(schema.fields, record, basePath, index, problems);
    if (row !== undefined) reader.add(row);
  });
  return problems.result(reader.rows);
}

// ---------------------------------------------------------------------------------------------
// One validation of a row, fed either by a CSV record or by a JSON object.

/**
 * One row as its source gives it: per field the text to validate, `undefined` when absent or
 * empty, or `null` when the source has already reported it (a missing column, a wrong JSON type).
 */
interface RowSource {
  readonly cells: readonly (string | undefined | null)[];
  /** Where field `index` of this row is; `value` is the text as written. */
  locate(index: number, value: string | undefined): Location;
  /** The row's position (line or record index), and how to name a row's position in a message. */
  readonly position: number;
  describe(position: number): string;
  /** The unit (0 元, 4 万元, 8 亿元) a table's header gives field `index`'s column, or -1. */
  unit?(index: number): number;
}

const label = (field: ApplicantField): string => `${field.name} (${field.zh})`;

const DECIMAL = /^\d+(\.\d+)?$/u;
const COUNT = /^\d+$/u;

function expected(field: ApplicantField): string {
  switch (field.kind) {
    case 'id':
      return `an id of 1–${MAX_ID_LENGTH} characters that no other row uses`;
    case 'text':
      return 'any text';
    case 'amount':
      return 'an amount in yuan, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万 or 0.05亿元';
    case 'boolean':
      return 'true or false (also 1/0, yes/no, y/n, 是/否)';
    case 'decimal':
      return `${field.max === undefined ? 'a number of 0 or more' : `a number from 0 to ${field.max}`}, e.g. 85 or 72.5`;
    case 'count':
      return 'a whole number, e.g. 0 or 12';
    case 'choice':
      return `one of ${(field.choices ?? []).map((c) => `${c.value} (${c.zh})`).join(', ')}`;
    case 'credit_code':
      return 'an 18-character 统一社会信用代码, e.g. 91350100M000100Y43';
  }
}

const INVALID = Symbol('invalid');

class RowReader<Fs extends readonly ApplicantField[]> {
  readonly rows: ApplicantRow<Fs>[] = [];
  /** Each id seen, with the position of the row that first used it. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly schema: ApplicantSchema<Fs>,
    private readonly problems: ProblemList,
  ) {}

  /** Validates a row and keeps it when valid; false when it is invalid. */
  add(source: RowSource): boolean {
    const row: Record<string, unknown> = {};
    let valid = true;
    this.schema.fields.forEach((field, index) => {
      const cell = source.cells[index];
      const value = cell === null ? INVALID : this.read(field, index, cell, source);
      if (value === INVALID) valid = false;
      else row[field.name] = value;
    });
    if (valid && this.schema.check !== undefined) {
      this.schema.check(row as ApplicantRow<Fs>, (name, code, message) => {
        valid = false;
        const index = this.schema.fields.findIndex((field) => field.name === name);
        this.problems.add(problem(code, message, source.locate(index, source.cells[index] ?? undefined)));
      });
    }
    if (valid) this.rows.push(row as ApplicantRow<Fs>);
    return valid;
  }

  /** The value of one cell, or INVALID after reporting why. */
  private read(field: ApplicantField, index: number, cell: string | undefined, source: RowSource): unknown {
    const report = (code: string, message: string): typeof INVALID => {
      this.problems.add(problem(code, message, source.locate(index, cell)));
      return INVALID;
    };
    const written = cell?.trim() ?? '';
    const text = written === '' ? field.default : written;
    if (text === undefined) {
      return field.required ? report('APPLICANT.REQUIRED', `${label(field)} is required: give ${expected(field)}`) : undefined;
    }
    switch (field.kind) {
      case 'id': {
        const id = nfc(text);
        const characters = [...id].length;
        if (characters > MAX_ID_LENGTH) {
          return report('APPLICANT.ID_TOO_LONG', `${label(field)} has ${characters} characters: give ${expected(field)}`);
        }
        const first = this.seen.get(id);
        if (first !== undefined) {
          return report(
            'APPLICANT.ID_DUPLICATE',
            `${label(field)} ${JSON.stringify(id)} is already used by ${source.describe(first)}: every ${this.schema.noun} needs its own id`,
          );
        }
        this.seen.set(id, source.position);
        return id;
      }
      case 'text':
        return nfc(text);
      case 'amount': {
        const unit = source.unit?.(index) ?? -1;
        const amount = unit === -1 ? parseAmount(text) : parseAmountIn(text, unit === 8 ? 8 : unit === 4 ? 4 : 0);
        if (amount.ok) return amount.value;
        amount.problems.forEach((found) => report(found.code, `${label(field)}: ${found.message}`));
        return INVALID;
      }
      case 'boolean': {
        const flag = parseBoolean(text);
        if (flag !== undefined) return flag;
        return report(
          'APPLICANT.BOOLEAN_INVALID',
          `${label(field)} must be ${expected(field)}, or empty for the default (${field.default ?? 'none'})`,
        );
      }
      case 'decimal': {
        if (!DECIMAL.test(text)) {
          return report(
            'APPLICANT.DECIMAL_INVALID',
            `${label(field)} must be ${expected(field)}: digits with an optional decimal point, no sign or exponent`,
          );
        }
        const value = new Decimal(text);
        if (field.max !== undefined && value.gt(field.max)) {
          return report('APPLICANT.OUT_OF_RANGE', `${label(field)} is above ${field.max}: give ${expected(field)}`);
        }
        return value;
      }
      case 'count': {
        const count = COUNT.test(text) ? Number(text) : NaN;
        if (Number.isSafeInteger(count)) return count;
        return report('APPLICANT.COUNT_INVALID', `${label(field)} must be ${expected(field)}`);
      }
      case 'choice': {
        const choice = (field.choices ?? []).find((c) => c.value === text.toLowerCase() || c.zh === text);
        if (choice !== undefined) return choice.value;
        return report('APPLICANT.CHOICE_INVALID', `${label(field)} must be ${expected(field)}`);
      }
      case 'credit_code': {
        const code = parseCreditCode(text);
        if (code.ok) return code.value;
        code.problems.forEach((found) => report(found.code, `${label(field)}: ${found.message}`));
        return INVALID;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Sources.

const accepted = (fields: readonly ApplicantField[], csv: boolean): string =>
  fields.map((field) => (csv ? `${field.name} / ${field.zh}` : field.name)).join(', ');

/** The header of a table: which cell holds each field, with its unit, and the header's warnings. */
class CsvColumns {
  readonly map: HeaderMap;

  constructor(
    private readonly fields: readonly ApplicantField[],
    cells: readonly string[],
    private readonly problems: ProblemList,
  ) {
    this.map = mapHeader(fields, cells, problems);
  }

  row(cells: readonly string[], line: number, info?: TableRowInfo): RowSource {
    const locate = (index: number, value: string | undefined): Location => ({
      line,
      column: this.map.headers[this.map.columns[index] ?? -1] ?? this.fields[index]?.name ?? '',
      value: value ?? '',
    });
    return {
      // A missing required column is reported once, with the header, and not on every row.
      cells: this.fields.map((field, index) => {
        const column = this.map.columns[index] ?? -1;
        if (column < 0) return field.required ? null : undefined;
        const text = cells[column];
        if (field.kind === 'amount' && info?.cells[column]?.kind === 'date') {
          this.problems.add(dateWhereAmount(label(field), locate(index, text)));
          return null;
        }
        return text;
      }),
      locate,
      position: line,
      describe: (position) => `line ${position}`,
      unit: (index) => this.map.units[index] ?? -1,
    };
  }
}

/** A JSON record as a row source, after checking its shape and the JSON type of each field. */
function jsonRow(
  fields: readonly ApplicantField[],
  record: unknown,
  basePath: readonly (string | number)[],
  index: number,
  problems: ProblemList,
): RowSource | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    const message = `each applicant must be a JSON object with the fields ${accepted(fields, false)}`;
    problems.add(problem('APPLICANT.NOT_AN_OBJECT', message, { path: [...basePath, index], value: jsonText(record) }));
    return undefined;
  }
  const values = record as Record<string, unknown>;
  for (const key of Object.keys(values)) {
    if (!fields.some((field) => field.name === key)) {
      const message = `unknown field ${JSON.stringify(key)}${suggestField(fields, key, true)}: the accepted fields are ${accepted(fields, false)}`;
      problems.add(problem('APPLICANT.UNKNOWN_FIELD', message, { path: [...basePath, index, key], value: jsonText(values[key]) }));
    }
  }
  const locate = (f: number, value: string | undefined): Location => {
    const path = [...basePath, index, fields[f]?.name ?? ''];
    return value === undefined ? { path } : { path, value };
  };
  const cells = fields.map((field, f) => {
    const value = Object.hasOwn(values, field.name) ? values[field.name] : undefined;
    const text = jsonCell(field, value);
    if (text === null) {
      const message = `${label(field)} must be ${wantedJson(field)}, not ${jsonType(value)}`;
      problems.add(problem('APPLICANT.WRONG_TYPE', message, locate(f, jsonText(value))));
    }
    return text;
  });
  const describe = (position: number): string =>
    basePath.length === 0 ? `the record at index ${position}` : `the record at ${[...basePath, position].join('.')}`;
  return { cells, locate, position: index, describe };
}

/** The text to validate for a JSON value, undefined when absent, or null when of the wrong JSON type. */
function jsonCell(field: ApplicantField, value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  // A number's shortest spelling is what the JSON meant; the field's rules then apply to it:
  // 1e21 is exponent notation, 0.1 + 0.2 has too many decimals, -5 is negative.
  const numeric = field.kind === 'amount' || field.kind === 'decimal' || field.kind === 'count';
  if (numeric && typeof value === 'number') return String(value);
  if (field.kind === 'boolean' && typeof value === 'boolean') return String(value);
  return null;
}

function wantedJson(field: ApplicantField): string {
  switch (field.kind) {
    case 'amount':
      return 'a string such as "5000000.00" or "500万", or an exact JSON number';
    case 'decimal':
    case 'count':
      return 'a JSON number or a string of digits';
    case 'boolean':
      return 'true or false, or one of the strings "1"/"0", "yes"/"no", "y"/"n", "是"/"否"';
    default:
      return 'a string';
  }
}
