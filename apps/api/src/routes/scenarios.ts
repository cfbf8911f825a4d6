import type { Problem } from '@bagui/core/errors';
import {
  applicantFiles,
  BUILTIN_SCENARIOS,
  evaluateScenario,
  findBuiltinScenario,
  parseScenario,
  scenarioResultToJson,
  type ScenarioResult,
} from '@bagui/core/scenario';
import { compareScenario, parseReforms, reformProblems, scenarioComparisonToJson, type Reform } from '@bagui/core/compare';
import { parameterRegistry } from '@bagui/core/programmes';
import type { Scenario } from '@bagui/core/scenario';
import { ENGINE_VERSION } from '@bagui/core/version';
import type { CachedResult, ResultKey, Store } from '@bagui/store';
import express, { type Request, type Response, type Router } from 'express';
import type { Config } from '../env.js';
import { answerFormat, answerLang, sendWorkbook } from '../http/answers.js';
import { savedBaseline } from './saved-revisions.js';
import { JSON_TYPES, type BodyReaders } from '../http/bodies.js';
import { scenarioSheets } from '../http/result-sheets.js';
import { parseJsonExactly } from '../http/json.js';
import { HttpProblem, jsonPointer, type ProblemDetail } from '../http/problem.js';
import { fromDomain, inBody, inParameters, invalid, parseWith, refuseBody, refuseQuery } from '../http/validation.js';
import { sendJsonText } from '../http/stream.js';
import { combinedParametersVersion, setParametersVersion } from '../http/versions.js';
import { answerOrQueue } from '../jobs.js';
import type { JobQueue } from '../queue/queue.js';
import { diffOptions, type Checked } from '../programmes/baseline.js';
import { scenarioCompareBodySchema } from '../schemas/scenario-compare.js';
import { scenarioCompareQuerySchema, scenarioRunQuerySchema } from '../schemas/scenarios.js';

export interface ScenarioRoutesDeps {
  readonly config: Config;
  readonly jobs: JobQueue;
  readonly bodies: BodyReaders;
  readonly store: Store;
}

type RunQuery = ReturnType<typeof scenarioRunQuerySchema.parse>;

export const SCENARIOS_PATH = '/v1/scenarios';

/** The built-in scenarios, and running a scenario file: every programme through the funding ledger. */
export function scenarioRoutes(deps: ScenarioRoutesDeps): Router {
  const router = express.Router();

  router.post('/scenarios/run', async (req, res) => {
    const query = parseWith(scenarioRunQuerySchema, req.query, inParameters, 'query string');
    const format = answerFormat(req, ['json', 'xlsx']);
    if (!req.is(JSON_TYPES)) {
      throw new HttpProblem(
        'UNSUPPORTED_MEDIA_TYPE',
        `cannot run a body of type ${JSON.stringify(req.headers['content-type'] ?? 'none')}: send the scenario file as application/json`,
      );
    }
    const file = parseJsonExactly(await deps.bodies.text(req));
    await runScenarioFile(req, res, deps, file, query, format);
  });

  router.post('/scenarios/compare', async (req, res) => {
    const query = parseWith(scenarioCompareQuerySchema, req.query, inParameters, 'query string');
    answerFormat(req, ['json']);
    if (!req.is(JSON_TYPES)) {
      throw new HttpProblem(
        'UNSUPPORTED_MEDIA_TYPE',
        `cannot compare a body of type ${JSON.stringify(req.headers['content-type'] ?? 'none')}: send {"baseline", "reforms"} as application/json`,
      );
    }
    const body = parseWith(scenarioCompareBodySchema, parseJsonExactly(await deps.bodies.text(req)), inBody, 'request body');
    // A saved scenario (or one of its revisions) as the baseline: its file, and its data sets to read.
    const saved = await savedBaseline(req, deps.store, body.baseline);
    const baseline = baselineScenario(saved?.file ?? body.baseline, saved !== undefined);
    const found: ProblemDetail[] = baseline.ok ? [] : [...baseline.problems];
    const reforms = scenarioReforms(body.reforms, found);
    const diff = diffOptions(body, inBody, found);
    if (baseline.ok) {
      reforms.forEach(({ reform, index }) => {
        found.push(...reformProblems(baseline.value, reform).map((p) => fromDomain(p, { pointer: jsonPointer(['reforms', index]) })));
      });
    }
    if (!baseline.ok || found.length > 0) refuseComparison(found);
    const scenario = baseline.value;
    const work = {
      subject: { scenario: scenario.name },
      operation: 'compare',
      applicants: scenarioApplicants(scenario),
      evaluations: 1 + reforms.length,
      parametersVersion: scenarioParametersVersion(scenario),
      async: query.async,
      reforms: reforms.length,
    } as const;
    await answerOrQueue(req, res, deps.jobs, deps.config, work, async (enter) => {
      await enter('evaluating');
      const result = compareScenario(
        scenario,
        reforms.map(({ reform }) => reform),
        { ...diff, ...(saved === undefined ? {} : { readFile: saved.readFile }) },
      );
      if (!result.ok) {
        // The baseline's applicants at their path; what only a reformed scenario fails on (an entitlement
        // too large for an amount) at the reform (every reform was accepted, so the indices are the request's).
        const errors = result.problems.map((p) => {
          const path = p.location?.path ?? [];
          return fromDomain(p, { pointer: jsonPointer(path[0] === 'reforms' ? path.slice(0, 2) : ['baseline', ...path]) });
        });
        refuseComparison(errors);
      }
      const json = scenarioComparisonToJson(result.value, { recipients: query.recipients === 'true' });
      return {
        send: (out) => {
          setParametersVersion(out, parametersVersion(result.value.baseline));
          sendJsonText(out, json);
        },
      };
    });
  });

  router.get('/scenarios/:name', (req, res, next) => {
    // `run` and `compare` are routes of their own: a GET of them is 405, not "no scenario run".
    if (req.params.name === 'run' || req.params.name === 'compare') {
      next();
      return;
    }
    const file = builtin(req);
    refuseQuery(req);
    const scenario = parseScenario(file);
    if (scenario.ok) setParametersVersion(res, scenarioParametersVersion(scenario.value));
    res.json(file);
  });

  router.post('/scenarios/:name/run', async (req, res) => {
    const query = parseWith(scenarioRunQuerySchema, req.query, inParameters, 'query string');
    const format = answerFormat(req, ['json', 'xlsx']);
    const file = builtin(req);
    await refuseBody(
      req,
      `the built-in scenario runs as it is: to change it, GET ${SCENARIOS_PATH}/${String(req.params.name)}, edit it and POST it to ${SCENARIOS_PATH}/run`,
      deps.bodies.text,
    );
    await runScenarioFile(req, res, deps, file, query, format);
  });

  return router;
}

function builtin(req: Request): unknown {
  const name = String(req.params.name);
  const file = findBuiltinScenario(name);
  if (file === undefined) {
    const known = BUILTIN_SCENARIOS.map((s) => s.name).join(', ');
    throw new HttpProblem(
      'SCENARIO.NOT_FOUND',
      `there is no built-in scenario ${JSON.stringify(name)}: the built-in scenarios are ${known}`,
    );
  }
  return file;
}

/**
 * The baseline: a built-in scenario's name, or a scenario file; every problem at its pointer
 * under `baseline`. A saved scenario's file may read applicants files (its data sets): `readable`.
 */
/** Refuses a comparison, listing every problem in it. */
function refuseComparison(found: readonly ProblemDetail[]): never {
  throw invalid(`the comparison has ${found.length === 1 ? 'a problem' : `${found.length} problems`}; nothing was computed`, found);
}

function baselineScenario(baseline: unknown, readable: boolean): Checked<Scenario> {
  if (baseline === undefined) {
    return {
      ok: false,
      problems: [
        {
          code: 'REQUEST.REQUIRED',
          message: 'baseline is required: a built-in scenario’s name (e.g. "guangxi-2021") or a scenario file',
          pointer: jsonPointer(['baseline']),
        },
      ],
    };
  }
  let file: unknown = baseline;
  if (typeof baseline === 'string') {
    file = findBuiltinScenario(baseline);
    if (file === undefined) {
      const known = BUILTIN_SCENARIOS.map((s) => s.name).join(', ');
      return {
        ok: false,
        problems: [
          {
            code: 'SCENARIO.NOT_FOUND',
            message: `there is no built-in scenario ${JSON.stringify(baseline)}: the built-in scenarios are ${known}; or give a saved scenario's id (s_…) or a scenario file`,
            pointer: jsonPointer(['baseline']),
            value: baseline,
          },
        ],
      };
    }
  }
  const scenario = parseScenario(file);
  if (!scenario.ok) {
    return {
      ok: false,
      problems: scenario.problems.map((p) => fromDomain(p, { pointer: jsonPointer(['baseline', ...(p.location?.path ?? [])]) })),
    };
  }
  const files = readable ? [] : applicantFiles(scenario.value);
  if (files.length === 0) return { ok: true, value: scenario.value };
  return {
    ok: false,
    problems: files.map(({ path, at }) => ({
      code: 'SCENARIO.APPLICANTS_FILE',
      message: `the applicants file ${JSON.stringify(path)} cannot be read over HTTP: give the applicants inline as "records" or "generate"`,
      pointer: jsonPointer(['baseline', ...at]),
      value: path,
    })),
  };
}

/** Reforms of any programme's parameters (the scenario decides which it funds); names unique. Each with its index in the request. */
function scenarioReforms(inputs: readonly unknown[], found: ProblemDetail[]): readonly { reform: Reform; index: number }[] {
  const list = parseReforms(inputs, parameterRegistry);
  found.push(...list.problems.map((p) => fromDomain(p, { pointer: jsonPointer(['reforms', ...(p.location?.path ?? [])]) })));
  return list.reforms;
}

function located(found: Problem): ProblemDetail {
  const path = found.location?.path;
  return fromDomain(found, path === undefined ? {} : { pointer: jsonPointer(path) });
}

/** Where a saved scenario's run reads its applicants files, and where its result is cached. */
export interface SavedRun {
  /** The text of each applicants file the scenario names: its data set. */
  readonly readFile: (path: string) => string;
  readonly contentHash: string;
  readonly datasetsHash: string;
}

/**
 * Checks a scenario file, then evaluates and answers it, now or as a job; any problem refuses it
 * whole, each located by JSON pointer. A saved scenario's run reads its data sets and is answered
 * from the store's result cache when the same revision content, data sets and engine ran before.
 */
export async function runScenarioFile(
  req: Request,
  res: Response,
  deps: ScenarioRoutesDeps,
  file: unknown,
  query: RunQuery,
  format: 'json' | 'xlsx',
  saved?: SavedRun,
): Promise<void> {
  const scenario = parseScenario(file);
  if (!scenario.ok) {
    const errors = scenario.problems.map(located);
    throw invalid(`the scenario has ${errors.length === 1 ? 'a problem' : `${errors.length} problems`}; nothing was computed`, errors);
  }
  const files = saved === undefined ? applicantFiles(scenario.value) : [];
  if (files.length > 0) {
    throw invalid(
      'the scenario reads applicants from files, which a server cannot read: nothing was computed',
      files.map(({ path, at }) => ({
        code: 'SCENARIO.APPLICANTS_FILE',
        message:
          `the applicants file ${JSON.stringify(path)} cannot be read over HTTP: give the applicants inline as ` +
          '"records" (JSON records with the programme’s field names) or as "generate" ({ "count", "seed" })',
        pointer: jsonPointer(at),
        value: path,
      })),
    );
  }
  const checked = scenario.value;
  // Only JSON answers are cached; a workbook is written afresh (its about sheet names the request).
  const cacheKey: ResultKey | undefined =
    saved === undefined || format !== 'json'
      ? undefined
      : {
          scenarioHash: saved.contentHash,
          datasetsHash: saved.datasetsHash,
          engineVersion: ENGINE_VERSION,
          output: query.recipients === 'true' ? 'json+recipients' : 'json',
        };
  const cached = cacheKey === undefined ? undefined : await deps.store.results.get(cacheKey);
  const sendCached = (out: Response, hit: CachedResult): void => {
    setParametersVersion(out, scenarioParametersVersion(checked));
    out.setHeader(RESULT_CACHE_HEADER, 'hit');
    out.status(200).type(hit.mediaType).send(Buffer.from(hit.body));
  };
  // A cached result is answered at once whatever its size; `async=true` still gets its job.
  if (cached !== undefined && query.async !== 'true') {
    sendCached(res, cached);
    return;
  }
  const work = {
    subject: { scenario: checked.name },
    operation: 'run',
    applicants: scenarioApplicants(checked),
    evaluations: 1,
    parametersVersion: scenarioParametersVersion(checked),
    async: query.async,
  } as const;
  await answerOrQueue(req, res, deps.jobs, deps.config, work, async (enter) => {
    if (cached !== undefined) return { send: (out) => sendCached(out, cached) };
    await enter('evaluating');
    const result = evaluateScenario(checked, saved === undefined ? {} : { readFile: saved.readFile });
    if (!result.ok) {
      const errors = result.problems.map(located);
      throw invalid(`the scenario has ${errors.length === 1 ? 'a problem' : `${errors.length} problems`}; nothing was computed`, errors);
    }
    const value = result.value;
    if (format === 'xlsx') {
      return {
        send: async (out) => {
          setParametersVersion(out, parametersVersion(value));
          const about = {
            parametersVersion: parametersVersion(value),
            date: value.scenario.date,
            dateDefaulted: false,
            request: `POST ${req.originalUrl}`,
          };
          await sendWorkbook(out, scenarioSheets(value), about, answerLang(req, query.lang), `scenario-${value.scenario.name}`);
        },
      };
    }
    const json = scenarioResultToJson(value, { recipients: query.recipients === 'true' });
    if (cacheKey === undefined) {
      return {
        send: (out) => {
          setParametersVersion(out, parametersVersion(value));
          sendJsonText(out, json);
        },
      };
    }
    const text = `${JSON.stringify(json, null, 2)}\n`;
    await deps.store.results.put(cacheKey, { mediaType: 'application/json; charset=utf-8', body: Buffer.from(text) });
    return {
      send: (out) => {
        setParametersVersion(out, parametersVersion(value));
        out.setHeader(RESULT_CACHE_HEADER, 'miss');
        out.status(200).type('application/json; charset=utf-8').send(text);
      },
    };
  });
}

/** `hit` when a saved scenario's run was answered from the result cache, `miss` when it was computed (and cached). */
const RESULT_CACHE_HEADER = 'Bagui-Result-Cache';

/** Applicants a scenario evaluates: every programme's records or generated count. */
function scenarioApplicants(scenario: Scenario): number {
  let count = 0;
  for (const { applicants } of scenario.programmes) {
    if (applicants.kind === 'generate') count += applicants.request.count;
    else if (applicants.kind === 'records') count += applicants.records.length;
  }
  return count;
}

/**
 * One version for a result over several programmes: the programme's own when there is one,
 * else a digest of each entry's (each is in `programmes[].parametersVersion`).
 */
function parametersVersion(result: ScenarioResult): string {
  return combinedParametersVersion(result.programmes.map((p) => ({ id: p.entry.id, version: p.outcome.parametersVersion })));
}

/** The same version from the checked scenario, before anything runs (for a job's 202). */
function scenarioParametersVersion(scenario: Scenario): string {
  return combinedParametersVersion(scenario.programmes.map((p) => ({ id: p.id, version: p.parameters.version })));
}
