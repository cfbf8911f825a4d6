import { ok, problem, type Location, type Problem, type Result } from '../../errors/index.js';
import {
  parseAmount,
  parseAmountIn,
  parsePlainYuan,
  parsePlainYuanAt,
  parsePlainYuanBytes,
  parseWanAt,
  parseWanBytes,
} from '../../money/index.js';
import {
  ByteTexts,
  dateWhereAmount,
  finishTable,
  jsonText,
  jsonType,
  mapHeader,
  MAX_ID_LENGTH,
  MAX_PROBLEMS,
  nfc,
  parseBoolean,
  ProblemList,
  readCsvPieces,
  suggestField,
  utf8Text,
  type CsvByteSpans,
  type CsvSpans,
  type HeaderMap,
  type TableReader,
  type TableReadOptions,
  type TableRowInfo,
} from '../../tabular/index.js';
import { parseCreditCode } from '../common/credit-code.js';

export { MAX_ID_LENGTH, MAX_PROBLEMS, parseBoolean };

/**
 * The rule's input: one row per enterprise, read from a CSV file (English or Chinese headers)
 * or from JSON records (the HTTP API), into columns of typed arrays so that a million firms
 * cost a few tens of megabytes and no object per firm. A file or request with any invalid
 * cell is refused as a whole, with every problem found (up to MAX_PROBLEMS) at its line and
 * column, or JSON path.
 */

export const SCALE_ABOVE = 1;
export const SCALE_BELOW = 0;

export interface EnterpriseTable {
  readonly count: number;
  readonly ids: readonly string[];
  /** Empty when the table was read with `keepNames: false` (an output without names). */
  readonly names: readonly (string | undefined)[];
  /** SCALE_ABOVE (规上) or SCALE_BELOW (规下). */
  readonly scale: Uint8Array;
  /** Integer fen. */
  readonly revenue: Float64Array;
  /** Integer fen. */
  readonly rdExpense: Float64Array;
  /** Integer fen. */
  readonly rdExpensePrev: Float64Array;
  /** 0/1. */
  readonly highTech: Uint8Array;
  /** 0/1. */
  readonly gazelle: Uint8Array;
  /** 0/1, 1 when not given. */
  readonly superDeduction: Uint8Array;
  readonly cities: readonly (string | undefined)[];
  readonly industries: readonly (string | undefined)[];
  /** 统一社会信用代码, checked, in capitals; undefined when not given. */
  readonly creditCodes: readonly (string | undefined)[];
  /** The date of the 高新技术企业 certificate as a day number (`dayNumber`), 0 when not given. */
  readonly highTechDate: Int32Array;
  /** The last day the 瞪羚企业 recognition is valid, as a day number, 0 when not given. */
  readonly gazelleValidUntil: Int32Array;
}

export type EnterpriseFieldKind = 'id' | 'text' | 'scale' | 'amount' | 'boolean' | 'credit_code' | 'date';

export interface EnterpriseField {
  /** The JSON field name, also accepted as a CSV header. */
  readonly name: string;
  /** The Chinese CSV / XLSX header. */
  readonly zh: string;
  readonly required: boolean;
  readonly kind: EnterpriseFieldKind;
  /** The value of an empty or absent boolean. */
  readonly default?: boolean;
}

/** The input columns as docs/rd-incentive.md lists them: what both parsers accept, and the help text. */
export const ENTERPRISE_FIELDS = [
  { name: 'id', zh: '企业编号', required: true, kind: 'id' },
  { name: 'name', zh: '企业名称', required: false, kind: 'text' },
  { name: 'scale', zh: '规模', required: true, kind: 'scale' },
  { name: 'revenue', zh: '主营业务收入', required: true, kind: 'amount' },
  { name: 'rd_expense', zh: '研发费用', required: true, kind: 'amount' },
  { name: 'rd_expense_prev', zh: '上年研发费用', required: true, kind: 'amount' },
  { name: 'high_tech', zh: '高新技术企业', required: false, kind: 'boolean', default: false },
  { name: 'gazelle', zh: '瞪羚企业', required: false, kind: 'boolean', default: false },
  { name: 'super_deduction', zh: '享受加计扣除', required: false, kind: 'boolean', default: true },
  { name: 'city', zh: '所属城市', required: false, kind: 'text' },
  { name: 'industry', zh: '行业', required: false, kind: 'text' },
  { name: 'credit_code', zh: '统一社会信用代码', required: false, kind: 'credit_code' },
  { name: 'high_tech_date', zh: '高新技术企业证书日期', required: false, kind: 'date' },
  { name: 'gazelle_valid_until', zh: '瞪羚企业有效期至', required: false, kind: 'date' },
] as const satisfies readonly EnterpriseField[];

export type EnterpriseFieldName = (typeof ENTERPRISE_FIELDS)[number]['name'];

const MAX_INTERNED = 10_000;

/** Reads the enterprise table from CSV text, refusing it whole if any cell is invalid. */
export function parseEnterprisesCsv(text: string): Result<EnterpriseTable> {
  const reader = enterpriseTableReader();
  readCsvPieces([text], reader);
  const read = reader.finish();
  return read.ok ? ok(read.value.value) : read;
}

/**
 * The enterprise table from a table as it is read: pass the reader to `CsvReader` (or `readCsvPieces`), or to
 * `@bagui/sheets`' readXlsx as its visitor, then `finish()`. Headers map as docs/rd-incentive.md's
 * header contract says (units, ignored columns as a warning); a date cell where an amount
 * belongs is refused; with `excludeInvalid`, invalid rows are left out and listed.
 */
export function enterpriseTableReader(options: TableReadOptions = {}): TableReader<EnterpriseTable> {
  const problems = new ProblemList();
  const builder = new TableBuilder(problems, options.excludeInvalid === true, options.keepNames !== false);
  const row = new CsvRow(problems);
  let warnings: readonly Problem[] = [];
  let invalidRows = 0;
  return {
    header: (cells) => {
      const map = row.setHeader(cells);
      warnings = map.warnings;
      return map.used;
    },
    record: (cells, line, info) => {
      if (!builder.add(row.at(cells, line, info))) invalidRows++;
    },
    spans: (record, line) => {
      if (!builder.add(row.atSpans(record, line))) invalidRows++;
    },
    bytes: (record, line) => {
      if (!builder.add(row.atBytes(record, line))) invalidRows++;
    },
    problem: (found) => {
      if ((found.location?.line ?? 1) > 1) invalidRows++;
      problems.add(found);
    },
    finish: () => {
      const table = builder.finish();
      return finishTable(problems, { value: table, rows: table.count, invalidRows, warnings }, options);
    },
  };
}

/**
 * Reads the enterprise table from JSON records with the English field names. Amounts are
 * strings in any accepted spelling, or JSON numbers when exact; booleans are JSON booleans or
 * the accepted strings. An unknown field is refused, so that a misspelt one is never dropped.
 * Problems are located by `path: [...basePath, index, field]`.
 */
export function enterprisesFromRecords(records: readonly unknown[], basePath: readonly (string | number)[] = []): Result<EnterpriseTable> {
  const problems = new ProblemList();
  const builder = new TableBuilder(problems);
  const row = new JsonRow(basePath, problems);
  for (let index = 0; index < records.length; index++) {
    if (row.at(records[index], index)) builder.add(row);
  }
  return problems.result(builder.finish());
}

// ---------------------------------------------------------------------------------------------
// One validation of a row, fed either by a CSV record or by a JSON object.

const FIELD_COUNT = ENTERPRISE_FIELDS.length;
const ID = fieldIndex('id');
const NAME = fieldIndex('name');
const SCALE = fieldIndex('scale');
const REVENUE = fieldIndex('revenue');
const RD_EXPENSE = fieldIndex('rd_expense');
const RD_EXPENSE_PREV = fieldIndex('rd_expense_prev');
const HIGH_TECH = fieldIndex('high_tech');
const GAZELLE = fieldIndex('gazelle');
const SUPER_DEDUCTION = fieldIndex('super_deduction');
const CITY = fieldIndex('city');
const INDUSTRY = fieldIndex('industry');
const CREDIT_CODE = fieldIndex('credit_code');
const HIGH_TECH_DATE = fieldIndex('high_tech_date');
const GAZELLE_VALID_UNTIL = fieldIndex('gazelle_valid_until');

function fieldIndex(name: EnterpriseFieldName): number {
  return ENTERPRISE_FIELDS.findIndex((field) => field.name === name);
}

function fieldAt(index: number): EnterpriseField {
  const field = ENTERPRISE_FIELDS[index];
  if (field === undefined) throw new RangeError(`no enterprise field ${index}`);
  return field;
}

/**
 * What a source gives for one field of the current row: the text to validate, `undefined`
 * when the field is absent or empty (its default, or REQUIRED), or `null` when the source has
 * already reported it (a missing column, a JSON value of the wrong type).
 */
type Cell = string | undefined | null;

interface RowSource {
  cell(field: number): Cell;
  /** Where the given field of this row is, for a problem; `value` is the text as written. */
  locate(field: number, value: string | undefined): Location;
  /** The row's position (line or record index), and how to name another row's in a message. */
  readonly position: number;
  describe(position: number): string;
  /** The unit (0 元, 4 万元, 8 亿元) a table's header gives the field's column, or -1. */
  unit?(field: number): number;
  /**
   * For speed, the value of a field whose cell is in its commonest spelling (a plain amount in
   * yuan, `true`/`false`, `above`/`below`), read without building its text; -1 for any other
   * cell, which is then read from its text. Must agree with that reading wherever it answers.
   */
  quick?(field: number, kind: EnterpriseFieldKind): number;
  /** For speed, a text field's value (city, industry) when its cell was seen before as written; else undefined. */
  known?(field: number): string | undefined;
  /** Remembers that the text field's cell, as written (`raw`), reads as `value`. */
  learn?(field: number, raw: string, value: string): void;
}

const EXPECTED: Record<EnterpriseFieldKind, string> = {
  id: `an id of 1–${MAX_ID_LENGTH} characters that no other enterprise uses`,
  text: 'any text',
  scale: 'above or below (规上 or 规下)',
  amount: 'an amount in yuan, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万 or 0.05亿元',
  boolean: 'true or false (also 1/0, yes/no, y/n, 是/否)',
  credit_code: 'an 18-character 统一社会信用代码, e.g. 91350100M000100Y43',
  date: 'a date, e.g. 2019-11-30 (also 2019/11/30, 2019.11.30 or 2019年11月30日)',
};

function label(field: EnterpriseField): string {
  return `${field.name} (${field.zh})`;
}

/** Growable columns; rows are appended while no problem has been found, and kept only then. */
class TableBuilder {
  private count = 0;
  private capacity = 1024;
  /**
   * The kept rows' ids; undefined while they are the id index's entries (every id indexed was
   * kept, as in a table without invalid rows), which then serve as the column: no second array
   * of a million pointers.
   */
  private ids: string[] | undefined;
  private readonly names: (string | undefined)[] = [];
  private readonly cities = new CodedColumn();
  private readonly industries = new CodedColumn();
  /** Created at the first row that gives a credit code (most tables give none). */
  private creditCodes: (string | undefined)[] | undefined;
  private highTechDate = new Int32Array(this.capacity);
  private gazelleValidUntil = new Int32Array(this.capacity);
  private scale = new Uint8Array(this.capacity);
  private revenue = new Float64Array(this.capacity);
  private rdExpense = new Float64Array(this.capacity);
  private rdExpensePrev = new Float64Array(this.capacity);
  private highTech = new Uint8Array(this.capacity);
  private gazelle = new Uint8Array(this.capacity);
  private superDeduction = new Uint8Array(this.capacity);
  /** Each id seen, with the position of the row that first used it. */
  private seen = new IdIndex();
  private readonly interned = new Map<string, string>();
  // The current row, reused for every row.
  private readonly texts: (string | undefined)[] = new Array<string | undefined>(FIELD_COUNT);
  private readonly numbers = new Float64Array(FIELD_COUNT);

  constructor(
    private readonly problems: ProblemList,
    /** Keep the valid rows of a table with invalid ones (they are left out, and listed). */
    private readonly excludeInvalid = false,
    /** Keep the names (false: `names` is left empty; see TableReadOptions.keepNames). */
    private readonly keepNames = true,
  ) {}

  /** Validates a row and keeps it; false when it is invalid. */
  add(source: RowSource): boolean {
    let valid = true;
    let revenueRead = false;
    let scaleRead = false;
    for (let field = 0; field < FIELD_COUNT; field++) {
      const read = this.read(source, field);
      if (field === REVENUE) revenueRead = read;
      if (field === SCALE) scaleRead = read;
      if (!read) valid = false;
    }
    if (scaleRead && revenueRead && this.numbers[SCALE] === SCALE_ABOVE && this.numbers[REVENUE] === 0) {
      valid = false;
      this.report(
        source,
        REVENUE,
        'ENTERPRISE.REVENUE_ZERO_ABOVE',
        () =>
          'revenue (主营业务收入) is 0 for an above-scale (规上) enterprise, whose R&D intensity is ' +
          'rd_expense / revenue: give its main business revenue, above 0, or set scale to below (规下)',
        source.cell(REVENUE) ?? undefined,
      );
    }
    // A refused input returns nothing, so rows are kept only while no problem has been found
    // (or, when invalid rows are left out, every valid one).
    if (valid && (this.excludeInvalid || this.problems.empty)) this.append();
    return valid;
  }

  finish(): EnterpriseTable {
    const n = this.count;
    const indexed = this.seen.entries;
    const ids = this.ids ?? (indexed.length === n ? indexed : indexed.slice(0, n));
    // The id index is done with: a million ids' slots need not live on through the evaluation.
    this.seen = new IdIndex();
    return {
      count: n,
      ids,
      names: this.names,
      scale: fitted(this.scale, n),
      revenue: fitted(this.revenue, n),
      rdExpense: fitted(this.rdExpense, n),
      rdExpensePrev: fitted(this.rdExpensePrev, n),
      highTech: fitted(this.highTech, n),
      gazelle: fitted(this.gazelle, n),
      superDeduction: fitted(this.superDeduction, n),
      cities: this.cities.finish(n),
      industries: this.industries.finish(n),
      creditCodes: this.creditCodes ?? new Array<string | undefined>(n).fill(undefined),
      highTechDate: fitted(this.highTechDate, n),
      gazelleValidUntil: fitted(this.gazelleValidUntil, n),
    };
  }

  /** Validates one field into `texts`/`numbers`; false when it is invalid. */
  private read(source: RowSource, index: number): boolean {
    const field = fieldAt(index);
    if (index === NAME && !this.keepNames) return true; // any text is a valid name: nothing to check
    if (source.quick !== undefined) {
      const quick = source.quick(index, field.kind);
      if (quick >= 0) {
        this.numbers[index] = quick;
        return true;
      }
    }
    if (field.kind === 'text' && index !== NAME && source.known !== undefined) {
      const known = source.known(index);
      if (known !== undefined) {
        this.texts[index] = known;
        return true;
      }
    }
    const raw = source.cell(index);
    if (raw === null) return false;
    const unit = source.unit?.(index) ?? -1;
    if (field.kind === 'amount' && unit <= 0) {
      const fast = raw === undefined ? -1 : parsePlainYuan(raw);
      if (fast >= 0) {
        this.numbers[index] = fast;
        return true;
      }
    }
    const text = raw === undefined ? '' : raw.trim();
    if (text === '') {
      if (field.required) {
        this.report(source, index, 'ENTERPRISE.REQUIRED', () => `${label(field)} is required: give ${EXPECTED[field.kind]}`, raw);
        return false;
      }
      this.texts[index] = undefined;
      this.numbers[index] = field.kind === 'boolean' && field.default === true ? 1 : 0;
      return true;
    }
    switch (field.kind) {
      case 'id':
        return this.readId(source, index, nfc(text), raw);
      case 'text':
        if (index === NAME) this.texts[index] = detached(nfc(text));
        else {
          const value = this.intern(nfc(text));
          this.texts[index] = value;
          if (raw !== undefined) source.learn?.(index, raw, value);
        }
        return true;
      case 'scale': {
        const scale = parseScale(text);
        if (scale === undefined) {
          this.report(
            source,
            index,
            'ENTERPRISE.SCALE_INVALID',
            () => `${label(field)} must be above or below (规上 or 规下 in Chinese)`,
            raw,
          );
          return false;
        }
        this.numbers[index] = scale;
        return true;
      }
      case 'amount': {
        const amount = unit === -1 ? parseAmount(text) : parseAmountIn(text, unit === 8 ? 8 : unit === 4 ? 4 : 0);
        if (!amount.ok) {
          for (const found of amount.problems) {
            this.report(source, index, found.code, () => `${label(field)}: ${found.message}`, raw);
          }
          return false;
        }
        this.numbers[index] = amount.value;
        return true;
      }
      case 'boolean': {
        const value = parseBoolean(text);
        if (value === undefined) {
          const fallback = String(field.default);
          this.report(
            source,
            index,
            'ENTERPRISE.BOOLEAN_INVALID',
            () => `${label(field)} must be ${EXPECTED.boolean}, or empty for the default (${fallback})`,
            raw,
          );
          return false;
        }
        this.numbers[index] = value ? 1 : 0;
        return true;
      }
      case 'credit_code': {
        const code = parseCreditCode(text);
        if (!code.ok) {
          for (const found of code.problems) this.report(source, index, found.code, () => `${label(field)}: ${found.message}`, raw);
          return false;
        }
        this.texts[index] = code.value;
        return true;
      }
      case 'date': {
        const day = parseDay(text);
        if (day === undefined) {
          this.report(source, index, 'ENTERPRISE.DATE_INVALID', () => `${label(field)} must be ${EXPECTED.date}`, raw);
          return false;
        }
        this.numbers[index] = day;
        return true;
      }
    }
  }

  private readId(source: RowSource, index: number, id: string, raw: string | undefined): boolean {
    // Counted in characters (code points), not UTF-16 units, so a Chinese id of 64 characters fits.
    if (id.length > MAX_ID_LENGTH && [...id].length > MAX_ID_LENGTH) {
      this.report(
        source,
        index,
        'ENTERPRISE.ID_TOO_LONG',
        () => `id (企业编号) has ${[...id].length} characters: give ${EXPECTED.id}`,
        raw,
      );
      return false;
    }
    const first = this.seen.get(id);
    if (first !== undefined) {
      this.report(
        source,
        index,
        'ENTERPRISE.ID_DUPLICATE',
        () => `id (企业编号) ${JSON.stringify(id)} is already used by ${source.describe(first)}: ` + `every enterprise needs its own id`,
        raw,
      );
      return false;
    }
    const own = detached(id);
    this.seen.set(own, source.position);
    this.texts[index] = own;
    return true;
  }

  /** One string per distinct city or industry rather than one per row. */
  private intern(text: string): string {
    const known = this.interned.get(text);
    if (known !== undefined) return known;
    const own = detached(text);
    if (this.interned.size < MAX_INTERNED) this.interned.set(own, own);
    return own;
  }

  private report(source: RowSource, field: number, code: string, message: () => string, raw?: string): void {
    if (this.problems.full) this.problems.count();
    else this.problems.add(problem(code, message(), source.locate(field, raw)));
  }

  private append(): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    const n = this.numbers;
    if (this.ids !== undefined) this.ids.push(this.texts[ID] ?? '');
    else if (this.seen.entries.length !== i + 1) {
      // An id was indexed for a row not kept (invalid): the kept ids are the entries before it
      // (this row's is the last entry), and from now on a column of their own.
      this.ids = this.seen.entries.slice(0, i);
      this.ids.push(this.texts[ID] ?? '');
    }
    if (this.keepNames) this.names.push(this.texts[NAME]);
    this.cities.set(i, this.texts[CITY]);
    this.industries.set(i, this.texts[INDUSTRY]);
    const creditCode = this.texts[CREDIT_CODE];
    if (creditCode !== undefined || this.creditCodes !== undefined) {
      this.creditCodes ??= new Array<string | undefined>(i).fill(undefined);
      this.creditCodes.push(creditCode);
    }
    this.highTechDate[i] = n[HIGH_TECH_DATE] ?? 0;
    this.gazelleValidUntil[i] = n[GAZELLE_VALID_UNTIL] ?? 0;
    this.scale[i] = n[SCALE] ?? 0;
    this.revenue[i] = n[REVENUE] ?? 0;
    this.rdExpense[i] = n[RD_EXPENSE] ?? 0;
    this.rdExpensePrev[i] = n[RD_EXPENSE_PREV] ?? 0;
    this.highTech[i] = n[HIGH_TECH] ?? 0;
    this.gazelle[i] = n[GAZELLE] ?? 0;
    this.superDeduction[i] = n[SUPER_DEDUCTION] ?? 0;
  }

  private grow(): void {
    this.capacity *= 2;
    this.scale = grown(this.scale, new Uint8Array(this.capacity));
    this.revenue = grown(this.revenue, new Float64Array(this.capacity));
    this.rdExpense = grown(this.rdExpense, new Float64Array(this.capacity));
    this.rdExpensePrev = grown(this.rdExpensePrev, new Float64Array(this.capacity));
    this.highTech = grown(this.highTech, new Uint8Array(this.capacity));
    this.gazelle = grown(this.gazelle, new Uint8Array(this.capacity));
    this.superDeduction = grown(this.superDeduction, new Uint8Array(this.capacity));
    this.highTechDate = grown(this.highTechDate, new Int32Array(this.capacity));
    this.gazelleValidUntil = grown(this.gazelleValidUntil, new Int32Array(this.capacity));
  }
}

/**
 * A column of few distinct texts (cities, industries) kept as a code per row while the table is
 * read (no pointer stored per row into a growing array, which the garbage collector must track),
 * and given as an array once its length is known.
 */
class CodedColumn {
  private codes = new Int32Array(1024);
  private readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  /** Row `i`'s text (rows are set in order, each once). */
  set(i: number, value: string | undefined): void {
    if (i === this.codes.length) this.codes = grown(this.codes, new Int32Array(i * 2));
    let code = 0;
    if (value !== undefined) {
      code = this.index.get(value) ?? 0;
      if (code === 0) {
        this.values.push(value);
        code = this.values.length;
        this.index.set(value, code);
      }
    }
    this.codes[i] = code;
  }

  /** The first `n` rows' texts. */
  finish(n: number): (string | undefined)[] {
    const out = new Array<string | undefined>(n);
    const { codes, values } = this;
    for (let i = 0; i < n; i++) {
      const code = codes[i] ?? 0;
      out[i] = code === 0 ? undefined : values[code - 1];
    }
    return out;
  }
}

/**
 * A copy of `text` that does not keep its source alive. V8 represents a substring of 13 or more
 * characters as a slice of its parent (v8:2869), so one kept cell would otherwise hold the
 * whole input file in memory for as long as the table lives.
 */
function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/**
 * The ids seen, each with the position of the row that first used it: a Map's answers, from an
 * open-addressing table of row numbers over two arrays, which costs a fifth of a Map's time and
 * far less garbage on a million ids.
 */
class IdIndex {
  private readonly ids: string[] = [];
  private positions: number[] = [];
  /** Two Int32 per slot: the entry (1-based, 0 for none) and its id's hash, side by side (one cache line per probe). */
  private slots = new Int32Array(2 << 12);
  private mask = (1 << 12) - 1;
  /** The hash and the free slot where `get` stopped, for the `set` that follows a miss. */
  private lastId: string | undefined;
  private lastHash = 0;
  private lastSlot = 0;

  /** The ids indexed, in the order added. */
  get entries(): readonly string[] {
    return this.ids;
  }

  get(id: string): number | undefined {
    const slots = this.slots;
    const h = hashOf(id);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = slots[slot * 2] ?? 0;
      if (entry === 0) {
        this.lastId = id;
        this.lastHash = h;
        this.lastSlot = slot;
        return undefined;
      }
      if (slots[slot * 2 + 1] === h && this.ids[entry - 1] === id) return this.positions[entry - 1];
    }
  }

  /** Adds an id not yet in the index. */
  set(id: string, position: number): void {
    this.ids.push(id);
    this.positions.push(position);
    const entry = this.ids.length;
    if (entry * 4 > this.slots.length) this.rehash(this.slots.length);
    else if (this.lastId === id) {
      this.slots[this.lastSlot * 2] = entry;
      this.slots[this.lastSlot * 2 + 1] = this.lastHash;
    } else this.place(hashOf(id), entry);
    this.lastId = undefined;
  }

  private place(h: number, entry: number): void {
    const slots = this.slots;
    let slot = h & this.mask;
    while ((slots[slot * 2] ?? 0) !== 0) slot = (slot + 1) & this.mask;
    slots[slot * 2] = entry;
    slots[slot * 2 + 1] = h;
  }

  /** Doubles the slots (`size` Int32 now), placing every entry again, the one just added too. */
  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
    for (let slot = 0; slot < old.length; slot += 2) {
      const entry = old[slot] ?? 0;
      if (entry !== 0) this.place(old[slot + 1] ?? 0, entry);
    }
    const last = this.ids.length;
    this.place(hashOf(this.ids[last - 1] as string), last);
  }
}

/**
 * Short cells as written (a city, an industry) and what they read as, looked up from a span of
 * the text being read, so that a cell seen before costs no string (at most MAX_INTERNED kept).
 */
class SpanTexts {
  private keys: string[] = [];
  private values: string[] = [];
  private slots = new Int32Array(1 << 8);
  private hashes = new Int32Array(1 << 8);
  private mask = (1 << 8) - 1;

  get(text: string, from: number, to: number): string | undefined {
    if (from === to || this.keys.length === 0) return undefined;
    const h = hashSpan(text, from, to);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) return undefined;
      if (this.hashes[slot] === h) {
        const key = this.keys[entry - 1] as string;
        if (key.length === to - from && text.startsWith(key, from)) return this.values[entry - 1];
      }
    }
  }

  set(key: string, value: string): void {
    if (key.length === 0 || this.keys.length >= MAX_INTERNED) return;
    if (this.get(key, 0, key.length) !== undefined) return;
    this.keys.push(key);
    this.values.push(value);
    if (this.keys.length * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      this.hashes = new Int32Array(this.slots.length);
      this.mask = this.slots.length - 1;
      for (let entry = 1; entry <= this.keys.length; entry++) this.place(this.keys[entry - 1] as string, entry);
    } else this.place(key, this.keys.length);
  }

  private place(key: string, entry: number): void {
    const h = hashSpan(key, 0, key.length);
    let slot = h & this.mask;
    while ((this.slots[slot] ?? 0) !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = entry;
    this.hashes[slot] = h;
  }
}

/** hashOf over `text` from `from` to `to`. */
function hashSpan(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 12);
}

/** FNV-1a over UTF-16 units, mixed so that ids differing in their last characters spread. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 12);
}

/**
 * The first `n` values of a column: a view when the column is mostly full (no copy of a million
 * rows' columns at the peak of memory), else a copy that lets the larger buffer go.
 */
function fitted<T extends Uint8Array | Int32Array | Float64Array>(column: T, n: number): T {
  return (n * 4 >= column.length * 3 ? column.subarray(0, n) : column.slice(0, n)) as T;
}

function grown<T extends Uint8Array | Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** `2019-11-30`, `2019/11/30`, `2019.11.30`, `2019年11月30日` (month and day in one or two digits). */
const DAY = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/u;

/** A calendar date as its `dayNumber`, or undefined. */
export function parseDay(text: string): number | undefined {
  const m = DAY.exec(text);
  if (m === null) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5])];
  if (year < 1900 || year > 2199) return undefined;
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return dayNumber(time);
}

/** Days since 1899-12-31 of a UTC midnight (an exact multiple of a day): 1900-01-01 is day 1, so 0 can mean "not given". */
export function dayNumber(utcMilliseconds: number): number {
  return utcMilliseconds / 86_400_000 + 25_568;
}

/** A day number as `YYYY-MM-DD`. */
export function dayText(day: number): string {
  return new Date((day - 25_568) * 86_400_000).toISOString().slice(0, 10);
}

function parseScale(text: string): number | undefined {
  switch (text.toLowerCase()) {
    case 'above':
    case '规上':
    case '规模以上':
      return SCALE_ABOVE;
    case 'below':
    case '规下':
    case '规模以下':
      return SCALE_BELOW;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Sources.

const FIELD_NAMES = new Set<string>(ENTERPRISE_FIELDS.map((field) => field.name));

const ACCEPTED_FIELDS = ENTERPRISE_FIELDS.map((field) => field.name).join(', ');

/** A table's record seen through the header: column of each field, its unit, and locations by header. */
class CsvRow implements RowSource {
  private map: HeaderMap | undefined;
  private cells: readonly string[] = [];
  private spans: CsvSpans | undefined;
  private bytes: CsvByteSpans | undefined;
  private info: TableRowInfo | undefined;
  /** City and industry cells as written, read from their spans without a string per cell. */
  private readonly texts = new SpanTexts();
  /** The same from their UTF-8 bytes. */
  private readonly byteTexts = new ByteTexts(MAX_INTERNED);
  position = 0;

  constructor(private readonly problems: ProblemList) {}

  /** The columns read, and the warnings of the header. */
  setHeader(cells: readonly string[]): HeaderMap {
    this.map = mapHeader(ENTERPRISE_FIELDS, cells, this.problems);
    return this.map;
  }

  at(cells: readonly string[], line: number, info?: TableRowInfo): this {
    this.cells = cells;
    this.spans = undefined;
    this.bytes = undefined;
    this.position = line;
    this.info = info;
    return this;
  }

  /** A CSV record given as spans (CsvVisitor's `spans`): cells are built only when read as text. */
  atSpans(record: CsvSpans, line: number): this {
    this.spans = record;
    this.bytes = undefined;
    this.position = line;
    this.info = undefined;
    return this;
  }

  /** A CSV record given as spans of its UTF-8 bytes (CsvVisitor's `bytes`): cells are decoded only when read as text. */
  atBytes(record: CsvByteSpans, line: number): this {
    this.bytes = record;
    this.spans = undefined;
    this.position = line;
    this.info = undefined;
    return this;
  }

  quick(field: number, kind: EnterpriseFieldKind): number {
    if (this.bytes !== undefined) return this.quickBytes(this.bytes, field, kind);
    const spans = this.spans;
    const map = this.map;
    if (spans === undefined || map === undefined) return -1;
    const column = map.columns[field] ?? -1;
    if (column === -1) return -1;
    const text = spans.text;
    const from = spans.starts[column] ?? 0;
    const to = spans.ends[column] ?? 0;
    switch (kind) {
      case 'amount': {
        const unit = map.units[field] ?? -1;
        if (unit > 0) return -1;
        const plain = parsePlainYuanAt(text, from, to);
        return plain >= 0 || unit === 0 ? plain : parseWanAt(text, from, to);
      }
      case 'boolean':
        if (to - from === 4 && text.startsWith('true', from)) return 1;
        if (to - from === 5 && text.startsWith('false', from)) return 0;
        return -1;
      case 'scale':
        if (to - from !== 5) return -1;
        if (text.startsWith('above', from)) return SCALE_ABOVE;
        if (text.startsWith('below', from)) return SCALE_BELOW;
        return -1;
      default:
        return -1;
    }
  }

  /** `quick` on a record's bytes: the same spellings, the same values. */
  private quickBytes(record: CsvByteSpans, field: number, kind: EnterpriseFieldKind): number {
    const map = this.map;
    const column = map?.columns[field] ?? -1;
    if (map === undefined || column === -1) return -1;
    const bytes = record.bytes;
    const from = record.starts[column] ?? 0;
    const to = record.ends[column] ?? 0;
    switch (kind) {
      case 'amount': {
        const unit = map.units[field] ?? -1;
        if (unit > 0) return -1;
        const plain = parsePlainYuanBytes(bytes, from, to);
        return plain >= 0 || unit === 0 ? plain : parseWanBytes(bytes, from, to);
      }
      case 'boolean':
        // true, false
        if (to - from === 4 && bytes[from] === 0x74 && bytes[from + 1] === 0x72 && bytes[from + 2] === 0x75 && bytes[from + 3] === 0x65)
          return 1;
        if (
          to - from === 5 &&
          bytes[from] === 0x66 &&
          bytes[from + 1] === 0x61 &&
          bytes[from + 2] === 0x6c &&
          bytes[from + 3] === 0x73 &&
          bytes[from + 4] === 0x65
        )
          return 0;
        return -1;
      case 'scale':
        // above, below
        if (to - from !== 5) return -1;
        if (
          bytes[from] === 0x61 &&
          bytes[from + 1] === 0x62 &&
          bytes[from + 2] === 0x6f &&
          bytes[from + 3] === 0x76 &&
          bytes[from + 4] === 0x65
        )
          return SCALE_ABOVE;
        if (
          bytes[from] === 0x62 &&
          bytes[from + 1] === 0x65 &&
          bytes[from + 2] === 0x6c &&
          bytes[from + 3] === 0x6f &&
          bytes[from + 4] === 0x77
        )
          return SCALE_BELOW;
        return -1;
      default:
        return -1;
    }
  }

  known(field: number): string | undefined {
    if (this.bytes !== undefined) {
      const column = this.map?.columns[field] ?? -1;
      if (column === -1) return undefined;
      return this.byteTexts.get(this.bytes.bytes, this.bytes.starts[column] ?? 0, this.bytes.ends[column] ?? 0);
    }
    const spans = this.spans;
    const column = this.map?.columns[field] ?? -1;
    if (spans === undefined || column === -1) return undefined;
    return this.texts.get(spans.text, spans.starts[column] ?? 0, spans.ends[column] ?? 0);
  }

  learn(field: number, raw: string, value: string): void {
    if (this.bytes !== undefined) {
      const column = this.map?.columns[field] ?? -1;
      if (column !== -1) this.byteTexts.set(this.bytes.bytes, this.bytes.starts[column] ?? 0, this.bytes.ends[column] ?? 0, value);
    } else if (this.spans !== undefined) this.texts.set(detached(raw), value);
  }

  cell(field: number): Cell {
    const column = this.map?.columns[field] ?? -1;
    if (column === -1) return fieldAt(field).required ? null : undefined;
    const bytes = this.bytes;
    if (bytes !== undefined) return utf8Text(bytes.bytes, bytes.starts[column] ?? 0, bytes.ends[column] ?? 0);
    const spans = this.spans;
    if (spans !== undefined) return spans.text.substring(spans.starts[column] ?? 0, spans.ends[column] ?? 0);
    const text = this.cells[column];
    if (this.info !== undefined && this.info.cells[column]?.kind === 'date' && fieldAt(field).kind === 'amount') {
      this.problems.add(dateWhereAmount(label(fieldAt(field)), this.locate(field, text)));
      return null;
    }
    return text;
  }

  /** The unit the header gives field's column, or -1. */
  unit(field: number): number {
    return this.map?.units[field] ?? -1;
  }

  locate(field: number, value: string | undefined): Location {
    const column = this.map?.columns[field] ?? -1;
    const header = this.map?.headers[column] ?? fieldAt(field).name;
    return { line: this.position, column: header, value: value ?? '' };
  }

  describe(line: number): string {
    return `line ${line}`;
  }
}

/** A JSON record: checks its shape and field types, then gives each field as text. */
class JsonRow implements RowSource {
  private readonly values: Cell[] = new Array<Cell>(FIELD_COUNT);
  position = 0;

  constructor(
    private readonly basePath: readonly (string | number)[],
    private readonly problems: ProblemList,
  ) {}

  /** Loads record `index`; false when it is not an object (the problem is reported). */
  at(record: unknown, index: number): boolean {
    this.position = index;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      this.problems.add(
        problem('ENTERPRISE.NOT_AN_OBJECT', `an enterprise must be a JSON object with the fields ${ACCEPTED_FIELDS}`, {
          path: [...this.basePath, index],
          value: jsonText(record),
        }),
      );
      return false;
    }
    const fields = record as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (!FIELD_NAMES.has(key)) {
        this.problems.add(
          problem(
            'ENTERPRISE.UNKNOWN_FIELD',
            `unknown field ${JSON.stringify(key)}${suggestField(ENTERPRISE_FIELDS, key, true)}: ` +
              `the accepted fields are ${ACCEPTED_FIELDS}`,
            { path: [...this.basePath, index, key], value: jsonText(fields[key]) },
          ),
        );
      }
    }
    ENTERPRISE_FIELDS.forEach((field, f) => {
      const value = Object.hasOwn(fields, field.name) ? fields[field.name] : undefined;
      this.values[f] = this.text(field, f, value);
    });
    return true;
  }

  cell(field: number): Cell {
    return this.values[field];
  }

  locate(field: number, value: string | undefined): Location {
    const path = [...this.basePath, this.position, fieldAt(field).name];
    return value === undefined ? { path } : { path, value };
  }

  describe(index: number): string {
    return this.basePath.length === 0 ? `the record at index ${index}` : `the record at ${[...this.basePath, index].join('.')}`;
  }

  /** The text to validate for a JSON value, or null after reporting a value of the wrong type. */
  private text(field: EnterpriseField, index: number, value: unknown): Cell {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    // A number's shortest spelling is what the JSON meant, and the amount rules then apply to
    // it: 1e21 is exponent notation, 0.1 + 0.2 has too many decimals, -5 is negative.
    if (field.kind === 'amount' && typeof value === 'number') return String(value);
    if (field.kind === 'boolean' && typeof value === 'boolean') return value ? 'true' : 'false';
    const wanted =
      field.kind === 'amount'
        ? 'a string such as "5000000.00" or "500万", or an exact JSON number'
        : field.kind === 'boolean'
          ? 'true or false, or one of the strings "1"/"0", "yes"/"no", "y"/"n", "是"/"否"'
          : 'a string';
    const message = `${label(field)} must be ${wanted}, not ${jsonType(value)}`;
    this.problems.add(problem('ENTERPRISE.WRONG_TYPE', message, this.locate(index, jsonText(value))));
    return null;
  }
}
