import type { Decimal } from 'decimal.js';
import { compareCodePoints } from '../../allocation/index.js';
import { fen, type Fen } from '../../money/index.js';
import type { ParameterSet } from '../../parameters/index.js';
import type { Ranking, WholeUnits } from '../common/envelope.js';
import { exactFen, showYuan, traceParameter } from '../common/exact.js';
import type { TraceStep } from '../trace.js';
import type { TalentLine } from './applicants.js';
import { entitlementOf, type AmountRule } from '../common/entitlements.js';
import { PATHS, TALENT_PROGRAMMES, type TalentProgrammeKey } from './parameters.js';

/** The rule's parameters on one date, typed: the stipend of every programme, in fen. */
export interface TalentRule extends AmountRule<TalentLine> {
  readonly stipends: Readonly<Record<TalentProgrammeKey, Fen>>;
  readonly wholeStipends: boolean;
}

export function compileTalentRule(parameters: ParameterSet): TalentRule {
  const stipends = Object.fromEntries(
    TALENT_PROGRAMMES.map(({ key }) => [key, parameters.get(PATHS.stipend(key), 'amount').value]),
  ) as Record<TalentProgrammeKey, Fen>;
  const rule: TalentRule = {
    parameters,
    unitPath: PATHS.roundingUnit,
    stipends,
    wholeStipends: parameters.get(PATHS.wholeStipends, 'boolean').value,
    amount: (line, trace) => talentAmount(line, rule, trace),
  };
  return rule;
}

/**
 * With `whole_stipends`, every award is a whole number of its programme's stipend (rounded down
 * to the unit, as the entitlement is): a person is paid in full or not at all.
 */
export function wholeStipends(rule: TalentRule): WholeUnits<TalentLine> | undefined {
  if (!rule.wholeStipends) return undefined;
  const unit = rule.parameters.get(PATHS.roundingUnit, 'unit').value;
  return {
    of: (line) => fen(rule.stipends[line.programme] - (rule.stipends[line.programme] % unit)),
    noun: 'stipend',
    parameter: traceParameter(rule.parameters, PATHS.wholeStipends, 'boolean'),
  };
}

/** A line's entitlement in fen: its amount rounded down once to talent.rounding_unit, traced. */
export function talentEntitlement(line: TalentLine, rule: TalentRule, trace?: TraceStep[]): Fen {
  return entitlementOf(rule, line, trace);
}

/**
 * A line's exact amount in fen before the one rounding (README.md, "The rule"): head_count ×
 * the stipend of its programme, recorded in `trace` when one is given.
 */
export function talentAmount(line: TalentLine, rule: Pick<TalentRule, 'parameters' | 'stipends'>, trace?: TraceStep[]): Decimal {
  const programme = TALENT_PROGRAMMES.find((p) => p.key === line.programme);
  const stipend = rule.stipends[line.programme];
  const amount = exactFen(stipend).times(line.head_count);
  trace?.push({
    step: 'stipend',
    rule: 'amount = head_count × the stipend per person per year of the line’s programme',
    inputs: { programme: line.programme, head_count: String(line.head_count) },
    parameters: [traceParameter(rule.parameters, PATHS.stipend(line.programme), 'amount')],
    branch:
      line.head_count === 0
        ? 'head count 0: nothing to pay'
        : `${programme?.zh ?? line.programme} (${programme?.citation ?? ''}): ${line.head_count} × ${showYuan(stipend)}`,
    result: showYuan(amount),
  });
  return amount;
}

/**
 * The order of `ranked` (⚠ ours: no public rule says which lines a short envelope serves
 * first): programmes in the letter's order — 八桂学者, 院士后备人选工程, 农业科技人才服务, then
 * 特聘专家 — and within a programme by id in Unicode code-point order.
 */
export function rankByProgramme(lines: readonly TalentLine[]): Ranking {
  const position = lines.map((line) => PROGRAMME_ORDER.indexOf(line.programme));
  return {
    compare: (a, b) => (position[a] ?? 0) - (position[b] ?? 0) || compareCodePoints(lines[a]?.id ?? '', lines[b]?.id ?? ''),
    description: 'programme in the letter’s order (八桂学者, 院士后备人选工程, 农业科技人才服务, 特聘专家), ties by id',
  };
}

const PROGRAMME_ORDER: readonly TalentProgrammeKey[] = TALENT_PROGRAMMES.map((p) => p.key);
