/**
 * Reads an explanation trace's words (core writes them in English, for the CLI, the API and the
 * audit) into catalogue phrases, so that the planner says every word in its own language: each
 * branch is a list of phrases, each phrase a catalogue key under `branch.` with its arguments
 * (amounts, rates, counts, dates) kept as values for the formatter. A branch no pattern knows is
 * shown as written (`branch.raw`); a test walks every trace of the built-in scenarios under each
 * envelope method and fails on one, so a new branch in core shows here as a failing test.
 */

export type Arg =
  | { readonly kind: 'money'; readonly fen: number }
  /** A share computed for display only (`≈11304.842078`): yuan, approximate. */
  | { readonly kind: 'approxYuan'; readonly text: string }
  | { readonly kind: 'rate'; readonly text: string }
  | { readonly kind: 'count'; readonly text: string }
  | { readonly kind: 'date'; readonly iso: string }
  /** Another catalogue key (a word chosen by the branch). */
  | { readonly kind: 'word'; readonly key: string }
  /** Data as the scenario or the file gives it (an exclusion's reason, a programme's letter section). */
  | { readonly kind: 'text'; readonly text: string }
  /** A source as core writes it (a programme's letter section): said in the planner's language where it is a built-in one. */
  | { readonly kind: 'citation'; readonly text: string };

export interface Phrase {
  /** A key under `branch.` in the catalogues. */
  readonly key: string;
  readonly args: Readonly<Record<string, Arg>>;
}

const AMOUNT = /^(-?)(\d+)\.(\d{2})$/u;

/** Core's exact yuan text (`123456.78`) as integer fen, or undefined when it is not one. */
export function fenOf(text: string): number | undefined {
  const m = AMOUNT.exec(text);
  if (m === null) return undefined;
  const fen = Number(m[2]) * 100 + Number(m[3]);
  return Number.isSafeInteger(fen) ? (m[1] === '-' ? -fen : fen) : undefined;
}

const money = (text: string): Arg => {
  const fen = fenOf(text);
  return fen === undefined ? { kind: 'text', text } : { kind: 'money', fen };
};
const rate = (text: string): Arg => ({ kind: 'rate', text });
const count = (text: string): Arg => ({ kind: 'count', text });
const word = (key: string): Arg => ({ kind: 'word', key });
const text = (t: string): Arg => ({ kind: 'text', text: t });
const citation = (t: string): Arg => ({ kind: 'citation', text: t });

/** The priority classes core describes (hitech_zones), by their English description. */
const CLASS_WORDS: Readonly<Record<string, string>> = {
  '新获批国家高新区, 措施(一): granted outright': 'branch.classGranted',
  'chosen on merit (择优)': 'branch.classMerit',
};
const classArg = (label: string): Arg => {
  const key = CLASS_WORDS[label];
  return key === undefined ? text(label) : word(key);
};

type Match = (m: RegExpExecArray) => Phrase | Phrase[];
const p = (key: string, args: Record<string, Arg> = {}): Phrase => ({ key, args });

/** Whole phrases, tried in order; the first that matches the whole text wins. */
const PATTERNS: readonly (readonly [RegExp, Match])[] = [
  [/^eligible$/u, () => p('eligible')],
  [/^not eligible: no super deduction$/u, () => p('noSuperDeduction')],
  [/^excluded: (.*)$/u, (m) => p('excluded', { reason: text(m[1] ?? '') })],
  [/^in full$/u, () => p('inFull')],
  [/^share (≈?-?[\d.]+)$/u, (m) => p('share', { share: { kind: 'approxYuan', text: m[1] ?? '' } })],
  [/^one more rounding unit from the largest-remainder step$/u, () => p('extraUnit')],
  [/^cut to the uniform cap$/u, () => p('cutToUniformCap')],
  [/^below the cap: in full$/u, () => p('belowUniformCap')],
  [/^marginal: received what was left, rounded down to the unit$/u, () => p('marginalPartial')],
  [/^marginal: did not fit in full and partial_marginal is false: 0, what was left stays unallocated$/u, () => p('marginalNone')],
  [/^after the cut-off: 0$/u, () => p('afterCutoff')],
  [
    /^priority class (\d+) \((.*)\): paid in full before the later classes$/u,
    (m) => p('classPaid', { class: count(m[1] ?? ''), label: classArg(m[2] ?? '') }),
  ],
  [
    /^priority class (\d+) \((.*)\): the budget ran out in class (\d+): 0$/u,
    (m) => p('classUnpaid', { class: count(m[1] ?? ''), label: classArg(m[2] ?? ''), shared: count(m[3] ?? '') }),
  ],
  [
    /^priority class (\d+) \((.*?)\), the class the budget ran out in, shared: (.*)$/u,
    (m) => [p('classShared', { class: count(m[1] ?? ''), label: classArg(m[2] ?? '') }), ...phrasesOf(m[3] ?? '')],
  ],
  [/^already a whole unit$/u, () => p('wholeUnit')],
  [/^rounded down by (\S+)$/u, (m) => p('roundedDown', { amount: money(m[1] ?? '') })],
  [/^eligible: score ≥ min_score$/u, () => p('scoreEligible')],
  [/^below minimum score: 0$/u, () => p('scoreBelow')],
  [/^requested is above the maximum: capped$/u, () => p('aboveMaximum')],
  [/^requested is within the maximum$/u, () => p('withinMaximum')],
  [/^requested is above the cap: capped$/u, () => p('aboveCap')],
  [/^requested is within the cap$/u, () => p('withinCap')],
  [/^advanced equipment: rate (\S+)$/u, (m) => p('advancedEquipment', { rate: rate(m[1] ?? '') })],
  [/^ordinary equipment: rate (\S+)$/u, (m) => p('ordinaryEquipment', { rate: rate(m[1] ?? '') })],
  [/^fewer than robot_min_count robots: 0$/u, () => p('fewRobots')],
  [/^robots ≥ robot_min_count$/u, () => p('enoughRobots')],
  [/^project_cap applies to the total$/u, () => p('capOnTotal')],
  [/^the awards add up$/u, () => p('awardsAdd')],
  [/^recognised smart factory$/u, () => p('recognised', { what: word('branch.smartFactory') })],
  [/^recognised digital workshop$/u, () => p('recognised', { what: word('branch.digitalWorkshop') })],
  [/^not a smart factory: 0$/u, () => p('notRecognised', { what: word('branch.smartFactory') })],
  [/^not a digital workshop: 0$/u, () => p('notRecognised', { what: word('branch.digitalWorkshop') })],
  [/^no tier applies: rate 0$/u, () => p('noTier')],
  [
    /^tier (\d+): min_intensity (\S+) ≤ intensity, rate (\S+)$/u,
    (m) => p('tier', { tier: count(m[1] ?? ''), min: rate(m[2] ?? ''), rate: rate(m[3] ?? '') }),
  ],
  [/^rate (\S+)$/u, (m) => p('rate', { rate: rate(m[1] ?? '') })],
  [/^qualifies$/u, () => p('qualifies')],
  [/^neither high-tech nor gazelle: 0$/u, () => p('notHighTech')],
  [/^high-tech award is larger$/u, () => p('highTechLarger')],
  [/^increment award is larger or equal$/u, () => p('incrementLarger')],
  [/^all conditions met$/u, () => p('allMet')],
  [/^not met: (.*)$/u, (m) => [p('notMet'), ...phrasesOf(m[1] ?? '')]],
  [/^rd_expense below special\.min_rd_expense$/u, () => p('specialRdExpense')],
  [/^rd_expense fell by more than special\.max_decline$/u, () => p('specialDecline')],
  [/^intensity below special\.min_intensity$/u, () => p('specialIntensity')],
  [
    /^high-tech certificate dated (\S+), after (\S+): not yet high-tech$/u,
    (m) => p('highTechNotYet', { issued: date(m[1]), on: date(m[2]) }),
  ],
  [
    /^high-tech certificate of (\S+) expired on (\S+): not high-tech on (\S+)$/u,
    (m) => p('highTechExpired', { issued: date(m[1]), expiry: date(m[2]), on: date(m[3]) }),
  ],
  [/^high-tech certificate of (\S+) valid until (\S+)$/u, (m) => p('highTechValid', { issued: date(m[1]), until: date(m[2]) })],
  [/^gazelle recognition expired after (\S+): not a gazelle on (\S+)$/u, (m) => p('gazelleExpired', { until: date(m[1]), on: date(m[2]) })],
  [/^gazelle valid until (\S+)$/u, (m) => p('gazelleValid', { until: date(m[1]) })],
  [/^national zone: fixed award$/u, () => p('nationalZone')],
  [/^regional zone: fixed award$/u, () => p('regionalZone')],
  [/^R&D institution: request above the cap$/u, () => p('institutionAbove')],
  [/^R&D institution: request within the cap$/u, () => p('institutionWithin')],
  [/^major project: matching (\S+), above the cap$/u, (m) => p('majorAbove', { amount: money(m[1] ?? '') })],
  [/^major project: matching (\S+)$/u, (m) => p('majorWithin', { amount: money(m[1] ?? '') })],
  [/^head count 0: nothing to pay$/u, () => p('noHeads')],
  [
    /^(.+) \((.*)\): (\d+) × (\S+)$/u,
    (m) =>
      p('stipend', { programme: text(m[1] ?? ''), citation: citation(m[2] ?? ''), heads: count(m[3] ?? ''), amount: money(m[4] ?? '') }),
  ],
  [/^(\d+) whole stipends?: nothing to round$/u, (m) => p('wholeStipends', { heads: count(m[1] ?? '') })],
  [/^(\d+) whole stipends?: (\S+) unallocated$/u, (m) => p('wholeStipendsCut', { heads: count(m[1] ?? ''), amount: money(m[2] ?? '') })],
  [/^(\S+) covered at (\S+) is above the cap: capped$/u, (m) => p('resourceAbove', { amount: money(m[1] ?? ''), rate: rate(m[2] ?? '') })],
  [/^covered at (\S+), within the cap$/u, (m) => p('resourceWithin', { rate: rate(m[1] ?? '') })],
  [/^university: cash_cap_university$/u, () => p('universityCap')],
  [/^enterprise: cash_cap_enterprise$/u, () => p('enterpriseCashCap')],
  [/^cut by (\S+)$/u, (m) => p('enterpriseCut', { amount: money(m[1] ?? '') })],
  [/^within the cap$/u, () => p('enterpriseWithin')],
];

function date(iso: string | undefined): Arg {
  return { kind: 'date', iso: iso ?? '' };
}

/** One part of a branch (no `; ` inside), as phrases. */
function phrasesOf(part: string): Phrase[] {
  for (const [pattern, make] of PATTERNS) {
    const m = pattern.exec(part);
    if (m !== null) {
      const made = make(m);
      return Array.isArray(made) ? made : [made];
    }
  }
  return [p('raw', { text: text(part) })];
}

/** A trace step's branch as catalogue phrases, in order. */
export function branchPhrases(branch: string): Phrase[] {
  // `; ` separates the findings of one branch (certificates, conditions not met, the extra unit).
  // An exclusion's reason is data and may hold one: it is read whole.
  if (branch.startsWith('excluded: ')) return phrasesOf(branch);
  return branch.split('; ').flatMap(phrasesOf);
}

/** How a step's result reads: an amount, a ratio (intensity), or a word. */
export function resultArg(step: string, result: string): Arg {
  if (step === 'intensity') return rate(result.replace(/^≈/u, ''));
  if (result === 'eligible') return word('branch.eligible');
  if (result === 'valid') return word('branch.valid');
  if (result === 'not valid on the date') return word('branch.notValid');
  return money(result);
}

/** Inputs that are neither an amount nor an applicant's field value. */
const COUNT_INPUTS = new Set(['rank', 'head_count', 'robots']);

/** How a step's input reads: an amount, a count, a date, a yes/no, a class, or the value as the file gives it. */
export function inputArg(name: string, value: string): Arg {
  if (name === 'priority_class') {
    const m = /^(\d+): (.*)$/u.exec(value);
    return m === null ? text(value) : classArg(m[2] ?? '');
  }
  if (name === 'uniform_cap') return { kind: 'approxYuan', text: value };
  if (COUNT_INPUTS.has(name) && /^\d+$/u.test(value)) return count(value);
  if (value === 'true' || value === 'false') return word(`branch.${value === 'true' ? 'yes' : 'no'}`);
  if (/^\d{4}-\d{2}-\d{2}$/u.test(value)) return date(value);
  if (fenOf(value) !== undefined) return money(value);
  return text(value);
}

/** How a parameter's value reads, by its unit: an amount, a rate, tiers, a yes/no, or a number. */
export function parameterArg(unit: string | undefined, value: string): Arg | readonly Phrase[] {
  if (value === 'true' || value === 'false') return word(`branch.${value === 'true' ? 'yes' : 'no'}`);
  if (unit === 'ratio') return rate(value);
  if (unit === 'CNY') return money(value);
  if (unit === 'tiers') {
    try {
      const tiers = JSON.parse(value) as { min_intensity?: string; rate?: string }[];
      return tiers.map((tier) => p('tierValue', { min: rate(tier.min_intensity ?? ''), rate: rate(tier.rate ?? '') }));
    } catch {
      return text(value);
    }
  }
  return /^\d+(\.\d+)?$/u.test(value) ? count(value) : text(value);
}
