import { BUILTIN_SCENARIOS, findBuiltinScenario } from '@bagui/core/scenario';
import {
  ifMatchRevisions,
  SCENARIO_ID,
  type Details,
  type Revision,
  type SavedScenario,
  type ScenarioInput,
  type WriteContext,
} from '@bagui/store';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { answerFormat } from '../http/answers.js';
import { authorize, keyOf, writer } from '../http/auth.js';
import { JSON_TYPES } from '../http/bodies.js';
import { parseJsonExactly } from '../http/json.js';
import { HttpProblem, jsonPointer } from '../http/problem.js';
import { storeProblem, type Locate } from '../http/store-problems.js';
import { absoluteUrl } from '../http/urls.js';
import { inBody, inParameters, invalid, parseWith, refuseBody, refuseQuery } from '../http/validation.js';
import { scenarioRunQuerySchema } from '../schemas/scenarios.js';
import {
  createRequestSchema,
  describeRequestSchema,
  pageQuerySchema,
  reviseRequestSchema,
  revisionParamsSchema,
  scenarioListQuerySchema,
} from '../schemas/saved-scenarios.js';
import { datasetTexts, inlined, loadRevision, reader } from './saved-revisions.js';
import { runScenarioFile, SCENARIOS_PATH, type ScenarioRoutesDeps } from './scenarios.js';

/**
 * Saved scenarios: created from a scenario file, revised with If-Match, listed, run (through the
 * result cache), archived. They live in the same collection as the built-in scenarios, which
 * stay read-only and are served by `scenarios.ts`: a saved id (`s_…`) never equals a built-in's
 * name or a route word, so each route here passes anything else on.
 */

const scenarioPath = (id: string): string => `${SCENARIOS_PATH}/${id}`;

/** The saved scenario as every route answers it: the store's summary, and the file as JSON. */
function savedBody(saved: { scenario: SavedScenario['scenario']; revision: Revision }) {
  return { ...saved.scenario, file: JSON.parse(saved.revision.content) as unknown };
}

/** The 405 for a write to a built-in scenario. */
function readOnly(name: string): HttpProblem {
  return new HttpProblem(
    'SCENARIO.READ_ONLY',
    `the built-in scenario ${JSON.stringify(name)} is read-only: to change it, GET ${scenarioPath(name)}, edit it and POST it to ${SCENARIOS_PATH} to save your own copy`,
    [],
    { Allow: 'GET, HEAD' },
  );
}

/** Paths under /v1/scenarios that are routes of their own, not a scenario. */
const ROUTE_WORDS = new Set(['run', 'compare']);

/**
 * A change (PUT, PATCH) to the saved scenario of the path: who makes it and the scenario's id.
 * `run` and `compare` are paths of their own (POST only): the request is passed on (another
 * method on them is 405, not a key check) and the answer is undefined.
 */
function savedChange(req: Request, next: NextFunction): { who: WriteContext; id: string } | undefined {
  if (ROUTE_WORDS.has(String(req.params.id))) {
    next();
    return undefined;
  }
  const who = writer(req, 'analyst');
  const id = savedId(req, readOnly);
  refuseQuery(req);
  return { who, id };
}

/** Answers the saved scenario, with its ETag. */
function sendSaved(res: Response, saved: { scenario: SavedScenario['scenario']; revision: Revision }): void {
  res.setHeader('ETag', saved.scenario.etag);
  res.json(savedBody(saved));
}

/** A saved scenario's id from the path; a built-in's name is refused with `builtin`, anything else is 404. */
function savedId(req: Request, builtin: (name: string) => HttpProblem): string {
  const id = String(req.params.id);
  if (SCENARIO_ID.test(id)) return id;
  if (findBuiltinScenario(id) !== undefined) throw builtin(id);
  throw new HttpProblem(
    'SCENARIO.NOT_FOUND',
    `there is no scenario ${JSON.stringify(id)}: a saved scenario's id is s_ and 16 characters (GET ${SCENARIOS_PATH} lists them)`,
  );
}

const noRevisions = (name: string): HttpProblem =>
  new HttpProblem('SCENARIO.NOT_FOUND', `the built-in scenario ${JSON.stringify(name)} has no revisions: only saved scenarios do`);

function requireJson(req: Request, what: string): void {
  if (!req.is(JSON_TYPES)) {
    throw new HttpProblem(
      'UNSUPPORTED_MEDIA_TYPE',
      `cannot ${what} a body of type ${JSON.stringify(req.headers['content-type'] ?? 'none')}: send the scenario file as application/json`,
    );
  }
}

/**
 * A save's body: a scenario file (it has `schemaVersion`), or `{file, datasets}` — and, when
 * creating, `name` and `description` — when its applicants are uploaded data sets. Where each
 * problem the store finds is, in the body.
 */
function saveInput(body: unknown, creating: boolean): { input: ScenarioInput & Details; where: Locate } {
  const wrapped = typeof body === 'object' && body !== null && !Array.isArray(body) && 'file' in body && !('schemaVersion' in body);
  if (!wrapped) return { input: { file: body }, where: inBody };
  const renames = creating ? [] : ['name', 'description'].filter((field) => field in body);
  if (renames.length > 0) {
    throw invalid(
      'a revision changes the content only; nothing was saved',
      renames.map((field) => ({
        code: 'REQUEST.UNKNOWN_FIELD',
        message: `${field} is not part of a revision: change it with PATCH ${SCENARIOS_PATH}/{id}, which makes no new revision`,
        pointer: jsonPointer([field]),
      })),
    );
  }
  const { file, datasets, ...details } = parseWith(creating ? createRequestSchema : reviseRequestSchema, body, inBody, 'request body');
  return {
    input: { file, ...(datasets === undefined ? {} : { datasets }), ...details },
    // The store names the file's problems at the file's own paths, the wrapper's at theirs.
    where: (path, code) => inBody(code !== undefined && WRAPPER_CODES.has(code) ? path : ['file', ...path]),
  };
}

/** The store's problems with the wrapper's fields rather than the file's. */
const WRAPPER_CODES = new Set(['STORE.NAME', 'STORE.DESCRIPTION', 'STORE.DATASET_UNUSED', 'STORE.DATASET_UNKNOWN']);

export function savedScenarioRoutes(deps: ScenarioRoutesDeps): Router {
  const { store } = deps;
  const router = express.Router();

  /** Built-ins (first page only) and a page of saved scenarios; the saved ones need a viewer key. */
  router.get('/scenarios', async (req, res) => {
    const query = parseWith(scenarioListQuerySchema, req.query, inParameters, 'query string');
    const key = keyOf(req);
    if (key === undefined && (query.cursor !== undefined || query.archived !== undefined)) authorize(req, 'viewer');
    const search = query.search?.toLowerCase() ?? '';
    const builtins =
      query.cursor !== undefined
        ? []
        : BUILTIN_SCENARIOS.filter((file) => `${file.name}\n${file.title}`.toLowerCase().includes(search)).map((file) => ({
            name: file.name,
            title: file.title,
            date: file.date,
            programmes: file.programmes.length,
            links: { self: scenarioPath(file.name), run: `${scenarioPath(file.name)}/run` },
          }));
    if (key === undefined) {
      res.json({ scenarios: builtins, saved: null, next: null });
      return;
    }
    const page = await store.scenarios.list({
      search: query.search,
      archived: query.archived,
      cursor: query.cursor,
      limit: query.limit,
    });
    if (!page.ok) throw storeProblem(page, inParameters, 'nothing was listed');
    res.json({ scenarios: builtins, saved: page.value.items, next: page.value.next });
  });

  router.post('/scenarios', async (req, res) => {
    const who = writer(req, 'analyst');
    refuseQuery(req);
    requireJson(req, 'save');
    const { input, where } = saveInput(parseJsonExactly(await deps.bodies.text(req)), true);
    const created = await store.scenarios.create(input, who);
    if (!created.ok) throw storeProblem(created, where, 'nothing was saved');
    const { scenario } = created.value;
    res
      .status(201)
      .location(absoluteUrl(req, scenarioPath(scenario.id)))
      .setHeader('ETag', scenario.etag);
    res.json(savedBody(created.value));
  });

  router.get('/scenarios/:id', async (req, res, next) => {
    const id = String(req.params.id);
    if (!SCENARIO_ID.test(id)) {
      next();
      return;
    }
    authorize(req, 'viewer');
    refuseQuery(req);
    const got = await store.scenarios.get(id);
    if (!got.ok) throw storeProblem(got, inParameters, 'nothing was read');
    sendSaved(res, got.value);
  });

  router.put('/scenarios/:id', async (req, res, next) => {
    const change = savedChange(req, next);
    if (change === undefined) return;
    const { who, id } = change;
    const ifMatch = req.headers['if-match'];
    if (ifMatch === undefined) {
      throw new HttpProblem(
        'PRECONDITION.REQUIRED',
        `a revision needs If-Match with the ETag of the revision it changes (GET ${scenarioPath(id)} gives it), so that no one's change is overwritten unseen: nothing was saved`,
      );
    }
    requireJson(req, 'save');
    const { input, where } = saveInput(parseJsonExactly(await deps.bodies.text(req)), false);
    const revised = await store.scenarios.revise(id, input, ifMatchRevisions(ifMatch, id), who);
    if (!revised.ok) throw storeProblem(revised, where, 'nothing was saved');
    sendSaved(res, revised.value);
  });

  /** Renames or re-describes: no new revision, the content hashes and the ETag unchanged. */
  router.patch('/scenarios/:id', async (req, res, next) => {
    const change = savedChange(req, next);
    if (change === undefined) return;
    const { who, id } = change;
    if (!req.is(['application/json', 'application/merge-patch+json'])) {
      throw new HttpProblem('UNSUPPORTED_MEDIA_TYPE', 'send {"name", "description"} as application/json (or application/merge-patch+json)');
    }
    const details = parseWith(describeRequestSchema, parseJsonExactly(await deps.bodies.text(req)), inBody, 'request body');
    const described = await store.scenarios.describe(
      id,
      {
        ...(details.name === undefined ? {} : { name: details.name }),
        ...(details.description === undefined ? {} : { description: details.description }),
      },
      who,
    );
    if (!described.ok) throw storeProblem(described, inBody, 'nothing was changed');
    const got = await store.scenarios.get(id);
    if (!got.ok) throw storeProblem(got, inParameters, 'nothing was read');
    sendSaved(res, got.value);
  });

  /** The file to download: applicants inline, so that `bagui run` takes it as it is. */
  const download = async (req: Request, res: Response, n?: number): Promise<void> => {
    const builtin = n === undefined ? findBuiltinScenario(String(req.params.id)) : undefined;
    if (builtin !== undefined) {
      refuseQuery(req);
      res.setHeader('Content-Disposition', `attachment; filename="${builtin.name}.json"`);
      res.type('application/json; charset=utf-8').send(`${JSON.stringify(builtin, null, 2)}\n`);
      return;
    }
    const id = savedId(req, noRevisions);
    authorize(req, 'viewer');
    refuseQuery(req);
    const { revision, saved } = await loadRevision(store, id, n);
    if (saved !== undefined) res.setHeader('ETag', saved.scenario.etag);
    res.setHeader('Content-Disposition', `attachment; filename="${id}${n === undefined ? '' : `.${n}`}.json"`);
    res
      .type('application/json; charset=utf-8')
      .send(`${JSON.stringify(inlined(revision, await datasetTexts(store, revision)), null, 2)}\n`);
  };
  router.get('/scenarios/:id/file', (req, res) => download(req, res));
  router.get('/scenarios/:id/revisions/:n/file', (req, res) => {
    const { n } = parseWith(revisionParamsSchema, req.params, inParameters, 'path');
    return download(req, res, n);
  });

  router.get('/scenarios/:id/revisions', async (req, res) => {
    const id = savedId(req, noRevisions);
    authorize(req, 'viewer');
    const page = parseWith(pageQuerySchema, req.query, inParameters, 'query string');
    const got = await store.scenarios.revisions(id, page);
    if (!got.ok) throw storeProblem(got, inParameters, 'nothing was listed');
    res.json({ revisions: got.value.items, next: got.value.next });
  });

  router.get('/scenarios/:id/revisions/:n', async (req, res) => {
    const id = savedId(req, noRevisions);
    authorize(req, 'viewer');
    const { n } = parseWith(revisionParamsSchema, req.params, inParameters, 'path');
    refuseQuery(req);
    const { revision } = await loadRevision(store, id, n);
    const { content, ...summary } = revision;
    res.json({ ...summary, file: JSON.parse(content) as unknown });
  });

  const runSaved = async (req: Request, res: Response, n?: number): Promise<void> => {
    const id = String(req.params.id);
    authorize(req, 'viewer');
    const query = parseWith(scenarioRunQuerySchema, req.query, inParameters, 'query string');
    const format = answerFormat(req, ['json', 'xlsx']);
    await refuseBody(req, `a saved scenario runs as it is saved: to change it, PUT ${scenarioPath(id)} with If-Match`, deps.bodies.text);
    const { revision } = await loadRevision(store, id, n);
    await runScenarioFile(req, res, deps, JSON.parse(revision.content), query, format, {
      readFile: reader(await datasetTexts(store, revision)),
      contentHash: revision.contentHash,
      datasetsHash: revision.datasetsHash,
    });
  };
  router.post('/scenarios/:id/run', async (req, res, next) => {
    if (!SCENARIO_ID.test(String(req.params.id))) {
      next();
      return;
    }
    await runSaved(req, res);
  });
  router.post('/scenarios/:id/revisions/:n/run', async (req, res) => {
    savedId(req, noRevisions);
    const { n } = parseWith(revisionParamsSchema, req.params, inParameters, 'path');
    await runSaved(req, res, n);
  });

  for (const action of ['archive', 'restore'] as const) {
    router.post(`/scenarios/:id/${action}`, async (req, res) => {
      const who = writer(req, 'admin');
      const id = savedId(req, readOnly);
      refuseQuery(req);
      await refuseBody(req, `${action} takes no body`, deps.bodies.text);
      const done = await store.scenarios[action](id, who);
      if (!done.ok) throw storeProblem(done, inParameters, 'nothing was done');
      res.setHeader('ETag', done.value.scenario.etag);
      res.json(done.value.scenario);
    });
  }

  return router;
}
