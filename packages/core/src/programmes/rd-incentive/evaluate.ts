import { allocate, compareCodePoints, type Allocation, type AllocationMethod } from '../../allocation/index.js';
import { compareFractions } from '../../exact/index.js';
import type { Fen } from '../../money/index.js';
import { envelopeStep, envelopeStepWriter, exclusionStep } from '../common/envelope.js';
import type { ExcludedApplicant } from '../programme.js';
import { SCALE_ABOVE, type EnterpriseTable } from './enterprises.js';
import { certificateNotes, certificatesOn, certificateStep } from './certificates.js';
import { explainEntitlement } from './explain.js';
import { BOUND_FIRM_CAP, BOUND_HIGH_TECH_CAP, BOUND_INCREMENT_CAP, BOUND_SPECIAL_CAP, computeEntitlements } from './kernel.js';
import { PATHS, type RdRule } from './rule.js';
import { ruleStepsWriter } from './trace-text.js';
import { ByteChunks } from '../common/bytes.js';

const decoder = new TextDecoder();
import type { TraceStep } from '../trace.js';

export interface RdEvaluationOptions {
  readonly budget: Fen;
  readonly method: AllocationMethod;
  /** Firms excluded on the rule's date (a scenario's exclusion list): entitlement 0, the reason in the trace. */
  readonly excluded?: readonly ExcludedApplicant[];
}

/** The outcome of the R&D rule on a population and an envelope. Traces are built on demand. */
export interface RdEvaluation {
  readonly program: 'rd_incentive';
  readonly rule: RdRule;
  readonly table: EnterpriseTable;
  readonly entitlements: Float64Array;
  readonly allocation: Allocation;
  readonly totals: RdTotals;
  /** Each firm's BOUND_* bits (kernel.ts): which caps bound its entitlement. */
  readonly bound: Uint8Array;
  /** Firms whose 高企 or 瞪羚 claim does not count on the rule's date, with why (the certificates step's finding). */
  readonly certificateNotes: readonly { readonly index: number; readonly note: string }[];
  /** The parameter paths of the caps that bound firm i's entitlement. */
  capsBound(i: number): readonly string[];
  /** The full explanation of firm i: every step of the rule, then the envelope. */
  trace(i: number): TraceStep[];
  /**
   * Writes `JSON.stringify(trace(i))` as UTF-8 into out: the same bytes, from the kernel's
   * integers where it can (trace-text.ts). `compact`: every step without its `rule` in words and
   * its `parameters` (compactTrace).
   */
  writeTrace(i: number, out: ByteChunks, compact?: boolean): void;
  /** `JSON.stringify(trace(i))`, by writeTrace. */
  traceJson(i: number): string;
  /** The CSV's one-line reading of trace(i): `step: branch, cap bound` for each step that has either, joined by `; `. */
  traceSummary(i: number): string;
}

/** A trace without each step's rule in words and parameters: `--trace compact`, `?trace=compact`. */
export function compactTrace(trace: readonly TraceStep[]): Omit<TraceStep, 'rule' | 'parameters'>[] {
  return trace.map(({ rule: _rule, parameters: _parameters, ...rest }) => rest);
}

/** The CSV's one-line reading of a trace: the branches taken and the caps that bound. */
export function summarizeTrace(trace: readonly TraceStep[]): string {
  return trace
    .filter((s) => s.branch !== undefined || s.bound !== undefined)
    .map((s) => `${s.step}: ${[s.branch, s.bound === undefined ? undefined : `${s.bound} bound`].filter(Boolean).join(', ')}`)
    .join('; ');
}

export interface RdTotals {
  readonly entitlement: Fen;
  readonly awarded: Fen;
  readonly unallocated: Fen;
  readonly enterprises: number;
}

/** Ranked order: intensity descending (0 where revenue is 0), ties by id. Exact. */
export function rankByIntensity(table: EnterpriseTable): (a: number, b: number) => number {
  const { rdExpense, revenue, ids } = table;
  // intensity_b vs intensity_a, so that the higher intensity sorts first
  return (a, b) => {
    const ra = revenue[a] ?? 0;
    const rb = revenue[b] ?? 0;
    const byIntensity = compareFractions(
      rb === 0 ? 0 : (rdExpense[b] ?? 0),
      rb === 0 ? 1 : rb,
      ra === 0 ? 0 : (rdExpense[a] ?? 0),
      ra === 0 ? 1 : ra,
    );
    return byIntensity !== 0 ? byIntensity : compareCodePoints(ids[a] ?? '', ids[b] ?? '');
  };
}

export function evaluateRdIncentive(table: EnterpriseTable, rule: RdRule, options: RdEvaluationOptions): RdEvaluation {
  const bound = new Uint8Array(table.count);
  // 高企 and 瞪羚 flags as they count on the rule's date (the same table when no certificate is dated).
  const { date } = rule.parameters;
  const certified = certificatesOn(table, date);
  const entitlements = computeEntitlements(certified, rule, bound);
  const exclusionOf = new Map((options.excluded ?? []).map((e) => [e.index, e]));
  for (const i of exclusionOf.keys()) {
    entitlements[i] = 0;
    bound[i] = 0;
  }
  const rank = rankByIntensity(table);
  const ranking = { ranking: { compare: rank, description: 'intensity (descending, ties by id)' } };
  const allocation = allocate({
    method: options.method,
    budget: options.budget,
    unit: rule.roundingUnit,
    entitlements,
    ids: table.ids,
    ...(options.method === 'ranked' ? { rank } : {}),
  });
  const fast = certified === table;
  const writers = [fast ? ruleStepsWriter(rule) : undefined, fast ? ruleStepsWriter(rule, true) : undefined];
  const envelopeWriters: (ReturnType<typeof envelopeStepWriter> | null)[] = [null, null];
  /** Firm i's envelope step written into out (when given); returns its branch. */
  const envelopeText = (i: number, out: ByteChunks | undefined, compact = false): string => {
    const k = compact ? 1 : 0;
    const writer = (envelopeWriters[k] ??= envelopeStepWriter(allocation, entitlements, ranking, compact));
    if (writer !== undefined) return writer(i, out);
    const step = envelopeStep(allocation, entitlements, i, ranking);
    out?.text(JSON.stringify(compact ? compactTrace([step])[0] : step));
    return step.branch ?? '';
  };
  const writer = writers[0];
  const evaluation: RdEvaluation = {
    program: 'rd_incentive',
    rule,
    table,
    entitlements,
    allocation,
    totals: {
      entitlement: allocation.totalEntitlement,
      awarded: allocation.awarded,
      unallocated: allocation.unallocated,
      enterprises: table.count,
    },
    bound,
    certificateNotes: certified === table ? [] : certificateNotes(table, certified, date),
    capsBound(i) {
      const flags = bound[i] ?? 0;
      const paths: string[] = [];
      if (flags & BOUND_INCREMENT_CAP) paths.push(table.scale[i] === SCALE_ABOVE ? PATHS.capAbove : PATHS.capBelow);
      if (flags & BOUND_HIGH_TECH_CAP) paths.push(PATHS.highTechCap);
      if (flags & BOUND_SPECIAL_CAP) paths.push(PATHS.specialCap);
      if (flags & BOUND_FIRM_CAP) paths.push(PATHS.firmCap);
      return paths;
    },
    trace(i) {
      const steps: TraceStep[] = [];
      const exclusion = exclusionOf.get(i);
      if (exclusion !== undefined) {
        steps.push(exclusionStep(exclusion, table.ids[i] ?? '', table.creditCodes[i]));
        steps.push(envelopeStep(allocation, entitlements, i, ranking));
        return steps;
      }
      explainEntitlement(certified, i, rule, steps);
      const certificates = certified === table ? undefined : certificateStep(table, i, date);
      if (certificates !== undefined)
        steps.splice(
          Math.max(
            0,
            steps.findIndex((s) => s.step === 'high_tech_award'),
          ),
          0,
          certificates,
        );
      steps.push(envelopeStep(allocation, entitlements, i, ranking));
      return steps;
    },
    writeTrace(i, out, compact = false) {
      out.text('[');
      const steps = writers[compact ? 1 : 0];
      if (steps === undefined || exclusionOf.has(i) || !steps(table, i, out, undefined)) {
        const trace = evaluation.trace(i);
        out.text(JSON.stringify(compact ? compactTrace(trace) : trace).slice(1));
        return;
      }
      out.text(',');
      envelopeText(i, out, compact);
      out.text(']');
    },
    traceJson(i) {
      const out = new ByteChunks(4096);
      evaluation.writeTrace(i, out);
      return decoder.decode(out.take());
    },
    traceSummary(i) {
      const summary: string[] = [];
      if (writer === undefined || exclusionOf.has(i) || !writer(table, i, undefined, summary)) return summarizeTrace(evaluation.trace(i));
      return `${summary.join('; ')}; envelope: ${envelopeText(i, undefined)}`;
    },
  };
  return evaluation;
}
