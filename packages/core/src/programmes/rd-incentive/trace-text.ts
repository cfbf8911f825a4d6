import { rateToString } from '../../exact/index.js';
import type { ParameterKind } from '../../parameters/index.js';
import { utf8, type ByteChunks } from '../common/bytes.js';
import { fixedText, intensityText } from '../common/trace-text.js';
import { SCALE_ABOVE, type EnterpriseTable } from './enterprises.js';
import { PATHS, type RdRule } from './rule.js';

/**
 * A firm's rule steps as JSON array members (without the brackets), written as UTF-8 into `out`,
 * and as the CSV's one-line readings pushed on `summary` when one is given, straight from the
 * kernel's integers (rule.ts's scaled form): the same bytes as `JSON.stringify` of the steps
 * `explainEntitlement` (the decimal.js reference) records, without a decimal per step or a
 * parameter look-up per firm. Property tests (trace-text.test.ts) hold the two equal on generated
 * populations and rules. Returns false, having written nothing, for a firm the fast path cannot
 * take exactly (amounts beyond its safe-integer limit): the caller then takes the reference.
 */
export type RuleStepsWriter = (table: EnterpriseTable, i: number, out: ByteChunks | undefined, summary: string[] | undefined) => boolean;

const skip = (): void => undefined;

const q = (value: unknown): Uint8Array => utf8(JSON.stringify(value));

/** The writer of a rule's step texts, its constant parts (rules in words, parameters) serialized once. */
/** The writer of a rule's steps (undefined when the rule has no scaled form), its constant parts (rules in words, parameters) encoded once. */
export function ruleStepsWriter(rule: RdRule, compact = false): RuleStepsWriter | undefined {
  const s = rule.scaled;
  if (s === undefined) return undefined;
  let digits = 0;
  while (10 ** digits < s.scale) digits++;
  const k = digits + 2; // a scaled value is fen × 10^digits: yuan has k decimals
  const show = (scaled: number): string => fixedText(scaled, k);
  const money = (fen: number): string => fixedText(fen, 2);
  const param = (path: string, kind: ParameterKind): string => {
    const p = rule.parameters.get(path, kind);
    return JSON.stringify({ path, value: p.display, source: p.definition.source.citation, assumption: p.definition.assumption });
  };
  // `compact` (trace=compact): each step without its rule in words and its parameters, which the answer lists once.
  const params = (...list: string[]): Uint8Array => utf8(compact ? '' : `"parameters":[${list.join(',')}],`);
  const words = (text: string): Uint8Array => utf8(compact ? '' : `"rule":${JSON.stringify(text)},`);
  const bound = (path: string): Uint8Array => utf8(`,"bound":${JSON.stringify(path)}`);
  const none = new Uint8Array(0);

  const eligibilityRule = compact
    ? ''
    : `"rule":${JSON.stringify('only firms that enjoy the R&D super deduction (享受加计扣除) are eligible')},`;
  const notEligible = utf8(
    `{"step":"eligibility",${eligibilityRule}"inputs":{"super_deduction":"false"},"branch":"not eligible: no super deduction","result":"0.00"}`,
  );
  const eligible = utf8(
    `{"step":"eligibility",${eligibilityRule}"inputs":{"super_deduction":"true"},"branch":"eligible","result":"eligible"}`,
  );
  const incrementRule = words('increment = max(0, rd_expense − rd_expense_prev)');
  const intensityRule = words('intensity = rd_expense / revenue');
  const aboveRule = words('above-scale: increment × rate of the highest tier with min_intensity ≤ intensity, capped at cap_above');
  const aboveParams = params(param(PATHS.tiersAbove, 'tiers'), param(PATHS.capAbove, 'amount'));
  const tierBranch = rule.tiersAbove.map(
    (t, n) => `tier ${n + 1}: min_intensity ${rateToString(t.minIntensity)} ≤ intensity, rate ${rateToString(t.rate)}`,
  );
  const tierBranchJson = tierBranch.map((b) => q(b));
  const noTier = 'no tier applies: rate 0';
  const noTierJson = q(noTier);
  const belowRule = words('below-scale: increment × rate_below, capped at cap_below');
  const belowParams = params(param(PATHS.rateBelow, 'rate'), param(PATHS.capBelow, 'amount'));
  const belowBranch = `rate ${rateToString(rule.rateBelow)}`;
  const belowBranchJson = q(belowBranch);
  const highTechRule = words('high-tech (高新技术企业) or gazelle (瞪羚企业) firms: rd_expense × high_tech.rate, capped at high_tech.cap');
  const highTechParams = params(param(PATHS.highTechRate, 'rate'), param(PATHS.highTechCap, 'amount'));
  const neither = 'neither high-tech nor gazelle: 0';
  const neitherJson = q(neither);
  const qualifiesJson = q('qualifies');
  const baseRule = words('base = max(increment award, high-tech award): not cumulative (就高不重复)');
  const specialRule = words(
    'above-scale firms with rd_expense ≥ min_rd_expense, rd_expense ≥ (1 − max_decline) × rd_expense_prev and intensity ≥ min_intensity: rd_expense × special.rate, capped at special.cap',
  );
  const specialParams = params(
    param(PATHS.specialMinRdExpense, 'amount'),
    param(PATHS.specialMaxDecline, 'rate'),
    param(PATHS.specialMinIntensity, 'rate'),
    param(PATHS.specialRate, 'rate'),
    param(PATHS.specialCap, 'amount'),
  );
  const firmCapRule = words('min(base + special award, firm_cap)');
  const firmCapParams = utf8(compact ? '' : `,"parameters":[${param(PATHS.firmCap, 'amount')}]`);
  const roundingRule = words('entitlement = capped amount rounded down to rounding_unit');
  const roundingParams = params(param(PATHS.roundingUnit, 'unit'));
  const unitScaled = rule.roundingUnit * s.scale;
  const { tierMin, tierRate, amountLimit } = s;
  // The intensity's digits are made by long division on the remainder × 10: keep that a safe integer.
  const revenueLimit = Math.min(amountLimit, Math.floor(Number.MAX_SAFE_INTEGER / 10));

  const boundAbove = bound(PATHS.capAbove);
  const boundBelow = bound(PATHS.capBelow);
  const boundHighTech = bound(PATHS.highTechCap);
  const boundSpecial = bound(PATHS.specialCap);
  const boundFirm = bound(PATHS.firmCap);
  const highTechLarger = q('high-tech award is larger');
  const incrementLarger = q('increment award is larger or equal');

  return (table, i, out, summary) => {
    const w = out?.t ?? skip;
    if (table.superDeduction[i] !== 1) {
      out?.bytes(notEligible);
      summary?.push('eligibility: not eligible: no super deduction');
      return true;
    }
    const rev = table.revenue[i] ?? 0;
    const rd = table.rdExpense[i] ?? 0;
    const prev = table.rdExpensePrev[i] ?? 0;
    if (rev > revenueLimit || rd > amountLimit || prev > amountLimit || rev < 0 || rd < 0 || prev < 0) return false;
    summary?.push('eligibility: eligible');
    const rdText = money(rd);
    const prevText = money(prev);
    const revText = money(rev);
    const increment = rd > prev ? rd - prev : 0;
    const incrementText = money(increment);
    const rdScaled = rd * s.scale;
    const above = table.scale[i] === SCALE_ABOVE;
    out?.bytes(eligible);
    w`,{"step":"increment",${incrementRule}"inputs":{"rd_expense":"${rdText}","rd_expense_prev":"${prevText}"},"result":"${incrementText}"}`;
    w`,{"step":"intensity",${intensityRule}"inputs":{"rd_expense":"${rdText}","revenue":"${revText}"},"result":"${intensityText(rd, rev)}"}`;

    // increment award
    let inc: number;
    if (above) {
      let tier = -1;
      for (let t = tierMin.length - 1; t >= 0; t--) {
        if ((tierMin[t] as number) * rev <= rdScaled) {
          tier = t;
          break;
        }
      }
      inc = increment * (tier >= 0 ? (tierRate[tier] as number) : 0);
      const capped = inc > s.capAbove;
      if (capped) inc = s.capAbove;
      w`,{"step":"increment_award",${aboveRule}"inputs":{"increment":"${incrementText}","scale":"above"},${aboveParams}"branch":${tier >= 0 ? (tierBranchJson[tier] as Uint8Array) : noTierJson}${capped ? boundAbove : none},"result":"${show(inc)}"}`;
      summary?.push(`increment_award: ${tier >= 0 ? tierBranch[tier] : noTier}${capped ? `, ${PATHS.capAbove} bound` : ''}`);
    } else {
      inc = increment * s.rateBelow;
      const capped = inc > s.capBelow;
      if (capped) inc = s.capBelow;
      w`,{"step":"increment_award",${belowRule}"inputs":{"increment":"${incrementText}","scale":"below"},${belowParams}"branch":${belowBranchJson}${capped ? boundBelow : none},"result":"${show(inc)}"}`;
      summary?.push(`increment_award: ${belowBranch}${capped ? `, ${PATHS.capBelow} bound` : ''}`);
    }

    // high-tech / gazelle award
    const highTech = table.highTech[i] === 1;
    const gazelle = table.gazelle[i] === 1;
    const qualifies = highTech || gazelle;
    let ht = 0;
    let htCapped = false;
    if (qualifies) {
      ht = rd * s.highTechRate;
      htCapped = ht > s.highTechCap;
      if (htCapped) ht = s.highTechCap;
    }
    w`,{"step":"high_tech_award",${highTechRule}"inputs":{"high_tech":"${highTech ? 'true' : 'false'}","gazelle":"${gazelle ? 'true' : 'false'}","rd_expense":"${rdText}"},${highTechParams}"branch":${qualifies ? qualifiesJson : neitherJson}${htCapped ? boundHighTech : none},"result":"${show(ht)}"}`;
    summary?.push(`high_tech_award: ${qualifies ? 'qualifies' : neither}${htCapped ? `, ${PATHS.highTechCap} bound` : ''}`);

    // base
    const base = ht > inc ? ht : inc;
    w`,{"step":"base",${baseRule}"inputs":{"increment_award":"${show(inc)}","high_tech_award":"${show(ht)}"},"branch":${ht > inc ? highTechLarger : incrementLarger},"result":"${show(base)}"}`;
    summary?.push(`base: ${ht > inc ? 'high-tech award is larger' : 'increment award is larger or equal'}`);

    // special award, above only
    let sp = 0;
    if (above) {
      const failed: string[] = [];
      if (rd < rule.specialMinRdExpense) failed.push('rd_expense below special.min_rd_expense');
      if (rdScaled < s.specialKeep * prev) failed.push('rd_expense fell by more than special.max_decline');
      if (rdScaled < s.specialMinIntensity * rev) failed.push('intensity below special.min_intensity');
      let spCapped = false;
      if (failed.length === 0) {
        sp = rd * s.specialRate;
        spCapped = sp > s.specialCap;
        if (spCapped) sp = s.specialCap;
      }
      const branch = failed.length === 0 ? 'all conditions met' : `not met: ${failed.join('; ')}`;
      w`,{"step":"special_award",${specialRule}"inputs":{"rd_expense":"${rdText}","rd_expense_prev":"${prevText}","revenue":"${revText}"},${specialParams}"branch":"${branch}"${spCapped ? boundSpecial : none},"result":"${show(sp)}"}`;
      summary?.push(`special_award: ${branch}${spCapped ? `, ${PATHS.specialCap} bound` : ''}`);
    }

    // firm cap and rounding
    const summed = base + sp;
    const firmCapped = summed > s.firmCap;
    const capped = firmCapped ? s.firmCap : summed;
    w`,{"step":"firm_cap",${firmCapRule}"inputs":{"base":"${show(base)}","special_award":"${show(sp)}"}${firmCapParams}${firmCapped ? boundFirm : none},"result":"${show(capped)}"}`;
    if (firmCapped) summary?.push(`firm_cap: ${PATHS.firmCap} bound`);
    let units = Math.floor(capped / unitScaled);
    if (units * unitScaled > capped) units -= 1;
    const entitlementScaled = units * unitScaled;
    const roundingBranch = entitlementScaled === capped ? 'already a whole unit' : `rounded down by ${show(capped - entitlementScaled)}`;
    w`,{"step":"rounding",${roundingRule}"inputs":{"amount":"${show(capped)}"},${roundingParams}"branch":"${roundingBranch}","result":"${show(entitlementScaled)}"}`;
    summary?.push(`rounding: ${roundingBranch}`);
    return true;
  };
}
