import type { ApplicantFieldInfo } from '@bagui/core/programmes';
import { dayText } from '@bagui/core/programmes/rd-incentive';
import type { Lang } from './explain.js';
import type { ColumnKind, TableColumn, TableSpec, TableValue } from './table.js';

/** What a result table needs of an evaluation: core's ProgrammeOutcome and RdEvaluation both give it. */
export interface ResultFigures {
  readonly ids: readonly string[];
  /** Integer fen, per applicant in input order. */
  readonly entitlements: ArrayLike<number>;
  readonly awards: ArrayLike<number>;
}

/** A column computed per applicant, beside the input columns (e.g. R&D intensity). */
export interface ExtraColumn {
  readonly column: TableColumn;
  value(index: number): TableValue;
}

export interface ResultTableInput {
  readonly sheet: string;
  /** The programme's applicant fields (`programme.applicantFields`, or core's ENTERPRISE_FIELDS). */
  readonly fields: readonly ApplicantFieldInfo[];
  /** Applicant `index` by field name: amounts in integer fen, flags as booleans, decimals as anything with toString. */
  applicant(index: number): Readonly<Record<string, unknown>>;
  readonly figures: ResultFigures;
  readonly extra?: readonly ExtraColumn[];
  readonly lang: Lang;
}

const KIND: Readonly<Record<string, ColumnKind>> = { amount: 'amount', boolean: 'boolean', count: 'count', decimal: 'decimal' };

/**
 * One programme's result as a table: each applicant's input columns (headed as the readers
 * accept them, so the sheet reads back as applicants), any extra columns, then its entitlement and
 * award, with a totals row.
 */
export function resultTable(input: ResultTableInput): TableSpec {
  const { fields, figures, lang } = input;
  const extra = input.extra ?? [];
  const zh = lang === 'zh';
  const columns: TableColumn[] = [
    ...fields.map((f) => ({ header: zh ? f.zh : f.name, kind: KIND[f.kind] ?? 'text', total: f.kind === 'amount' })),
    ...extra.map((e) => e.column),
    { header: zh ? '应得额' : 'entitlement', kind: 'amount', total: true },
    { header: zh ? '资助额' : 'award', kind: 'amount', total: true },
  ];
  const count = figures.ids.length;
  function* rows(): Generator<TableValue[]> {
    for (let i = 0; i < count; i++) {
      const record = input.applicant(i);
      const values: TableValue[] = fields.map((f) => tableValue(record[f.name]));
      for (const e of extra) values.push(e.value(i));
      values.push(figures.entitlements[i] ?? 0, figures.awards[i] ?? 0);
      yield values;
    }
  }
  return { sheet: input.sheet, columns, rows: rows(), count, totalsLabel: zh ? '合计' : 'Total' };
}

function tableValue(value: unknown): TableValue {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // Decimals and bigints print their digits; nothing else reaches a results table.
  const other: unknown = value;
  return String(other);
}

/** What `enterpriseRecord` reads of core's EnterpriseTable (rd_incentive's typed columns). */
export interface EnterpriseColumns {
  readonly ids: readonly string[];
  readonly names: readonly (string | undefined)[];
  readonly scale: ArrayLike<number>;
  readonly revenue: ArrayLike<number>;
  readonly rdExpense: ArrayLike<number>;
  readonly rdExpensePrev: ArrayLike<number>;
  readonly highTech: ArrayLike<number>;
  readonly gazelle: ArrayLike<number>;
  readonly superDeduction: ArrayLike<number>;
  readonly cities: readonly (string | undefined)[];
  readonly industries: readonly (string | undefined)[];
  /** 统一社会信用代码; certificate dates as core's day numbers, 0 when not given. */
  readonly creditCodes?: readonly (string | undefined)[];
  readonly highTechDate?: ArrayLike<number>;
  readonly gazelleValidUntil?: ArrayLike<number>;
}

const dayOrNothing = (day: number | undefined): string | undefined => (day === undefined || day === 0 ? undefined : dayText(day));

/** Enterprise `i` of rd_incentive's table by field name, for `resultTable`. */
export function enterpriseRecord(table: EnterpriseColumns, i: number): Readonly<Record<string, unknown>> {
  return {
    id: table.ids[i],
    name: table.names[i],
    scale: table.scale[i] === 1 ? 'above' : 'below',
    revenue: table.revenue[i],
    rd_expense: table.rdExpense[i],
    rd_expense_prev: table.rdExpensePrev[i],
    high_tech: table.highTech[i] === 1,
    gazelle: table.gazelle[i] === 1,
    super_deduction: table.superDeduction[i] === 1,
    city: table.cities[i],
    industry: table.industries[i],
    credit_code: table.creditCodes?.[i],
    high_tech_date: dayOrNothing(table.highTechDate?.[i]),
    gazelle_valid_until: dayOrNothing(table.gazelleValidUntil?.[i]),
  };
}

/**
 * R&D intensity (rd_expense / revenue) as a percentage to read, not to compute with: the rule
 * compares intensities exactly; this column only shows them. Empty where revenue is 0.
 */
export function intensityColumn(table: EnterpriseColumns, lang: Lang): ExtraColumn {
  return {
    column: { header: lang === 'zh' ? '研发投入强度' : 'intensity', kind: 'percent' },
    value: (i) => {
      const revenue = table.revenue[i] ?? 0;
      return revenue === 0 ? undefined : (table.rdExpense[i] ?? 0) / revenue;
    },
  };
}

/**
 * Applicant `index` by field name, for any programme's applicants as its reader returns them:
 * an array of rows (six programmes) or rd_incentive's column table.
 */
export function applicantAccessor(applicants: unknown): (index: number) => Readonly<Record<string, unknown>> {
  if (Array.isArray(applicants)) return (index) => (applicants[index] ?? {}) as Readonly<Record<string, unknown>>;
  if (typeof applicants === 'object' && applicants !== null && 'rdExpense' in applicants && 'ids' in applicants) {
    const table = applicants as EnterpriseColumns;
    return (index) => enterpriseRecord(table, index);
  }
  throw new TypeError('applicants are neither rows nor an enterprise table');
}
