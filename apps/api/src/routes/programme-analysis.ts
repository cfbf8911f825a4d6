import {
  compare,
  comparisonToJson,
  parseReforms,
  programmeEvaluator,
  rdIncentiveEvaluator,
  sweep,
  sweepAxis,
  sweepToJson,
  type Reform,
  type SweepAxis,
} from '@bagui/core/compare';
import { findProgramme, outcomeJsonChunks, PROGRAMME_KEYS, programmeRegistry, type Programme } from '@bagui/core/programmes';
import type { EnterpriseTable } from '@bagui/core/programmes/rd-incentive';
import express, { type Request, type Response, type Router } from 'express';
import type { Lang } from '@bagui/sheets/xlsx';
import type { Config } from '../env.js';
import { answerFormat, answerLang, sendCsv, sendWorkbook, type AnswerFormat } from '../http/answers.js';
import type { FileOptions } from '../http/applicant-files.js';
import type { BodyReaders } from '../http/bodies.js';
import { HttpProblem, type ProblemDetail } from '../http/problem.js';
import { sendChunks, sendJsonText } from '../http/stream.js';
import { fromDomain, inParameters, parseWith, type Where } from '../http/validation.js';
import { setParametersVersion } from '../http/versions.js';
import { answerOrQueue, type JobOperation, type JobResult, type JobTask } from '../jobs.js';
import type { WorkPhase } from '../queue/executor.js';
import type { JobQueue } from '../queue/queue.js';
import {
  countApplicants,
  diffOptions,
  readApplicants,
  refuse,
  resolveBaseline,
  type Checked,
  type ReadApplicants,
  warningsField,
  withWarnings,
} from '../programmes/baseline.js';
import { fileName, readProgrammeInput, type ProgrammeInput } from '../programmes/input.js';
import { outcomeSheet } from '../http/result-sheets.js';
import { compareTable, evaluateTable, sweepTable } from '../programmes/parameters.js';
import {
  compareSettingsSchema,
  countField,
  evaluateSettingsSchema,
  programmeQuerySchema,
  recordsField,
  sweepSettingsSchema,
} from '../schemas/programme-analysis.js';

export interface ProgrammeAnalysisDeps {
  readonly config: Config;
  readonly jobs: JobQueue;
  readonly bodies: BodyReaders;
  readonly today: () => string;
}

/**
 * Evaluate, compare and sweep for every programme. rd_incentive's evaluate has its own route
 * (its contract, routes/rd-incentive.ts), registered before these; its compare and sweep are here.
 */
export function programmeAnalysisRoutes(deps: ProgrammeAnalysisDeps): Router {
  const router = express.Router();

  router.post('/programmes/:key/evaluate', async (req, res) => {
    const { programme, query, format, input } = await analysisInput(req, res, deps, 'evaluate', ['json', 'csv', 'xlsx']);
    const settings = parseWith(evaluateSettingsSchema, input.fields, input.where, settingsName(input));
    const resolved = resolveBaseline(programme, settings, input.where, deps.today());
    if (!resolved.ok) refuse(resolved.problems, 'the settings');
    const baseline = resolved.value;
    const totalsOnly = query.totals_only === 'true';
    await runOrQueue(
      req,
      res,
      deps,
      { programme, operation: 'evaluate', input, evaluations: 1, parametersVersion: baseline.parameters.version, async: query.async },
      async (enter) => {
        const { applicants, warnings } = await stagedApplicants(enter, programme, input);
        const outcome = programme.evaluate(applicants, baseline.parameters, { budget: baseline.budget, method: baseline.method });
        if (!outcome.ok)
          throw new Error(`${programme.key} refused settings it had accepted: ${outcome.problems.map((p) => p.message).join('; ')}`);
        const value = outcome.value;
        return {
          send: async (out) => {
            setParametersVersion(out, value.parametersVersion);
            if (format === 'json') {
              out.status(200).type('application/json; charset=utf-8');
              await sendChunks(out, withWarnings(outcomeJsonChunks(value, { totalsOnly }), warnings));
              return;
            }
            const lang = answerLang(req, query.lang);
            const sheet = outcomeSheet(programme, applicants, value, baseline.parameters, lang);
            const filename = `${programme.key}-evaluation`;
            if (format === 'csv') await sendCsv(out, sheet, lang, filename);
            else {
              const about = {
                parametersVersion: value.parametersVersion,
                date: baseline.parameters.date,
                dateDefaulted: settings.date === undefined,
                inputName: fileName(input),
                request: `POST ${req.originalUrl}`,
              };
              await sendWorkbook(out, [sheet], about, lang, filename);
            }
          },
        };
      },
    );
  });

  router.post('/programmes/:key/compare', async (req, res) => {
    const { programme, query, input } = await analysisInput(req, res, deps, 'compare', ['json']);
    const settings = parseWith(compareSettingsSchema, input.fields, input.where, settingsName(input));
    const resolved = resolveBaseline(programme, settings, input.where, deps.today());
    const found: ProblemDetail[] = resolved.ok ? [] : [...resolved.problems];
    const reforms = readReforms(settings.reforms ?? [], programme, input.where, found);
    const diff = diffOptions(settings, input.where, found);
    const methods = settings.methods === undefined ? undefined : [...new Set(settings.methods)];
    if (reforms.length === 0 && methods === undefined && found.length === 0) {
      found.push({
        code: 'REQUEST.REQUIRED',
        message:
          'nothing to compare: give reforms (each a reform file: name and overrides), or envelope methods to compare (e.g. ["pro_rata", "uniform_cap", "ranked"])',
        ...input.where(['reforms']),
      });
    }
    if (!resolved.ok || found.length > 0) refuse(found, 'the settings');
    const baseline = resolved.value;
    const evaluations = (1 + reforms.length) * (1 + (methods?.length ?? 0));
    const recipients = query.recipients === 'true';
    await runOrQueue(
      req,
      res,
      deps,
      {
        programme,
        operation: 'compare',
        input,
        evaluations,
        parametersVersion: baseline.parameters.version,
        async: query.async,
        reforms: reforms.length,
      },
      async (enter) => {
        const { applicants, warnings } = await stagedApplicants(enter, programme, input);
        const result = compare(baseline, reforms, applicants, { ...diff, ...(methods === undefined ? {} : { methods }) });
        if (!result.ok)
          refuse(
            result.problems.map((p) => fromDomain(p, input.where(['reforms']))),
            'the reforms',
          );
        const json = comparisonToJson(result.value, { count: countField(programme), recipients });
        return { send: sendJson(baseline.parameters.version, json, warnings) };
      },
    );
  });

  router.post('/programmes/:key/sweep', async (req, res) => {
    const { programme, query, input } = await analysisInput(req, res, deps, 'sweep', ['json']);
    const settings = parseWith(sweepSettingsSchema, input.fields, input.where, settingsName(input));
    const resolved = resolveBaseline(programme, settings, input.where, deps.today());
    const found: ProblemDetail[] = resolved.ok ? [] : [...resolved.problems];
    const first = axisOf(programme, settings, [], input.where);
    const second = settings.grid === undefined ? undefined : axisOf(programme, settings.grid, ['grid'], input.where);
    for (const axis of [first, second]) if (axis?.ok === false) found.push(...axis.problems);
    for (const axis of [first, second]) {
      if (axis?.ok === true && settings.overrides !== undefined && axis.value.path in settings.overrides) {
        found.push({
          code: 'SWEEP.OVERRIDDEN',
          message: `${axis.value.path} is swept: it cannot also be overridden; drop it from the overrides`,
          ...input.where(['overrides', axis.value.path]),
        });
      }
    }
    if (!resolved.ok || !first.ok || second?.ok === false || found.length > 0) refuse(found, 'the settings');
    const baseline = resolved.value;
    const axes: readonly [SweepAxis] | readonly [SweepAxis, SweepAxis] = second === undefined ? [first.value] : [first.value, second.value];
    const points = first.value.values.length * (second?.value.values.length ?? 1);
    await runOrQueue(
      req,
      res,
      deps,
      {
        programme,
        operation: 'sweep',
        input,
        evaluations: points,
        parametersVersion: baseline.parameters.version,
        async: query.async,
        points,
      },
      async (enter) => {
        const { applicants, warnings } = await stagedApplicants(enter, programme, input);
        const evaluator =
          programme.key === 'rd_incentive'
            ? rdIncentiveEvaluator(applicants as EnterpriseTable)
            : programmeEvaluator(programme, applicants);
        const result = sweep(evaluator, baseline, axes, settings.metrics === true ? { groups: true } : {});
        if (!result.ok)
          refuse(
            result.problems.map((p) => fromDomain(p, input.where(p.location?.path ?? []))),
            'the sweep',
          );
        const json = sweepToJson(result.value, { count: countField(programme), metrics: settings.metrics === true });
        return { send: sendJson(baseline.parameters.version, json, warnings) };
      },
    );
  });

  return router;
}

/**
 * What every analysis reads first: the programme of the path, the controls of the query, the
 * answer's format (one of `formats`, else 406) and the input — file, form or body — read with
 * the operation's parameter table.
 */
async function analysisInput<F extends AnswerFormat>(
  req: Request,
  res: Response,
  deps: ProgrammeAnalysisDeps,
  operation: 'evaluate' | 'compare' | 'sweep',
  formats: readonly [F, ...F[]],
): Promise<{ programme: Programme; query: Controls; format: F; input: ProgrammeInput }> {
  const programme = programmeOf(req);
  const query = controls(parseWith(programmeQuerySchema(operation), req.query, inParameters, 'query string'));
  const format = answerFormat(req, formats);
  const table = { evaluate: evaluateTable, compare: compareTable, sweep: sweepTable }[operation];
  const input = await readProgrammeInput(req, res, deps.bodies, table(recordsField(programme)), fileOptions(programme, query));
  return { programme, query, format, input };
}

/** The job's applicants, read in its `reading_enterprises` phase; the `evaluating` phase entered after. */
async function stagedApplicants(
  enter: (phase: WorkPhase) => Promise<void>,
  programme: Programme,
  input: ProgrammeInput,
): Promise<ReadApplicants<unknown>> {
  await enter('reading_enterprises');
  const read = readApplicants(programme, input.source, input.where);
  await enter('evaluating');
  return read;
}

/** The answer of a compare or sweep: its JSON, with the applicants' warnings, under the parameters' version. */
const sendJson =
  (parametersVersion: string, json: object, warnings: readonly ProblemDetail[]) =>
  (out: Response): void => {
    setParametersVersion(out, parametersVersion);
    sendJsonText(out, { ...json, ...warningsField(warnings) });
  };

function programmeOf(req: Request): Programme {
  const key = String(req.params.key);
  const programme = findProgramme(key);
  if (programme === undefined) {
    throw new HttpProblem(
      'PROGRAMME.NOT_FOUND',
      `there is no programme ${JSON.stringify(key)}: the programmes are ${PROGRAMME_KEYS.join(', ')}`,
    );
  }
  return programme;
}

type Flag = 'true' | 'false' | undefined;

interface Controls {
  readonly async: Flag;
  readonly totals_only: Flag;
  readonly recipients: Flag;
  readonly sheet: string | undefined;
  readonly lang: Lang | undefined;
}

/** The query parameters that are not settings (the schema has checked them). */
function controls(query: Record<string, unknown>): Controls {
  const flag = (name: string): Flag => (query[name] === 'true' ? 'true' : query[name] === 'false' ? 'false' : undefined);
  const text = (name: string): string | undefined => (typeof query[name] === 'string' ? query[name] : undefined);
  const lang = text('lang');
  return {
    async: flag('async'),
    totals_only: flag('totals_only'),
    recipients: flag('recipients'),
    sheet: text('sheet'),
    lang: lang === 'zh' || lang === 'en' ? lang : undefined,
  };
}

const fileOptions = (programme: Programme, query: Controls): FileOptions => ({ sheet: query.sheet, fields: programme.applicantFields });

const settingsName = (input: ProgrammeInput): string => (input.fromParameters ? 'parameters' : 'request body');

/** Answers now or as a job, by the request's size and its `async`. */
function runOrQueue(
  req: Request,
  res: Response,
  deps: ProgrammeAnalysisDeps,
  work: {
    programme: Programme;
    operation: JobOperation;
    input: ProgrammeInput;
    evaluations: number;
    parametersVersion: string;
    async: Flag;
    reforms?: number;
    points?: number;
  },
  task: JobTask<JobResult>,
): Promise<void> {
  return answerOrQueue(
    req,
    res,
    deps.jobs,
    deps.config,
    {
      subject: { programme: work.programme.key },
      operation: work.operation,
      applicants: countApplicants(work.input.source),
      evaluations: work.evaluations,
      parametersVersion: work.parametersVersion,
      async: work.async,
      ...(work.reforms === undefined ? {} : { reforms: work.reforms }),
      ...(work.points === undefined ? {} : { points: work.points }),
    },
    task,
  );
}

/** Every reform checked against the programme's own parameters (another programme's path is unknown here); names must be unique. */
function readReforms(inputs: readonly unknown[], programme: Programme, where: Where, found: ProblemDetail[]): Reform[] {
  const list = parseReforms(inputs, programmeRegistry(programme.key));
  found.push(...list.problems.map((p) => fromDomain(p, where(['reforms', ...(p.location?.path ?? [])]))));
  return list.reforms.map(({ reform }) => reform);
}

interface AxisSettings {
  readonly path: string;
  readonly from?: string | number | undefined;
  readonly to?: string | number | undefined;
  readonly step?: string | number | undefined;
  readonly values?: readonly (string | number)[] | undefined;
}

/** One axis of a sweep: a range (from, to, step) or a list of values of one parameter, each checked as its kind. */
function axisOf(programme: Programme, settings: AxisSettings, at: readonly string[], where: Where): Checked<SweepAxis> {
  const range = { from: settings.from, to: settings.to, step: settings.step };
  const given = Object.entries(range).filter(([, v]) => v !== undefined);
  let spec: Parameters<typeof sweepAxis>[2];
  if (settings.values !== undefined) {
    if (given.length > 0) {
      return {
        ok: false,
        problems: [
          { code: 'SWEEP.VALUES_AND_RANGE', message: 'give either values or from, to and step, not both', ...where([...at, 'values']) },
        ],
      };
    }
    spec = { values: settings.values.map(String) };
  } else if (range.from !== undefined && range.to !== undefined && range.step !== undefined) {
    spec = { from: String(range.from), to: String(range.to), step: String(range.step) };
  } else {
    const missing = (['from', 'to', 'step'] as const).filter((k) => range[k] === undefined);
    return {
      ok: false,
      problems: [
        {
          code: 'REQUEST.REQUIRED',
          message: `give the values to sweep: from, to and step (${missing.join(', ')} missing), or values`,
          ...where([...at, missing[0] ?? 'from']),
        },
      ],
    };
  }
  const axis = sweepAxis(programmeRegistry(programme.key), settings.path, spec);
  if (axis.ok) return axis;
  return { ok: false, problems: axis.problems.map((p) => fromDomain(p, where([...at, ...(p.location?.path ?? [])]))) };
}
