import { Decimal } from 'decimal.js';
import { ALLOCATION_METHODS, METHOD_LABELS, allocate, type Allocation, type AllocationMethod } from '../../allocation/index.js';
import { fail, ok, problem, type Result } from '../../errors/index.js';
import { MAX_FEN, fen, formatJson, type Fen } from '../../money/index.js';
import type { ParameterSet } from '../../parameters/index.js';
import type { Eligibility, EvaluateOptions, ExcludedApplicant, Exclusion, ProgrammeOutcome } from '../programme.js';
import type { TraceParameter, TraceStep } from '../trace.js';
import { utf8 as encode, type ByteChunks } from './bytes.js';
import { shareText } from './trace-text.js';

/**
 * A programme's envelope: entitlements shared by the one `allocate` of `allocation/` (its
 * methods and its largest-remainder step), and the outcome every programme returns, with each
 * applicant's trace ending in the envelope step. Shared by guidance_fund, tech_upgrade and
 * hitech_zones; it belongs in `programmes/common/`.
 */

export interface Ranking {
  /** Orders two applicants by index, the one to serve first negative; ties by id. */
  readonly compare: (a: number, b: number) => number;
  /** The order in words, for the trace: `review score (descending, ties by id)`. */
  readonly description: string;
}

/** What the envelope reads of every applicant: its id, and its credit code where the programme takes one. */
export interface Keyed {
  readonly id: string;
  readonly credit_code?: string | undefined;
}

export interface EnvelopeRequest<A extends Keyed> {
  readonly programme: string;
  readonly applicants: readonly A[];
  /** An applicant's entitlement in integer fen, its steps pushed on `trace` when one is given. */
  readonly entitlement: (applicant: A, trace?: TraceStep[]) => Fen;
  readonly parameters: ParameterSet;
  /** The path of the programme's rounding unit. */
  readonly unitPath: string;
  readonly options: EvaluateOptions;
  /** The order of `ranked`. */
  readonly ranking: Ranking;
  /**
   * `ranked` only: when false, the first applicant that does not fit in full receives nothing
   * (rather than what is left), and what is left stays unallocated.
   */
  readonly partialMarginal?: { readonly value: boolean; readonly parameter: TraceParameter };
  /**
   * Awards paid only in whole multiples of a per-applicant amount (a stipend per person): every
   * award, by any method, is rounded down to a whole number of them; what that frees stays unallocated.
   */
  readonly wholeUnits?: WholeUnits<A>;
  /** Priority classes (`allocate`'s `priority`): each class paid in full before the next. */
  readonly priority?: PriorityClasses<A>;
  readonly groups: ProgrammeOutcome['groups'];
}

/** The amount an applicant's award must be a whole multiple of, and what it is called. */
export interface WholeUnits<A> {
  /** In fen; 0 leaves the award as it is. */
  readonly of: (applicant: A) => Fen;
  /** One of them in words: `stipend`. */
  readonly noun: string;
  /** The parameter that puts the rule in force, for the trace. */
  readonly parameter: TraceParameter;
}

/** Which priority class each applicant is in, and each class in words for the trace. */
export interface PriorityClasses<A> {
  /** The applicant's class: 0 served first. */
  readonly of: (applicant: A) => number;
  /** Class c in words, e.g. `措施(一) award, granted outright`. */
  readonly describe: (priority: number) => string;
  /** The parameter that puts the classes in force, for the trace. */
  readonly parameter?: TraceParameter;
}

const isMethod = (m: string): m is AllocationMethod => (ALLOCATION_METHODS as readonly string[]).includes(m);

/** Shares the budget among the entitlements by the chosen method. */
export function shareEnvelope<A extends Keyed>(request: EnvelopeRequest<A>): Result<ProgrammeOutcome> {
  const { applicants, options } = request;
  const { method, budget, eligibility } = options;
  if (!isMethod(method)) {
    return fail(
      problem('METHOD.UNKNOWN', `unknown envelope method ${method}; use one of ${ALLOCATION_METHODS.join(', ')}`, { value: method }),
    );
  }
  const ids = applicants.map((a) => a.id);
  const creditCodes = applicants.map((a) => a.credit_code);
  const excluded = excludedApplicants(ids, creditCodes, eligibility);
  const exclusionOf = new Map(excluded.map((e) => [e.index, e]));
  const entitlements = Float64Array.from(applicants, (a, i) => (exclusionOf.has(i) ? 0 : request.entitlement(a)));
  let total = 0;
  for (const e of entitlements) total += e;
  if (total > MAX_FEN) {
    return fail(
      problem(
        'ENTITLEMENT.TOO_LARGE',
        'the entitlements add up to more than the largest amount a total can hold (about 90 trillion yuan): ' +
          'check the inputs and the parameters a reform set',
      ),
    );
  }
  const { priority } = request;
  const shared = allocate({
    method,
    budget,
    unit: request.parameters.get(request.unitPath, 'unit').value,
    entitlements,
    ids,
    rank: request.ranking.compare,
    ...(priority === undefined ? {} : { priority: Uint8Array.from(applicants, (a) => priority.of(a)) }),
  });
  const partial = method !== 'ranked' || (request.partialMarginal?.value ?? true);
  const shares = partial ? shared : withoutPartialMarginal(shared);
  const { wholeUnits } = request;
  const units = wholeUnits === undefined ? undefined : Float64Array.from(applicants, (a) => wholeUnits.of(a));
  const allocation = units === undefined ? shares : inWholeUnits(shares, units);
  const explain = (i: number): TraceStep[] => {
    const steps: TraceStep[] = [];
    const applicant = applicants[i];
    if (applicant === undefined) throw new RangeError(`no applicant ${i}: there are ${applicants.length}`);
    const exclusion = exclusionOf.get(i);
    if (exclusion === undefined) request.entitlement(applicant, steps);
    else steps.push(exclusionStep(exclusion, applicant.id, applicant.credit_code));
    steps.push(envelopeStep(shares, entitlements, i, request));
    if (wholeUnits !== undefined && units !== undefined) steps.push(wholeUnitsStep(shares, allocation, units, i, wholeUnits));
    return steps;
  };
  return ok({
    programme: request.programme,
    budget,
    method,
    parametersVersion: request.parameters.version,
    totals: {
      entitlement: allocation.totalEntitlement,
      awarded: allocation.awarded,
      unallocated: allocation.unallocated,
      recipients: applicants.length,
    },
    ids,
    entitlements,
    awards: allocation.awards,
    groups: request.groups,
    creditCodes,
    ...(eligibility === undefined ? {} : { excluded }),
    trace: explain,
    capsBound: (i) => {
      const applicant = applicants[i];
      if (applicant === undefined || exclusionOf.has(i)) return [];
      const steps: TraceStep[] = [];
      request.entitlement(applicant, steps);
      return steps.flatMap((s) => (s.bound === undefined ? [] : [s.bound]));
    },
  });
}

/** The applicants `eligibility` excludes, in input order, each with why. */
export function excludedApplicants(
  ids: readonly string[],
  creditCodes: readonly (string | undefined)[],
  eligibility: Eligibility | undefined,
): ExcludedApplicant[] {
  if (eligibility === undefined) return [];
  const excluded: ExcludedApplicant[] = [];
  ids.forEach((id, index) => {
    const exclusion = eligibility.exclusion(id, creditCodes[index]);
    if (exclusion === undefined) return;
    excluded.push({
      index,
      kind: exclusion.kind,
      reason: exclusion.reason,
      ...(exclusion.citation === undefined ? {} : { citation: exclusion.citation }),
    });
  });
  return excluded;
}

/** The first step of an excluded applicant's trace: why its entitlement is 0. */
export function exclusionStep(exclusion: Exclusion, id: string, creditCode: string | undefined): TraceStep {
  return {
    step: 'eligibility',
    rule: 'an applicant on the scenario’s exclusion list on the programme’s date (公示 objection, credit blacklist, …) is not eligible',
    inputs: { id, ...(creditCode === undefined ? {} : { credit_code: creditCode }), kind: exclusion.kind },
    branch: `excluded: ${exclusion.reason}${exclusion.citation === undefined ? '' : ` (${exclusion.citation})`}`,
    result: '0.00',
  };
}

/** `ranked` with the cut-off of a funding line: the marginal applicant's partial award returns to the unallocated rest. */
function withoutPartialMarginal(allocation: Allocation): Allocation {
  const { rankPosition, cutoffPosition = -1 } = allocation;
  const marginal = allocation.marginal ?? (rankPosition === undefined || cutoffPosition < 0 ? -1 : rankPosition.indexOf(cutoffPosition));
  const partialAward = allocation.awards[marginal] ?? 0;
  if (partialAward === 0) return allocation;
  const awards = Float64Array.from(allocation.awards);
  awards[marginal] = 0;
  return {
    ...allocation,
    awards,
    awarded: fen(allocation.awarded - partialAward),
    unallocated: fen(allocation.unallocated + partialAward),
  };
}

/** Every award rounded down to a whole number of its unit (`WholeUnits`); the money freed becomes unallocated. */
function inWholeUnits(allocation: Allocation, units: Float64Array): Allocation {
  const awards = Float64Array.from(allocation.awards);
  let freed = 0;
  for (let i = 0; i < awards.length; i++) {
    const unit = units[i] ?? 0;
    const award = awards[i] ?? 0;
    if (unit <= 0 || award % unit === 0) continue;
    const whole = Math.floor(award / unit) * unit;
    freed += award - whole;
    awards[i] = whole;
  }
  if (freed === 0) return allocation;
  return { ...allocation, awards, awarded: fen(allocation.awarded - freed), unallocated: fen(allocation.unallocated + freed) };
}

/** The step after the envelope when awards are paid in whole units (stipends). */
function wholeUnitsStep(shares: Allocation, paid: Allocation, units: Float64Array, i: number, whole: WholeUnits<never>): TraceStep {
  const unit = units[i] ?? 0;
  const share = shares.awards[i] ?? 0;
  const award = paid.awards[i] ?? 0;
  const count = unit > 0 ? Math.floor(award / unit) : 0;
  return {
    step: `whole_${whole.noun}s`,
    rule: `a ${whole.noun} is paid in full or not at all: the award is rounded down to a whole number of ${whole.noun}s; what that frees stays unallocated`,
    inputs: { share: formatJson(share), [whole.noun]: formatJson(unit) },
    parameters: [whole.parameter],
    branch:
      share === award
        ? `${count} whole ${whole.noun}${count === 1 ? '' : 's'}: nothing to round`
        : `${count} whole ${whole.noun}${count === 1 ? '' : 's'}: ${formatJson(share - award)} unallocated`,
    result: formatJson(award),
  };
}

/** The last step of every award's trace: how the envelope method turned entitlement i into its award. */
export function envelopeStep(
  allocation: Allocation,
  entitlements: Float64Array,
  i: number,
  request: Pick<EnvelopeRequest<never>, 'ranking' | 'partialMarginal'> & {
    readonly priority?: Pick<PriorityClasses<never>, 'describe' | 'parameter'>;
  },
): TraceStep {
  const e = entitlements[i] ?? 0;
  const method = allocation.method;
  const label = METHOD_LABELS[method];
  const priority = allocation.priority;
  const own = priority?.classOf[i] ?? 0;
  const classLabel = priority === undefined ? '' : (request.priority?.describe(own) ?? `class ${own}`);
  const common = {
    step: 'envelope',
    inputs: {
      entitlement: formatJson(e),
      budget: formatJson(allocation.budget),
      total_entitlement: formatJson(allocation.totalEntitlement),
      ...(priority === undefined ? {} : { priority_class: `${own}: ${classLabel}` }),
    },
    ...(request.priority?.parameter === undefined || priority === undefined ? {} : { parameters: [request.priority.parameter] }),
    result: formatJson(allocation.awards[i] ?? 0),
  };
  if (!allocation.oversubscribed) {
    return { ...common, rule: 'total entitlement fits the budget: every award is its entitlement', branch: 'in full' };
  }
  if (priority !== undefined && own !== priority.sharedClass) {
    const served = priority.classes.find((c) => c.priority === own)?.served;
    const position = allocation.rankPosition?.[i];
    return {
      ...common,
      ...(position === undefined ? {} : { inputs: { ...common.inputs, rank: String(position + 1) } }),
      rule: `priority classes: each class paid in full, in order, while the budget covers it; the first it does not cover is shared by ${label.en} (${label.zh}); later classes receive 0`,
      branch:
        served === 'full'
          ? `priority class ${own} (${classLabel}): paid in full before the later classes`
          : `priority class ${own} (${classLabel}): the budget ran out in class ${priority.sharedClass}: 0`,
    };
  }
  const inClass = priority === undefined ? '' : `priority class ${own} (${classLabel}), the class the budget ran out in, shared: `;
  // What the shared class shares: the budget left after the classes paid in full, over its own entitlements.
  let shareBudget: number = allocation.budget;
  let shareTotal: number = allocation.totalEntitlement;
  for (const c of priority?.classes ?? []) {
    if (c.served === 'full') shareBudget -= c.entitlement;
    if (c.served === 'shared') shareTotal = c.entitlement;
  }
  const extra = allocation.extraUnit[i] === 1 ? '; one more rounding unit from the largest-remainder step' : '';
  switch (method) {
    case 'pro_rata':
      return {
        ...common,
        ...(priority === undefined
          ? {}
          : { inputs: { ...common.inputs, class_budget: formatJson(shareBudget), class_entitlement: formatJson(shareTotal) } }),
        rule: `${label.en} (${label.zh}): share = entitlement × ${priority === undefined ? 'budget / total entitlement' : 'class_budget / class_entitlement (what the classes paid in full left, over the class’s entitlements)'}, rounded down to the unit; leftover units go to the largest remainders (ties by id)`,
        branch: `${inClass}share ${shareText(e, shareBudget, shareTotal)}${extra}`,
      };
    case 'uniform_cap': {
      const cap = allocation.cap ?? { numerator: 0, denominator: 1 };
      const cut = e * cap.denominator > cap.numerator;
      return {
        ...common,
        inputs: { ...common.inputs, uniform_cap: approx(new Display(cap.numerator).div(cap.denominator).div(100)) },
        rule: `${label.en} (${label.zh}): award = min(entitlement, c) with Σ min(entitlement, c) = budget, rounded down to the unit; leftover units go to the largest remainders (ties by id)`,
        branch: `${inClass}${cut ? 'cut to the uniform cap' : 'below the cap: in full'}${extra}`,
      };
    }
    case 'ranked': {
      const position = allocation.rankPosition?.[i] ?? 0;
      const cutoff = allocation.cutoffPosition ?? -1;
      const partial = request.partialMarginal?.value ?? true;
      const marginal = partial
        ? 'marginal: received what was left, rounded down to the unit'
        : 'marginal: did not fit in full and partial_marginal is false: 0, what was left stays unallocated';
      const where = cutoff < 0 || position < cutoff ? 'in full' : position === cutoff ? marginal : 'after the cut-off: 0';
      const then = partial
        ? 'the first that does not fit receives what is left, rounded down to the unit; all after it 0'
        : 'the first that does not fit and all after it receive 0';
      return {
        ...common,
        inputs: { ...common.inputs, rank: String(position + 1) },
        ...(request.partialMarginal === undefined ? {} : { parameters: [...(common.parameters ?? []), request.partialMarginal.parameter] }),
        rule: `${label.en} (${label.zh}): in order of ${request.ranking.description}, each takes its full entitlement while it fits; ${then}`,
        branch: `${inClass}${where}`,
      };
    }
    default: {
      const unlisted: never = method; // a new case fails to compile, not at run time
      throw new Error(`unknown allocation method ${String(unlisted)}`);
    }
  }
}

/** Shares are shown, not computed, with this: 40 digits, then cut to 6 decimals and marked ≈ when inexact. */
const Display = Decimal.clone({ precision: 40 });

/** A pro-rata share as the trace shows it, in decimal.js: the reference `shareText` (trace-text.ts) is held to. */
export function shareTextReference(entitlement: number, budget: number, total: number): string {
  return approx(new Display(entitlement).times(budget).div(total).div(100));
}

function approx(d: Decimal): string {
  const shown = d.toDecimalPlaces(6, Decimal.ROUND_DOWN);
  return shown.eq(d) ? shown.toFixed() : `≈${shown.toFixed()}`;
}

/**
 * Writes `JSON.stringify(envelopeStep(allocation, entitlements, i, request))` as UTF-8 into
 * `out` (when given) and returns that step's branch, for any i, from templates: the words and
 * the envelope's figures encoded once, the applicant's figures formatted from integers.
 * Undefined with priority classes (take envelopeStep).
 */
export function envelopeStepWriter(
  allocation: Allocation,
  entitlements: Float64Array,
  request: Pick<EnvelopeRequest<never>, 'ranking' | 'partialMarginal'>,
  compact = false,
): ((i: number, out: ByteChunks | undefined) => string) | undefined {
  if (allocation.priority !== undefined) return undefined;
  // compact (trace=compact): without the rule in words and the parameters.
  const utf8 = (text: string): Uint8Array => (compact ? new Uint8Array(0) : encode(text));
  const label = METHOD_LABELS[allocation.method];
  const { awards, extraUnit, budget, totalEntitlement } = allocation;
  const figures = encode(`","budget":"${formatJson(budget)}","total_entitlement":"${formatJson(totalEntitlement)}"`);
  const extra = '; one more rounding unit from the largest-remainder step';
  const none = new Uint8Array(0);
  const write = (out: ByteChunks | undefined, i: number, more: Uint8Array | string, tail: Uint8Array, branch: string): string => {
    if (out === undefined) return branch;
    out.t`{"step":"envelope","inputs":{"entitlement":"${formatJson(entitlements[i] ?? 0)}${figures}${more}},"result":"${formatJson(awards[i] ?? 0)}"${tail},"branch":${JSON.stringify(branch)}}`;
    return branch;
  };
  if (!allocation.oversubscribed) {
    const rule = utf8(`,"rule":${JSON.stringify('total entitlement fits the budget: every award is its entitlement')}`);
    return (i, out) => write(out, i, none, rule, 'in full');
  }
  switch (allocation.method) {
    case 'pro_rata': {
      const rule = utf8(
        `,"rule":${JSON.stringify(`${label.en} (${label.zh}): share = entitlement × budget / total entitlement, rounded down to the unit; leftover units go to the largest remainders (ties by id)`)}`,
      );
      return (i, out) =>
        write(out, i, none, rule, `share ${shareText(entitlements[i] ?? 0, budget, totalEntitlement)}${extraUnit[i] === 1 ? extra : ''}`);
    }
    case 'uniform_cap': {
      const cap = allocation.cap ?? { numerator: 0, denominator: 1 };
      const more = encode(`,"uniform_cap":"${approx(new Display(cap.numerator).div(cap.denominator).div(100))}"`);
      const rule = utf8(
        `,"rule":${JSON.stringify(`${label.en} (${label.zh}): award = min(entitlement, c) with Σ min(entitlement, c) = budget, rounded down to the unit; leftover units go to the largest remainders (ties by id)`)}`,
      );
      return (i, out) => {
        const cut = (entitlements[i] ?? 0) * cap.denominator > cap.numerator;
        return write(out, i, more, rule, `${cut ? 'cut to the uniform cap' : 'below the cap: in full'}${extraUnit[i] === 1 ? extra : ''}`);
      };
    }
    case 'ranked': {
      const cutoff = allocation.cutoffPosition ?? -1;
      const partial = request.partialMarginal?.value ?? true;
      const marginal = partial
        ? 'marginal: received what was left, rounded down to the unit'
        : 'marginal: did not fit in full and partial_marginal is false: 0, what was left stays unallocated';
      const then = partial
        ? 'the first that does not fit receives what is left, rounded down to the unit; all after it 0'
        : 'the first that does not fit and all after it receive 0';
      const parameters =
        request.partialMarginal === undefined ? '' : `,"parameters":[${JSON.stringify(request.partialMarginal.parameter)}]`;
      const rule = utf8(
        `${parameters},"rule":${JSON.stringify(`${label.en} (${label.zh}): in order of ${request.ranking.description}, each takes its full entitlement while it fits; ${then}`)}`,
      );
      return (i, out) => {
        const position = allocation.rankPosition?.[i] ?? 0;
        const where = cutoff < 0 || position < cutoff ? 'in full' : position === cutoff ? marginal : 'after the cut-off: 0';
        return write(out, i, `,"rank":"${position + 1}"`, rule, where);
      };
    }
    default:
      return undefined;
  }
}
