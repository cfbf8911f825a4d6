import type { z } from 'zod';
import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';
import { checkGenerateRequest, type GenerateRequest } from '../generate/index.js';
import type { Rate } from '../exact/index.js';
import { formatEn, formatJson, type Fen } from '../money/index.js';
import { parseCreditCode } from '../programmes/common/credit-code.js';
import { parseParameterValue, type Override, type ParameterRegistry, type ParameterSet } from '../parameters/index.js';
import { findProgramme, parameterRegistry, PROGRAMME_KEYS, programmeOfParameter, programmeRegistry } from '../programmes/catalogue.js';
import type { Programme } from '../programmes/programme.js';
import { scenarioProgrammeSchema, scenarioTopSchema, shapeProblems, type ScenarioFile } from './schema.js';
import { nfc } from '../tabular/index.js';

type Path = readonly (string | number)[];

export interface FundingSource {
  readonly key: string;
  readonly label: { readonly zh: string; readonly en: string };
  readonly citation: string;
}

export type ApplicantsSpec =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'generate'; readonly request: GenerateRequest }
  | { readonly kind: 'records'; readonly records: readonly unknown[] };

/** Whose money an envelope is: the letter's 2021 money, a public figure from elsewhere, or our assumption. */
export type EnvelopeBasis = 'letter' | 'public' | 'assumption';

/** Co-financing, checked: the region's share of each award (0 < share ≤ 1), by city where a city's differs. */
export interface Cofinancing {
  readonly regional: Rate;
  readonly cities: ReadonlyMap<string, Rate>;
  readonly citation: string;
}

/** One programme of a scenario, checked: its parameters resolved on its date, its funding adding up. */
export interface ScenarioProgramme {
  /** Its position in the file's `programmes`, for JSON paths. */
  readonly index: number;
  readonly id: string;
  readonly programme: Programme;
  readonly envelope: Fen;
  readonly citation: string;
  readonly method: string;
  readonly date: string;
  readonly parameters: ParameterSet;
  /** What each source gives, in the order of the scenario's sources; adds up to the envelope. */
  readonly funding: readonly { readonly source: string; readonly amount: Fen }[];
  readonly applicants: ApplicantsSpec;
  readonly basis: EnvelopeBasis;
  /** ⚠ Modelling choices no source gives, with their reasons. */
  readonly assumptions: readonly string[];
  /** The programme year (年度): given, or the year of the entry's date. */
  readonly year: number;
  /** The batch of the year, when given. */
  readonly batch?: number;
  readonly paidOn?: string;
  /** Entries of one series pass unallocated money and commitments on (the programme key unless given). */
  readonly series: string;
  readonly commitment?: { readonly years: number; readonly citation: string };
  readonly cofinancing?: Cofinancing;
}

/** An entry of the scenario's exclusion list, checked. */
export interface ScenarioExclusion {
  /** Its position in the file's `exclusions`. */
  readonly index: number;
  readonly creditCode?: string;
  readonly id?: string;
  readonly name?: string;
  readonly kind: 'objection' | 'blacklist' | 'other';
  readonly reason: string;
  /** Programme keys or entry ids; undefined: every programme. */
  readonly programmes?: readonly string[];
  readonly from?: string;
  readonly until?: string;
  readonly citation?: string;
}

export interface EnterpriseCap {
  readonly amount: Fen;
  /** Entry ids in the order they count against the cap, within a year and batch (the rest follow in file order). */
  readonly order: readonly string[];
  readonly citation: string;
}

export interface Scenario {
  readonly name: string;
  readonly title: string;
  readonly description?: string;
  readonly date: string;
  readonly sources: readonly FundingSource[];
  readonly programmes: readonly ScenarioProgramme[];
  /** What happens to unallocated money; undefined: it stays unallocated, as before years and batches existed. */
  readonly unallocated?: 'return' | 'carry_over';
  readonly exclusions: readonly ScenarioExclusion[];
  readonly enterpriseCap?: EnterpriseCap;
  /** Whether the scenario uses years, batches, commitments or an unallocated-money rule: its results then carry a ledger per year. */
  readonly multiYear: boolean;
}

/**
 * Checks a scenario file (parsed JSON) before anything runs: its shape, then every programme key,
 * method, envelope, reform and funding split, and the parameters of each programme on its date.
 * Every problem is reported at once, at its JSON path (`programmes.2.funding`).
 */
export function parseScenario(input: unknown): Result<Scenario> {
  const top = scenarioTopSchema.safeParse(input, { reportInput: true });
  const entries = (top.success ? top.data.programmes : programmesOf(input)).map((entry, index) => {
    const shape = scenarioProgrammeSchema.safeParse(entry, { reportInput: true });
    return shape.success
      ? { ok: true as const, entry: shape.data }
      : { ok: false as const, problems: shapeProblems(shape.error, ['programmes', index]) };
  });
  const shapeFailures = entries.flatMap((e) => (e.ok ? [] : e.problems));
  if (!top.success) return fail(...sortByPath([...shapeProblems(top.error), ...shapeFailures]));
  const file: Omit<ScenarioFile, 'programmes'> = top.data;
  const problems: Problem[] = [];

  const sourceKeys = new Set<string>();
  file.sources.forEach((source, i) => {
    if (sourceKeys.has(source.key)) {
      problems.push(
        problem('SCENARIO.DUPLICATE_SOURCE', `two sources are called ${source.key}: give each source its own key`, {
          path: ['sources', i, 'key'],
        }),
      );
    }
    sourceKeys.add(source.key);
  });

  const shared = checkReform(overridesOf(file.reform), ['reform'], parameterRegistry, undefined);
  problems.push(...shared.problems);

  const ids = new Set<string>();
  const programmes: ScenarioProgramme[] = [];
  entries.forEach((checked, index) => {
    if (!checked.ok) {
      problems.push(...checked.problems);
      return;
    }
    const { entry } = checked;
    const at: Path = ['programmes', index];
    const id = entry.id ?? entry.programme;
    if (ids.has(id)) {
      problems.push(
        problem(
          'SCENARIO.DUPLICATE_PROGRAMME',
          `two programmes are called ${id}: give each its own "id", e.g. "${id}_${entry.date?.slice(0, 4) ?? '2'}"`,
          {
            path: [...at, entry.id === undefined ? 'programme' : 'id'],
          },
        ),
      );
    }
    ids.add(id);
    const valid = checkProgramme(file, entry, at, id, sourceKeys, shared.overrides);
    if (valid.ok) programmes.push({ index, ...valid.value });
    else problems.push(...valid.problems);
  });

  problems.push(...checkBatches(programmes));
  // Names of every entry, valid or not, so that one broken entry does not make the lists that name it wrong too.
  const names = entries.map((e, i) =>
    e.ok ? { id: e.entry.id ?? e.entry.programme, key: e.entry.programme } : namesOf(top.data.programmes[i]),
  );
  const exclusions = checkExclusions(file.exclusions ?? [], names);
  problems.push(...exclusions.problems);
  const cap = file.enterpriseCap === undefined ? undefined : checkEnterpriseCap(file.enterpriseCap, names);
  if (cap !== undefined && !cap.ok) problems.push(...cap.problems);

  if (problems.length > 0) return fail(...sortByPath(problems));
  const multiYear =
    file.unallocated !== undefined ||
    entries.some(
      (e) =>
        e.ok &&
        (e.entry.year !== undefined || e.entry.batch !== undefined || e.entry.paidOn !== undefined || e.entry.commitment !== undefined),
    );
  return ok({
    name: file.name,
    title: file.title,
    ...(file.description === undefined ? {} : { description: file.description }),
    date: file.date,
    sources: file.sources,
    programmes,
    ...(file.unallocated === undefined ? {} : { unallocated: file.unallocated }),
    exclusions: exclusions.value,
    ...(cap?.ok === true ? { enterpriseCap: cap.value } : {}),
    multiYear,
  });
}

/** Two entries of one series may not give the same year and batch: which would be paid first? */
function checkBatches(programmes: readonly ScenarioProgramme[]): Problem[] {
  const seen = new Map<string, ScenarioProgramme>();
  const problems: Problem[] = [];
  for (const p of programmes) {
    if (p.batch === undefined) continue;
    const key = `${p.series}@${p.year}#${p.batch}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        problem(
          'SCENARIO.DUPLICATE_BATCH',
          `${p.id} and ${first.id} are both batch ${p.batch} of ${p.series} in ${p.year}: number the batches of a year 1, 2, …`,
          { path: ['programmes', p.index, 'batch'], value: String(p.batch) },
        ),
      );
    } else seen.set(key, p);
  }
  return problems;
}

interface EntryNames {
  readonly id?: string;
  readonly key?: string;
}

/** The id and programme key of an entry that failed its shape check, where they are strings. */
function namesOf(entry: unknown): EntryNames {
  if (typeof entry !== 'object' || entry === null) return {};
  const { id, programme } = entry as { id?: unknown; programme?: unknown };
  const key = typeof programme === 'string' ? programme : undefined;
  return { ...(typeof id === 'string' ? { id } : key === undefined ? {} : { id: key }), ...(key === undefined ? {} : { key }) };
}

/** Each exclusion names someone (a credit code, checked, or an id), programmes the scenario has, and a period that is one. */
function checkExclusions(
  list: NonNullable<ScenarioFile['exclusions']>,
  programmes: readonly EntryNames[],
): { problems: Problem[]; value: ScenarioExclusion[] } {
  const problems: Problem[] = [];
  const known = new Set(programmes.flatMap((p) => [p.id, p.key].filter((x): x is string => x !== undefined)));
  const value = list.flatMap((e, index): ScenarioExclusion[] => {
    const at: Path = ['exclusions', index];
    const found: Problem[] = [];
    if (e.creditCode === undefined && e.id === undefined) {
      found.push(
        problem('EXCLUSION.NO_KEY', 'an exclusion names whom it excludes: give "creditCode" (统一社会信用代码) or the applicant "id"', {
          path: at,
        }),
      );
    }
    const code = e.creditCode === undefined ? undefined : parseCreditCode(e.creditCode);
    if (code !== undefined && !code.ok) {
      found.push(
        ...code.problems.map((p) =>
          problem(p.code, `creditCode: ${p.message}`, { path: [...at, 'creditCode'], value: e.creditCode ?? '' }),
        ),
      );
    }
    (e.programmes ?? []).forEach((name, j) => {
      if (!known.has(name)) {
        found.push(
          problem(
            'EXCLUSION.UNKNOWN_PROGRAMME',
            `the scenario has no programme ${JSON.stringify(name)}: give programme keys or entry ids, e.g. ${[...known].slice(0, 3).join(', ')}`,
            { path: [...at, 'programmes', j], value: name },
          ),
        );
      }
    });
    if (e.from !== undefined && e.until !== undefined && e.from > e.until) {
      found.push(
        problem('DATE.RANGE', `the exclusion runs from ${e.from} until ${e.until}, which ends before it starts: swap them`, {
          path: [...at, 'until'],
          value: e.until,
        }),
      );
    }
    problems.push(...found);
    if (found.length > 0) return [];
    return [
      {
        index,
        ...(code?.ok === true ? { creditCode: code.value } : {}),
        ...(e.id === undefined ? {} : { id: e.id }),
        ...(e.name === undefined ? {} : { name: e.name }),
        kind: e.kind,
        reason: e.reason,
        ...(e.programmes === undefined ? {} : { programmes: e.programmes }),
        ...(e.from === undefined ? {} : { from: e.from }),
        ...(e.until === undefined ? {} : { until: e.until }),
        ...(e.citation === undefined ? {} : { citation: e.citation }),
      },
    ];
  });
  return { problems, value };
}

function checkEnterpriseCap(cap: NonNullable<ScenarioFile['enterpriseCap']>, programmes: readonly EntryNames[]): Result<EnterpriseCap> {
  const problems: Problem[] = [];
  const amount = parseParameterValue('amount', cap.amount, ['enterpriseCap', 'amount']);
  if (!amount.ok) problems.push(...amount.problems);
  const ids = new Set(programmes.flatMap((p) => (p.id === undefined ? [] : [p.id])));
  const listed = new Set<string>();
  (cap.order ?? []).forEach((id, j) => {
    if (!ids.has(id)) {
      problems.push(
        problem(
          'CAP.UNKNOWN_PROGRAMME',
          `the scenario has no programme entry ${JSON.stringify(id)}: the order lists entry ids (${[...ids].join(', ')})`,
          {
            path: ['enterpriseCap', 'order', j],
            value: id,
          },
        ),
      );
    } else if (listed.has(id)) {
      problems.push(
        problem('CAP.DUPLICATE', `${id} is listed twice: list each entry once`, { path: ['enterpriseCap', 'order', j], value: id }),
      );
    }
    listed.add(id);
  });
  if (problems.length > 0 || !amount.ok) return fail(...problems);
  return ok({ amount: amount.value, order: cap.order ?? [], citation: cap.citation });
}

/** The basis a citation implies when none is given: the letter's when it cites the letter first, ours when it says ⚠. */
function basisOf(citation: string): EnvelopeBasis {
  if (citation.startsWith('letter')) return 'letter';
  return citation.includes('⚠') ? 'assumption' : 'public';
}

/** The programmes of a file whose top level is invalid, if there is a list of them to check. */
function programmesOf(input: unknown): readonly unknown[] {
  if (typeof input !== 'object' || input === null || !('programmes' in input)) return [];
  return Array.isArray(input.programmes) ? (input.programmes as unknown[]) : [];
}

/** Problems in the order of the file: top-level fields first, then each programme in turn (stable). */
function sortByPath(problems: readonly Problem[]): Problem[] {
  const rank = (p: Problem): number => (p.location?.path?.[0] === 'programmes' ? Number(p.location.path[1] ?? 0) + 1 : 0);
  return problems
    .map((p, i) => [p, i] as const)
    .sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j)
    .map(([p]) => p);
}

type Entry = z.output<typeof scenarioProgrammeSchema>;

function checkProgramme(
  file: Omit<ScenarioFile, 'programmes'>,
  entry: Entry,
  at: Path,
  id: string,
  sourceKeys: ReadonlySet<string>,
  sharedReform: readonly Override[],
): Result<Omit<ScenarioProgramme, 'index'>> {
  const problems: Problem[] = [];
  const programme = findProgramme(entry.programme);
  if (programme === undefined) {
    problems.push(
      problem(
        'SCENARIO.UNKNOWN_PROGRAMME',
        `unknown programme ${JSON.stringify(entry.programme)}; choose one of ${PROGRAMME_KEYS.join(', ')}`,
        {
          path: [...at, 'programme'],
          value: entry.programme,
        },
      ),
    );
  }
  const method = entry.method ?? programme?.defaultMethod ?? '';
  if (programme !== undefined && !programme.methods.includes(method)) {
    problems.push(
      problem(
        'METHOD.UNKNOWN',
        `unknown envelope method ${JSON.stringify(method)}; ${programme.key} takes ${programme.methods.join(', ')}`,
        {
          path: [...at, 'method'],
          value: method,
        },
      ),
    );
  }
  const envelope = parseParameterValue('amount', entry.envelope, [...at, 'envelope']);
  if (!envelope.ok) problems.push(...envelope.problems);
  const funding = checkFunding(file, entry.funding, [...at, 'funding'], sourceKeys, envelope.ok ? envelope.value : undefined);
  if (!funding.ok) problems.push(...funding.problems);
  const applicants = checkApplicants(entry.applicants, entry.programme, [...at, 'applicants']);
  if (!applicants.ok) problems.push(...applicants.problems);
  const cofinancing = entry.cofinancing === undefined ? undefined : checkCofinancing(entry.cofinancing, [...at, 'cofinancing']);
  if (cofinancing !== undefined && !cofinancing.ok) problems.push(...cofinancing.problems);

  let parameters: ParameterSet | undefined;
  const date = entry.date ?? file.date;
  if (programme !== undefined) {
    const registry = programmeRegistry(programme.key);
    const own = checkReform(overridesOf(entry.reform), [...at, 'reform'], registry, programme);
    problems.push(...own.problems);
    if (own.problems.length === 0) {
      const resolved = registry.resolve(
        date,
        mergeReforms(
          sharedReform.filter((o) => registry.has(o.path)),
          own.overrides,
        ),
      );
      if (resolved.ok) parameters = resolved.value;
      else {
        const where = entry.date === undefined ? ['date'] : [...at, 'date'];
        problems.push(...resolved.problems.map((p) => problem(p.code, `${id}: ${p.message}`, { ...p.location, path: where })));
      }
    }
  }
  if (problems.length > 0 || programme === undefined || parameters === undefined || !envelope.ok || !funding.ok || !applicants.ok) {
    return fail(...problems);
  }
  return ok({
    id,
    programme,
    envelope: envelope.value,
    citation: entry.citation,
    method,
    date,
    parameters,
    funding: funding.value,
    applicants: applicants.value,
    basis: entry.basis ?? basisOf(entry.citation),
    assumptions: entry.assumptions ?? [],
    year: entry.year ?? Number(date.slice(0, 4)),
    ...(entry.batch === undefined ? {} : { batch: entry.batch }),
    ...(entry.paidOn === undefined ? {} : { paidOn: entry.paidOn }),
    series: entry.series ?? programme.key,
    ...(entry.commitment === undefined ? {} : { commitment: entry.commitment }),
    ...(cofinancing?.ok === true ? { cofinancing: cofinancing.value } : {}),
  });
}

/** Shares between 0 (excluded: the region pays something) and 1 (the region pays all). */
function checkCofinancing(given: NonNullable<Entry['cofinancing']>, at: Path): Result<Cofinancing> {
  const problems: Problem[] = [];
  const share = (raw: string | number, path: Path): Rate | undefined => {
    const rate = parseParameterValue('rate', raw, path);
    if (!rate.ok) {
      problems.push(...rate.problems);
      return undefined;
    }
    if (rate.value.isZero()) {
      problems.push(
        problem(
          'COFINANCING.SHARE_INVALID',
          'the regional share is 0: the region pays part of every award, a share above 0 and at most 1',
          {
            path,
            value: String(raw),
          },
        ),
      );
      return undefined;
    }
    return rate.value;
  };
  const regional = share(given.regional, [...at, 'regional']);
  const cities = new Map<string, Rate>();
  for (const [written, raw] of Object.entries(given.cities ?? {})) {
    // Applicants' cities are read as NFC: so are these, and two spellings of one city are one key.
    const city = nfc(written);
    if (cities.has(city)) {
      problems.push(
        problem('SCENARIO.INVALID', `${JSON.stringify(city)} is given twice (in two Unicode spellings): give each city once`, {
          path: [...at, 'cities', written],
        }),
      );
      continue;
    }
    const rate = share(raw, [...at, 'cities', written]);
    if (rate !== undefined) cities.set(city, rate);
  }
  if (problems.length > 0 || regional === undefined) return fail(...problems);
  return ok({ regional, cities, citation: given.citation });
}

/** The overrides as the registry takes them (an absent `from` left out, not undefined). */
function overridesOf(reform: ScenarioFile['reform']): Override[] {
  return (reform ?? []).map(({ path, value, from }) => (from === undefined ? { path, value } : { path, value, from }));
}

/**
 * Each override checked on its own against `registry`, so that a problem points at its place in
 * the list (`programmes.1.reform.0.value`); an override set twice for one date is refused.
 */
function checkReform(
  reform: readonly Override[],
  at: Path,
  registry: ParameterRegistry,
  programme: Programme | undefined,
): { problems: Problem[]; overrides: readonly Override[] } {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  reform.forEach((override, j) => {
    const key = `${override.path}@${override.from ?? ''}`;
    if (seen.has(key)) {
      problems.push(
        problem(
          'PARAMETER.DUPLICATE_OVERRIDE',
          `${override.path} is set twice${override.from === undefined ? '' : ` from ${override.from}`} in one reform; set it once`,
          {
            path: [...at, j, 'path'],
          },
        ),
      );
    }
    seen.add(key);
    const valid = registry.validateReform([override]);
    if (valid.ok) return;
    for (const p of valid.problems) {
      if (p.code === 'PARAMETER.UNKNOWN') {
        const owner = programme === undefined ? undefined : programmeOfParameter(override.path);
        problems.push(
          owner === undefined
            ? problem(p.code, p.message, { path: [...at, j, 'path'], value: override.path })
            : problem(
                'PARAMETER.WRONG_PROGRAMME',
                `${override.path} is a parameter of ${owner.key}, not of ${programme?.key ?? ''}: move it to that programme's reform, or to the scenario's`,
                { path: [...at, j, 'path'], value: override.path },
              ),
        );
      } else {
        problems.push(problem(p.code, p.message, { ...p.location, path: [...at, j, 'value', ...(p.location?.path ?? []).slice(1)] }));
      }
    }
  });
  return { problems, overrides: reform };
}

/**
 * The scenario's overrides, then the programme's, which win where both set a path from the same
 * date; ordered by `from` (stable), because the registry takes the last override in force.
 */
function mergeReforms(shared: readonly Override[], own: readonly Override[]): Override[] {
  const ownKeys = new Set(own.map((o) => `${o.path}@${o.from ?? ''}`));
  return [...shared.filter((o) => !ownKeys.has(`${o.path}@${o.from ?? ''}`)), ...own].sort((a, b) =>
    (a.from ?? '') < (b.from ?? '') ? -1 : (a.from ?? '') > (b.from ?? '') ? 1 : 0,
  );
}

/** Every key a declared source, every amount valid, and the amounts adding up to the envelope exactly. */
function checkFunding(
  file: Omit<ScenarioFile, 'programmes'>,
  funding: Readonly<Record<string, string | number>>,
  at: Path,
  sourceKeys: ReadonlySet<string>,
  envelope: Fen | undefined,
): Result<ScenarioProgramme['funding']> {
  const problems: Problem[] = [];
  const amounts = new Map<string, Fen>();
  for (const [key, raw] of Object.entries(funding)) {
    if (!sourceKeys.has(key)) {
      problems.push(
        problem(
          'FUNDING.UNKNOWN_SOURCE',
          `unknown funding source ${JSON.stringify(key)}: the scenario's sources are ${[...sourceKeys].join(', ')}`,
          {
            path: [...at, key],
            value: key,
          },
        ),
      );
      continue;
    }
    const amount = parseParameterValue('amount', raw, [...at, key]);
    if (amount.ok) amounts.set(key, amount.value);
    else problems.push(...amount.problems);
  }
  if (problems.length > 0 || envelope === undefined) return fail(...problems);
  let sum = 0;
  for (const a of amounts.values()) sum += a;
  if (sum !== envelope) {
    const gap = Math.abs(envelope - sum);
    return fail(
      problem(
        'FUNDING.SPLIT_MISMATCH',
        `the funding adds up to ${formatEn(sum)}, ${formatEn(gap)} ${sum < envelope ? 'short of' : 'over'} the envelope ${formatEn(envelope)}: ` +
          'the sources of a programme must add up to its envelope exactly, to the fen',
        { path: at, value: formatJson(sum) },
      ),
    );
  }
  return ok(file.sources.flatMap((s) => (amounts.has(s.key) ? [{ source: s.key, amount: amounts.get(s.key) as Fen }] : [])));
}

function checkApplicants(applicants: Entry['applicants'], programmeKey: string, at: Path): Result<ApplicantsSpec> {
  const given = (['file', 'generate', 'records'] as const).filter((k) => applicants[k] !== undefined);
  if (given.length !== 1) {
    return fail(
      problem(
        'SCENARIO.APPLICANTS',
        given.length === 0
          ? 'give the applicants as one of "file" (a CSV file), "generate" ({"count", "seed"}) or "records" (a list)'
          : `give the applicants one way, not ${given.join(' and ')}: keep one of them`,
        { path: at },
      ),
    );
  }
  if (applicants.file !== undefined) return ok({ kind: 'file', path: applicants.file });
  if (applicants.records !== undefined) return ok({ kind: 'records', records: applicants.records });
  const { count, seed } = applicants.generate ?? {};
  const request = checkGenerateRequest(programmeKey, count, seed, [...at, 'generate']);
  if (!request.ok) return fail(...request.problems.filter((p) => p.code !== 'GENERATE.UNKNOWN_POPULATION'));
  return ok({ kind: 'generate', request: request.value });
}
