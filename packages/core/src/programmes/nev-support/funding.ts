import { fail, ok, problem, type Problem, type Result } from '../../errors/index.js';
import { MAX_FEN, parseAmount, type Fen } from '../../money/index.js';

/**
 * The funding sources the letter names for the NEV earmark (一(一)四): the 15亿 was arranged
 * "by pooling" (统筹) these three. How much each gives is not stated, so a scenario supplies
 * the split, and `validateFundingSplit` holds it to the earmark exactly.
 */
export const NEV_FUNDING_SOURCES = [
  {
    key: 'industry_it_fund',
    name: { zh: '工业和信息化发展专项资金', en: 'Industry and IT development fund' },
    citation: 'letter 一(一)四',
  },
  {
    key: 'winter_spring_fund',
    name: { zh: '“今冬明春”重大工业产业补助资金', en: '“This winter, next spring” major-industry subsidy fund' },
    citation: 'letter 一(一)四',
  },
  {
    key: 'innovation_fund',
    name: { zh: '创新驱动发展专项资金', en: 'Innovation-driven development fund' },
    citation: 'letter 一(一)四',
  },
] as const;

export type NevFundingSourceKey = (typeof NEV_FUNDING_SOURCES)[number]['key'];

/** How much each source gives, in fen; a source the split leaves out gives 0. */
export type FundingSplit = Readonly<Record<NevFundingSourceKey, Fen>>;

type Path = readonly (string | number)[];

const KNOWN = NEV_FUNDING_SOURCES.map((s) => `${s.key} (${s.name.zh})`).join(', ');
const WRITE = 'write yuan as text, e.g. "500000000", "5亿" or "500,000,000.00", or integer fen as a JSON number';

/**
 * Checks a split of `total` (the earmark) between the NEV funding sources: every key one of
 * NEV_FUNDING_SOURCES, every amount text in yuan (any spelling `parseAmount` accepts) or a
 * number of fen, none negative, and the amounts adding up to `total` exactly, to the fen.
 * Every problem is reported, at `[...path, key]` for an entry and at `path` for the sum.
 */
export function validateFundingSplit(total: Fen, split: Readonly<Record<string, unknown>>, path: Path = []): Result<FundingSplit> {
  const problems: Problem[] = [];
  const amounts = Object.fromEntries(NEV_FUNDING_SOURCES.map((s) => [s.key, 0])) as Record<NevFundingSourceKey, Fen>;
  for (const [key, value] of Object.entries(split)) {
    const at = [...path, key];
    const source = NEV_FUNDING_SOURCES.find((s) => s.key === key);
    if (source === undefined) {
      problems.push(
        problem('FUNDING.UNKNOWN_SOURCE', `unknown funding source ${JSON.stringify(key)}${suggestion(key)}: the letter (一(一)四) names ${KNOWN}`, {
          path: at,
          value: shown(value),
        }),
      );
      continue;
    }
    const amount = readAmount(key, value, at);
    if (amount.ok) amounts[source.key] = amount.value;
    else problems.push(...amount.problems);
  }
  if (problems.length > 0) return fail(...problems);

  const sum = NEV_FUNDING_SOURCES.reduce((acc, s) => acc + BigInt(amounts[s.key]), 0n);
  const earmark = BigInt(total);
  if (sum !== earmark) {
    const gap = sum < earmark ? earmark - sum : sum - earmark;
    const how = sum < earmark ? 'short of' : 'over';
    return fail(
      problem(
        'FUNDING.SPLIT_MISMATCH',
        `the split adds up to ${grouped(sum)}, ${grouped(gap)} ${how} the earmark ${grouped(earmark)}: ` +
          'the funding sources must add up to the earmark exactly, to the fen',
        { path, value: plain(sum) },
      ),
    );
  }
  return ok(amounts);
}

function readAmount(key: string, value: unknown, path: Path): Result<Fen> {
  const negative = (): Result<Fen> =>
    fail(problem('FUNDING.NEGATIVE_AMOUNT', `${key} gives a negative amount: a funding source gives 0 or more; ${WRITE}`, { path, value: shown(value) }));
  if (typeof value === 'number') {
    if (value < 0) return negative();
    if (Number.isSafeInteger(value)) return ok(value as Fen);
    return fail(
      problem('FUNDING.AMOUNT_INVALID', `${key}: a number is read as fen and must be a whole number of fen up to ${MAX_FEN}; ${WRITE}`, {
        path,
        value: shown(value),
      }),
    );
  }
  if (typeof value !== 'string') {
    return fail(problem('FUNDING.WRONG_TYPE', `${key} must be an amount, not ${value === null ? 'null' : typeof value}; ${WRITE}`, { path, value: shown(value) }));
  }
  const parsed = parseAmount(value);
  if (parsed.ok) return parsed;
  if (parsed.problems.some((p) => p.code === 'AMOUNT.NEGATIVE')) return negative();
  return fail(...parsed.problems.map((p) => problem(p.code, `${key}: ${p.message}`, { path, value })));
}

/** A likely intended key: a source's Chinese name, or a case or `-`/space slip. */
function suggestion(key: string): string {
  const normal = key.trim().toLowerCase().replace(/[\s-]+/gu, '_');
  const unquoted = key.replace(/[“”"]/gu, '').trim();
  const source = NEV_FUNDING_SOURCES.find((s) => s.key === normal || s.name.zh.replace(/[“”"]/gu, '') === unquoted);
  return source === undefined ? '' : ` (did you mean ${source.key}?)`;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/** Fen as yuan with two decimals: `1500000000.00` (the JSON form), or grouped: `1,500,000,000.00`. */
function plain(fen: bigint): string {
  return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
}

function grouped(fen: bigint): string {
  return `${(fen / 100n).toLocaleString('en-US')}.${String(fen % 100n).padStart(2, '0')}`;
}
