import { rateToString } from '../../exact/index.js';
import type { ParameterKind } from '../../parameters/index.js';
import { fixedText, intensityText } from '../common/trace-text.js';
import { SCALE_ABOVE, type EnterpriseTable } from './enterprises.js';
import { PATHS, type RdRule } from './rule.js';

/**
 * A firm's rule steps as JSON text and as the CSV's one-line reading, written straight from the
 * kernel's integers (rule.ts's scaled form): the same bytes as `JSON.stringify` of the steps
 * `explainEntitlement` (the decimal.js reference) records, without a decimal per step or a
 * parameter look-up per firm. Property tests (trace-text.test.ts) hold the two equal on generated
 * populations and rules. A firm the fast path cannot take exactly (no scaled rule, amounts
 * beyond its safe-integer limit) gets `undefined`, and the caller takes the reference.
 */
export interface RuleStepsText {
  /** The steps as JSON array members (without the brackets), or undefined: take the reference. */
  readonly json: string | undefined;
  /** The steps' `step: branch, cap bound` readings joined by `; `, as output.ts's CSV summary. */
  readonly summary: string;
}

const q = JSON.stringify;

/** The writer of a rule's step texts, its constant parts (rules in words, parameters) serialized once. */
export function ruleStepsWriter(rule: RdRule): ((table: EnterpriseTable, i: number) => RuleStepsText | undefined) | undefined {
  const s = rule.scaled;
  if (s === undefined) return undefined;
  let digits = 0;
  while (10 ** digits < s.scale) digits++;
  const k = digits + 2; // a scaled value is fen × 10^digits: yuan has k decimals
  const show = (scaled: number): string => fixedText(scaled, k);
  const money = (fen: number): string => fixedText(fen, 2);
  const param = (path: string, kind: ParameterKind): string => {
    const p = rule.parameters.get(path, kind);
    return q({ path, value: p.display, source: p.definition.source.citation, assumption: p.definition.assumption });
  };
  const params = (...list: string[]): string => `"parameters":[${list.join(',')}]`;
  const bound = (path: string): string => `,"bound":${q(path)}`;

  const notEligible =
    `{"step":"eligibility","rule":${q('only firms that enjoy the R&D super deduction (享受加计扣除) are eligible')},` +
    `"inputs":{"super_deduction":"false"},"branch":"not eligible: no super deduction","result":"0.00"}`;
  const eligible =
    `{"step":"eligibility","rule":${q('only firms that enjoy the R&D super deduction (享受加计扣除) are eligible')},` +
    `"inputs":{"super_deduction":"true"},"branch":"eligible","result":"eligible"}`;
  const incrementRule = q('increment = max(0, rd_expense − rd_expense_prev)');
  const intensityRule = q('intensity = rd_expense / revenue');
  const aboveRule = q('above-scale: increment × rate of the highest tier with min_intensity ≤ intensity, capped at cap_above');
  const aboveParams = params(param(PATHS.tiersAbove, 'tiers'), param(PATHS.capAbove, 'amount'));
  const tierBranch = rule.tiersAbove.map((t, n) => `tier ${n + 1}: min_intensity ${rateToString(t.minIntensity)} ≤ intensity, rate ${rateToString(t.rate)}`);
  const tierBranchJson = tierBranch.map((b) => q(b));
  const noTier = 'no tier applies: rate 0';
  const belowRule = q('below-scale: increment × rate_below, capped at cap_below');
  const belowParams = params(param(PATHS.rateBelow, 'rate'), param(PATHS.capBelow, 'amount'));
  const belowBranch = `rate ${rateToString(rule.rateBelow)}`;
  const highTechRule = q('high-tech (高新技术企业) or gazelle (瞪羚企业) firms: rd_expense × high_tech.rate, capped at high_tech.cap');
  const highTechParams = params(param(PATHS.highTechRate, 'rate'), param(PATHS.highTechCap, 'amount'));
  const neither = 'neither high-tech nor gazelle: 0';
  const baseRule = q('base = max(increment award, high-tech award): not cumulative (就高不重复)');
  const specialRule = q(
    'above-scale firms with rd_expense ≥ min_rd_expense, rd_expense ≥ (1 − max_decline) × rd_expense_prev and intensity ≥ min_intensity: rd_expense × special.rate, capped at special.cap',
  );
  const specialParams = params(
    param(PATHS.specialMinRdExpense, 'amount'),
    param(PATHS.specialMaxDecline, 'rate'),
    param(PATHS.specialMinIntensity, 'rate'),
    param(PATHS.specialRate, 'rate'),
    param(PATHS.specialCap, 'amount'),
  );
  const firmCapRule = q('min(base + special award, firm_cap)');
  const firmCapParams = params(param(PATHS.firmCap, 'amount'));
  const roundingRule = q('entitlement = capped amount rounded down to rounding_unit');
  const roundingParams = params(param(PATHS.roundingUnit, 'unit'));
  const unitScaled = rule.roundingUnit * s.scale;
  const { tierMin, tierRate, amountLimit } = s;
  // The intensity's digits are made by long division on the remainder × 10: keep that a safe integer.
  const revenueLimit = Math.min(amountLimit, Math.floor(Number.MAX_SAFE_INTEGER / 10));

  return (table, i) => {
    if (table.superDeduction[i] !== 1) return { json: notEligible, summary: 'eligibility: not eligible: no super deduction' };
    const rev = table.revenue[i] ?? 0;
    const rd = table.rdExpense[i] ?? 0;
    const prev = table.rdExpensePrev[i] ?? 0;
    if (rev > revenueLimit || rd > amountLimit || prev > amountLimit || rev < 0 || rd < 0 || prev < 0) return undefined;
    const summary: string[] = ['eligibility: eligible'];
    const rdText = money(rd);
    const prevText = money(prev);
    const revText = money(rev);
    const increment = rd > prev ? rd - prev : 0;
    const incrementText = money(increment);
    const rdScaled = rd * s.scale;
    const above = table.scale[i] === SCALE_ABOVE;
    let out =
      `${eligible},{"step":"increment","rule":${incrementRule},"inputs":{"rd_expense":"${rdText}","rd_expense_prev":"${prevText}"},"result":"${incrementText}"}` +
      `,{"step":"intensity","rule":${intensityRule},"inputs":{"rd_expense":"${rdText}","revenue":"${revText}"},"result":"${intensityText(rd, rev)}"}`;

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
      out +=
        `,{"step":"increment_award","rule":${aboveRule},"inputs":{"increment":"${incrementText}","scale":"above"},${aboveParams},` +
        `"branch":${tier >= 0 ? tierBranchJson[tier] : q(noTier)}${capped ? bound(PATHS.capAbove) : ''},"result":"${show(inc)}"}`;
      summary.push(`increment_award: ${tier >= 0 ? tierBranch[tier] : noTier}${capped ? `, ${PATHS.capAbove} bound` : ''}`);
    } else {
      inc = increment * s.rateBelow;
      const capped = inc > s.capBelow;
      if (capped) inc = s.capBelow;
      out +=
        `,{"step":"increment_award","rule":${belowRule},"inputs":{"increment":"${incrementText}","scale":"below"},${belowParams},` +
        `"branch":"${belowBranch}"${capped ? bound(PATHS.capBelow) : ''},"result":"${show(inc)}"}`;
      summary.push(`increment_award: ${belowBranch}${capped ? `, ${PATHS.capBelow} bound` : ''}`);
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
    const htBranch = qualifies ? 'qualifies' : neither;
    out +=
      `,{"step":"high_tech_award","rule":${highTechRule},"inputs":{"high_tech":"${highTech ? 'true' : 'false'}","gazelle":"${gazelle ? 'true' : 'false'}","rd_expense":"${rdText}"},` +
      `${highTechParams},"branch":"${htBranch}"${htCapped ? bound(PATHS.highTechCap) : ''},"result":"${show(ht)}"}`;
    summary.push(`high_tech_award: ${htBranch}${htCapped ? `, ${PATHS.highTechCap} bound` : ''}`);

    // base
    const base = ht > inc ? ht : inc;
    const baseBranch = ht > inc ? 'high-tech award is larger' : 'increment award is larger or equal';
    out += `,{"step":"base","rule":${baseRule},"inputs":{"increment_award":"${show(inc)}","high_tech_award":"${show(ht)}"},"branch":"${baseBranch}","result":"${show(base)}"}`;
    summary.push(`base: ${baseBranch}`);

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
      out +=
        `,{"step":"special_award","rule":${specialRule},"inputs":{"rd_expense":"${rdText}","rd_expense_prev":"${prevText}","revenue":"${revText}"},` +
        `${specialParams},"branch":"${branch}"${spCapped ? bound(PATHS.specialCap) : ''},"result":"${show(sp)}"}`;
      summary.push(`special_award: ${branch}${spCapped ? `, ${PATHS.specialCap} bound` : ''}`);
    }

    // firm cap and rounding
    const summed = base + sp;
    const firmCapped = summed > s.firmCap;
    const capped = firmCapped ? s.firmCap : summed;
    out +=
      `,{"step":"firm_cap","rule":${firmCapRule},"inputs":{"base":"${show(base)}","special_award":"${show(sp)}"},${firmCapParams}` +
      `${firmCapped ? bound(PATHS.firmCap) : ''},"result":"${show(capped)}"}`;
    if (firmCapped) summary.push(`firm_cap: ${PATHS.firmCap} bound`);
    let units = Math.floor(capped / unitScaled);
    if (units * unitScaled > capped) units -= 1;
    const entitlementScaled = units * unitScaled;
    const roundingBranch = entitlementScaled === capped ? 'already a whole unit' : `rounded down by ${show(capped - entitlementScaled)}`;
    out +=
      `,{"step":"rounding","rule":${roundingRule},"inputs":{"amount":"${show(capped)}"},${roundingParams},` +
      `"branch":"${roundingBranch}","result":"${show(entitlementScaled)}"}`;
    summary.push(`rounding: ${roundingBranch}`);
    return { json: out, summary: summary.join('; ') };
  };
}
