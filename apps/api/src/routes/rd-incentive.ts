import { parseAssignments, type Override } from '@bagui/core/parameters';
import express, { type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import type { Config } from '../env.js';
import { rdIncentiveProgramme } from '@bagui/core/programmes';
import { answerFormat, answerLang, sendCsv, sendWorkbook } from '../http/answers.js';
import { bodyApplicants, refuseSheet, uploadedApplicants, XLSX_TYPES } from '../http/applicant-files.js';
import { CSV_TYPES, JSON_TYPES, MULTIPART_TYPES, type BodyReaders } from '../http/bodies.js';
import { rdEvaluationSheet } from '../http/result-sheets.js';
import { setParametersVersion } from '../http/versions.js';
import { parseJsonExactly } from '../http/json.js';
import { HttpProblem, jsonPointer, type ProblemDetail } from '../http/problem.js';
import { fromDomain, inBody, inParameters, invalid, parseWith } from '../http/validation.js';
import { answerOrQueue } from '../jobs.js';
import { RD_PATH } from '../programmes/catalogue.js';
import { sendEvaluation } from '../programmes/contract-output.js';
import type { JobQueue } from '../queue/queue.js';
import {
  countEnterprises,
  evaluate,
  readEnterprises,
  resolveScenario,
  type EnterpriseSource,
  type Scenario,
  type ScenarioInput,
  type ScenarioPlaces,
} from '../programmes/contract-settings.js';
import { evaluateBodySchema, evaluateFormFieldsSchema, evaluateQuerySchema } from '../schemas/evaluate.js';

export interface RdRoutesDeps {
  readonly config: Config;
  readonly jobs: JobQueue;
  readonly bodies: BodyReaders;
  readonly today: () => string;
}

/** The file field of the upload form. */
export const FILE_FIELD = 'enterprises';
/** Settings that a CSV body takes from the query string and an upload from its form. */
const SETTINGS = ['budget', 'method', 'date', 'set'] as const;

export function rdIncentiveRoutes(deps: RdRoutesDeps): Router {
  const router = express.Router();

  router.post(`${RD_PATH.slice('/v1'.length)}/evaluate`, async (req, res) => {
    const query = parseWith(evaluateQuerySchema, req.query, inParameters, 'query string');
    const format = answerFormat(req, ['json', 'csv', 'xlsx']);
    const request = await readRequest(req, res, query, deps);
    const totalsOnly = query.totals_only === 'true';
    const { scenario, source } = request;
    const work = {
      subject: { programme: 'rd_incentive' },
      operation: 'evaluate',
      applicants: countEnterprises(source),
      evaluations: 1,
      parametersVersion: scenario.rule.parameters.version,
      async: query.async,
    } as const;
    await answerOrQueue(req, res, deps.jobs, deps.config, work, async (enter) => {
      await enter('reading_enterprises');
      const { applicants: table, warnings } = readEnterprises(source, inBody);
      await enter('evaluating');
      const evaluation = evaluate(scenario, table);
      if (format === 'json') return { send: (out) => sendEvaluation(out, evaluation, totalsOnly, warnings, query.trace ?? 'full') };
      return {
        send: async (out) => {
          setParametersVersion(out, evaluation.rule.parameters.version);
          const lang = answerLang(req, query.lang);
          const sheet = rdEvaluationSheet(evaluation, lang);
          if (format === 'csv') {
            await sendCsv(out, sheet, lang, 'rd_incentive-evaluation');
            return;
          }
          const about = {
            parametersVersion: evaluation.rule.parameters.version,
            date: evaluation.rule.parameters.date,
            dateDefaulted: request.dateDefaulted,
            inputName: source.kind === 'csv' ? source.name : undefined,
            request: `POST ${req.originalUrl}`,
          };
          await sendWorkbook(out, [sheet], about, lang, 'rd_incentive-evaluation');
        },
      };
    });
  });

  return router;
}

type EvaluateQuery = z.output<typeof evaluateQuerySchema>;

interface EvaluateRequest {
  readonly scenario: Scenario;
  readonly source: EnterpriseSource;
  /** No date was given: today's parameters were used. */
  readonly dateDefaulted: boolean;
}

/** The settings and enterprises of an evaluation, from a JSON body, a CSV body or an upload form. */
async function readRequest(req: Request, res: Response, query: EvaluateQuery, deps: RdRoutesDeps): Promise<EvaluateRequest> {
  if (req.is(JSON_TYPES)) {
    refuseSettingsInQuery(query, 'in the JSON body');
    refuseSheet(query.sheet, 'the body is JSON');
    const body = parseWith(evaluateBodySchema, parseJsonExactly(await deps.bodies.text(req)), inBody, 'request body');
    const keys = Object.keys(body.overrides ?? {});
    const places: ScenarioPlaces = {
      setting: (name) => ({ pointer: jsonPointer([name]) }),
      override: ([head, ...rest]) => ({
        pointer: jsonPointer(['overrides', typeof head === 'number' ? (keys[head] ?? String(head)) : (head ?? ''), ...rest]),
      }),
    };
    const overrides = Object.entries(body.overrides ?? {}).map(([path, value]): Override => ({ path, value }));
    const scenario = resolveScenario({ budget: body.budget, method: body.method, date: body.date, overrides }, places, deps.today());
    return { scenario, source: { kind: 'records', records: body.enterprises }, dateDefaulted: body.date === undefined };
  }
  const file = { sheet: query.sheet, fields: rdIncentiveProgramme.applicantFields };
  const xlsx = req.is(XLSX_TYPES) !== false;
  if (xlsx || req.is(CSV_TYPES)) {
    const scenario = fromParameters(query, deps.today(), 'query parameter');
    const { table: csvTable, origin } = await bodyApplicants(req, deps.bodies, xlsx, file);
    return { scenario, source: { kind: 'csv', table: csvTable, where: {}, origin }, dateDefaulted: query.date === undefined };
  }
  if (req.is(MULTIPART_TYPES)) {
    refuseSettingsInQuery(query, 'as form fields');
    const form = await deps.bodies.form(req, res);
    const fields = parseWith(evaluateFormFieldsSchema, form.fields, inParameters, 'form');
    const scenario = fromParameters(fields, deps.today(), 'form field');
    const upload = requiredFile(form.file);
    const where = { parameter: FILE_FIELD };
    const { table: csvTable, origin } = await uploadedApplicants(upload, file, where);
    return {
      scenario,
      source: { kind: 'csv', table: csvTable, where, origin, name: upload.name },
      dateDefaulted: fields.date === undefined,
    };
  }
  throw new HttpProblem(
    'UNSUPPORTED_MEDIA_TYPE',
    `cannot evaluate a body of type ${JSON.stringify(req.headers['content-type'] ?? 'none')}: send application/json, ` +
      `text/csv or ${XLSX_TYPES[0]} (settings in the query string) or multipart/form-data (a file field "${FILE_FIELD}" and settings as fields)`,
  );
}

function refuseSettingsInQuery(query: EvaluateQuery, where: string): void {
  const misplaced = SETTINGS.filter((name) => query[name] !== undefined);
  if (misplaced.length === 0) return;
  throw invalid(
    'settings were sent in the query string of a request that carries them in its body',
    misplaced.map((name) => ({
      code: 'REQUEST.MISPLACED',
      message: `give ${name} ${where}: the query parameters budget, method, date and set are for a text/csv body`,
      parameter: name,
    })),
  );
}

interface ParameterSettings {
  readonly budget?: string | undefined;
  readonly method?: ScenarioInput['method'];
  readonly date?: string | undefined;
  readonly set?: string | string[] | undefined;
}

/** Settings from query parameters or form fields; `set=PATH=VALUE` as `bagui evaluate --set`. */
function fromParameters(settings: ParameterSettings, today: string, kind: string): Scenario {
  const errors: ProblemDetail[] = [];
  if (settings.budget === undefined) {
    errors.push({
      code: 'REQUEST.REQUIRED',
      message: `the ${kind} budget is required: the envelope in yuan, e.g. budget=20000000`,
      parameter: 'budget',
    });
  }
  const { overrides, problems } = parseAssignments([settings.set ?? []].flat());
  errors.push(...problems.map((p) => fromDomain(p, { parameter: 'set' })));
  const places: ScenarioPlaces = {
    setting: (name) => ({ parameter: name }),
    override: (path) => ({ parameter: 'set', ...(path.length > 0 ? { path: [...path] } : {}) }),
  };
  return resolveScenario({ budget: settings.budget, method: settings.method, date: settings.date, overrides }, places, today, errors);
}

/** The uploaded enterprises file, which the form must have. */
function requiredFile<F>(file: F | undefined): F {
  if (file === undefined) {
    throw invalid('the form has no enterprises file', [
      {
        code: 'REQUEST.REQUIRED',
        message: `upload the enterprises as a CSV or XLSX file in the form field "${FILE_FIELD}"`,
        parameter: FILE_FIELD,
      },
    ]);
  }
  return file;
}
