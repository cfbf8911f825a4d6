import { createHash } from 'node:crypto';
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
import express, { type Request, type Response, type Router } from 'express';
import { JSON_TYPES, type BodyReaders } from '../http/bodies.js';
import { parseJsonExactly } from '../http/json.js';
import { HttpProblem, jsonPointer, type ProblemDetail } from '../http/problem.js';
import { fromDomain, inParameters, invalid, parseWith } from '../http/validation.js';
import { setParametersVersion } from '../http/versions.js';
import { scenarioRunQuerySchema } from '../schemas.js';

export interface ScenarioRoutesDeps {
  readonly bodies: BodyReaders;
}

export const SCENARIOS_PATH = '/v1/scenarios';

/** The built-in scenarios, and running a scenario file: every programme through the funding ledger. */
export function scenarioRoutes(deps: ScenarioRoutesDeps): Router {
  const router = express.Router();

  router.get('/scenarios', (_req, res) => {
    res.json({
      scenarios: BUILTIN_SCENARIOS.map((file) => ({
        name: file.name,
        title: file.title,
        date: file.date,
        programmes: file.programmes.length,
        links: { self: `${SCENARIOS_PATH}/${file.name}`, run: `${SCENARIOS_PATH}/${file.name}/run` },
      })),
    });
  });

  router.post('/scenarios/run', async (req, res) => {
    const query = parseWith(scenarioRunQuerySchema, req.query, inParameters, 'query string');
    if (!req.is(JSON_TYPES)) {
      throw new HttpProblem(
        'UNSUPPORTED_MEDIA_TYPE',
        `cannot run a body of type ${JSON.stringify(req.headers['content-type'] ?? 'none')}: send the scenario file as application/json`,
      );
    }
    const file = parseJsonExactly(await deps.bodies.text(req));
    run(res, file, query.recipients === 'true');
  });

  router.get('/scenarios/:name', (req, res, next) => {
    // `run` is the route that runs a file: a GET of it is 405, not "no scenario run".
    if (req.params.name === 'run') {
      next();
      return;
    }
    res.json(builtin(req));
  });

  router.post('/scenarios/:name/run', (req, res) => {
    const query = parseWith(scenarioRunQuerySchema, req.query, inParameters, 'query string');
    const file = builtin(req);
    run(res, file, query.recipients === 'true');
  });

  return router;
}

function builtin(req: Request): unknown {
  const name = String(req.params.name);
  const file = findBuiltinScenario(name);
  if (file === undefined) {
    const known = BUILTIN_SCENARIOS.map((s) => s.name).join(', ');
    throw new HttpProblem('SCENARIO.NOT_FOUND', `there is no built-in scenario ${JSON.stringify(name)}: the built-in scenarios are ${known}`);
  }
  return file;
}

function located(found: Problem): ProblemDetail {
  const path = found.location?.path;
  return fromDomain(found, path === undefined ? {} : { pointer: jsonPointer(path) });
}

/** Checks, evaluates and answers a scenario file; any problem refuses it whole, each located by JSON pointer. */
function run(res: Response, file: unknown, recipients: boolean): void {
  const scenario = parseScenario(file);
  if (!scenario.ok) {
    const errors = scenario.problems.map(located);
    throw invalid(`the scenario has ${errors.length === 1 ? 'a problem' : `${errors.length} problems`}; nothing was computed`, errors);
  }
  const files = applicantFiles(scenario.value);
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
  const result = evaluateScenario(scenario.value);
  if (!result.ok) {
    const errors = result.problems.map(located);
    throw invalid(`the scenario has ${errors.length === 1 ? 'a problem' : `${errors.length} problems`}; nothing was computed`, errors);
  }
  setParametersVersion(res, parametersVersion(result.value));
  res.json(scenarioResultToJson(result.value, { recipients }));
}

/**
 * One version for a result over several programmes: the programme's own when there is one,
 * else a digest of each entry's (each is in `programmes[].parametersVersion`).
 */
export function parametersVersion(result: ScenarioResult): string {
  const versions = result.programmes.map((p) => `${p.entry.id}=${p.outcome.parametersVersion}`);
  const [only] = result.programmes;
  if (result.programmes.length === 1 && only !== undefined) return only.outcome.parametersVersion;
  return createHash('sha256').update(versions.join('\n')).digest('hex').slice(0, 16);
}
