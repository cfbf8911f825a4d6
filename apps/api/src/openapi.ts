import type { Programme } from '@bagui/core/programmes';
import { ENGINE_VERSION } from '@bagui/core/version';
import type { Role } from '@bagui/store';
import { z } from 'zod';
import { XLSX_TYPE } from './http/applicant-files.js';
import { INPUT_SHA256_HEADER } from './http/bodies.js';
import { PROBLEMS, type ProblemCode } from './http/problem.js';
import { ENGINE_VERSION_HEADER, PARAMETERS_VERSION_HEADER } from './http/versions.js';
import { cataloguedProgrammes } from './programmes/catalogue.js';
// The order of these imports is the order of the components in the document (zod's registry
// keeps the order the schemas were made in): keep it when adding a file.
import {
  applicantsXlsxSchema,
  csvBodySchema,
  evaluateFormSchema,
  evaluateQuerySchema,
  evaluateRequestSchema,
  evaluationSchema,
  resultCsvSchema,
  resultXlsxSchema,
} from './schemas/evaluate.js';
import { problemSchema } from './schemas/problems.js';
import { jobIdParamsSchema, jobListSchema, jobSchema, jobListQuerySchema } from './schemas/jobs.js';
import { catalogueSchema, parameterSetSchema, parametersQuerySchema, programmeKeyParamsSchema } from './schemas/catalogue.js';
import { healthSchema, readySchema } from './schemas/operations.js';
import { scenarioCompareQuerySchema, scenarioFileSchema, scenarioResultSchema, scenarioRunQuerySchema } from './schemas/scenarios.js';
import {
  countField,
  programmeCsvSchema,
  programmeFormSchema,
  programmeQuerySchema,
  programmeRequestSchema,
  recordsField,
} from './schemas/programme-analysis.js';
import { scenarioCompareRequestSchema, scenarioComparisonSchema } from './schemas/scenario-compare.js';
import {
  describeRequestSchema,
  pageQuerySchema,
  revisionListSchema,
  revisionParamsSchema,
  revisionSchema,
  savedIdParamsSchema,
  savedScenarioSchema,
  saveScenarioRequestSchema,
  scenarioIdParamsSchema,
  scenarioListQuerySchema,
  scenarioListSchema,
  scenarioSummarySchema,
} from './schemas/saved-scenarios.js';
import { datasetUploadSchema, datasetParamsSchema, datasetUploadQuerySchema } from './schemas/datasets.js';
import { auditListSchema, auditQuerySchema } from './schemas/audit.js';
import {
  keyCreatedSchema,
  keyCreateRequestSchema,
  keyIdParamsSchema,
  keyListQuerySchema,
  keyListSchema,
  keyRevokedSchema,
} from './schemas/keys.js';
import { comparisonSchema, programmeEvaluationSchema, sweepSchema } from './schemas/programme-results.js';

/**
 * The OpenAPI 3.1 document, generated from the zod schemas the handlers validate with (zod's
 * own `z.toJSONSchema`, whose 2020-12 dialect is OpenAPI 3.1's). The table of operations below
 * is also what the server answers 405 from, and what the tests check every response against.
 */

type Header = 'engine' | 'parameters' | 'location' | 'retryAfter' | 'requestId' | 'inputSha256' | 'disposition' | 'allow' | 'etag';

/**
 * Who may call an operation: `public` (probes and documents: anyone), `open` (the stateless
 * computations: anyone unless AUTH_REQUIRED=true, then any key), or the weakest role that may.
 * Whatever it is, an Authorization header that is not a valid key is refused with 401.
 */
type Access = 'public' | 'open' | Role;

interface ResponseSpec {
  readonly description: string;
  readonly content?: Readonly<Record<string, z.ZodType>>;
  readonly headers?: readonly Header[];
}

export interface OperationSpec {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path template: `/v1/jobs/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly pathParams?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: { readonly description: string; readonly content: Readonly<Record<string, z.ZodType>> };
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** The problems it can answer with, besides INTERNAL (always) and RATE_LIMITED (unless `unlimited`). */
  readonly problems: readonly ProblemCode[];
  /** Not counted by the rate limiter (probes). */
  readonly unlimited?: boolean;
  readonly access: Access;
  /** Takes `If-Match` (required: 428 without it). */
  readonly ifMatch?: boolean;
}

const openApiDocumentSchema = z.looseObject({ openapi: z.string() }).meta({ id: 'OpenApiDocument', description: 'This document.' });

/**
 * What a computing request (evaluate, compare, sweep, a scenario run or compare) may also answer:
 * its job queue full, its work beyond the server's limits (422, the limit named), too many
 * computations at once from one client (429, Retry-After), a synchronous answer past WORK_TIMEOUT_MS (503).
 */
const WORK_PROBLEMS: readonly ProblemCode[] = [
  'JOBS.FULL',
  'JOBS.QUOTA',
  'IDEMPOTENCY_KEY.REUSED',
  'WORK.TOO_LARGE',
  'WORK.BUSY',
  'WORK.TIMED_OUT',
];

/** A 202: the request runs as a job. */
const ACCEPTED = {
  description:
    'Accepted as a job, kept in the database (it runs even if the server restarts): poll `Location`. With an `Idempotency-Key` already used for the same request, the same job (202 while it is to run, 200 with the job once it has finished).',
  content: { 'application/json': jobSchema },
  headers: ['parameters', 'location', 'retryAfter', 'inputSha256'],
} as const;

/** What `Accept` chooses among, for an answer that is also a spreadsheet. */
const SPREADSHEET_ANSWERS =
  ' With `Accept: text/csv` the answer is the result table as CSV (UTF-8 with a byte-order mark), with ' +
  `\`Accept: ${XLSX_TYPE}\` a result workbook; both are downloads (\`Content-Disposition: attachment\`), in \`lang\` (default: ` +
  '`Accept-Language`, else Chinese). Any other `Accept` that JSON does not satisfy is 406.';

/** The headers of an answer computed from a request body. */
const RESULT_HEADERS = ['parameters', 'inputSha256', 'disposition'] as const;

export const OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'health',
    access: 'public',
    summary: 'Liveness: the process is up',
    tags: ['operations'],
    responses: { 200: { description: 'Alive.', content: { 'application/json': healthSchema } } },
    problems: [],
    unlimited: true,
  },
  {
    method: 'get',
    path: '/ready',
    operationId: 'ready',
    access: 'public',
    summary: 'Readiness: the server takes requests (503 while shutting down)',
    tags: ['operations'],
    responses: { 200: { description: 'Ready.', content: { 'application/json': readySchema } } },
    problems: ['NOT_READY'],
    unlimited: true,
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    access: 'public',
    summary: 'This OpenAPI 3.1 document',
    tags: ['operations'],
    responses: { 200: { description: 'The document.', content: { 'application/json': openApiDocumentSchema } } },
    problems: [],
  },
  {
    method: 'get',
    path: '/docs',
    operationId: 'docs',
    access: 'public',
    summary: 'Interactive documentation (Swagger UI) of this document',
    tags: ['operations'],
    responses: {
      200: { description: 'The documentation page.', content: { 'text/html': z.string() } },
      301: { description: 'To `/docs/`, where the page’s relative links resolve.', headers: ['location'] },
    },
    problems: [],
  },
  {
    method: 'get',
    path: '/v1/programmes',
    operationId: 'listProgrammes',
    access: 'open',
    summary: 'The programmes the engine evaluates, with their sources and letter citations',
    tags: ['programmes'],
    responses: { 200: { description: 'The catalogue.', content: { 'application/json': catalogueSchema } } },
    problems: ['REQUEST.INVALID'],
  },
  {
    method: 'get',
    path: '/v1/programmes/{key}/parameters',
    operationId: 'programmeParameters',
    access: 'open',
    summary: 'A programme’s parameters in force on a date, with units, labels, sources and assumption flags',
    tags: ['programmes'],
    pathParams: programmeKeyParamsSchema,
    query: parametersQuerySchema,
    responses: { 200: { description: 'The parameter set.', content: { 'application/json': parameterSetSchema }, headers: ['parameters'] } },
    problems: ['PROGRAMME.NOT_FOUND', 'REQUEST.INVALID'],
  },
  {
    method: 'post',
    path: '/v1/programmes/rd_incentive/evaluate',
    operationId: 'rdIncentiveEvaluate',
    access: 'open',
    summary: 'Evaluate the R&D incentive on a population of enterprises and a budget envelope',
    description:
      'Answers exactly what `bagui evaluate rd_incentive --format json` prints. The enterprises come as JSON ' +
      '(`application/json`, settings in the body), as CSV (`text/csv`: UTF-8, or GB18030/GBK by its `charset=` or detected) or XLSX ' +
      `(\`${XLSX_TYPE}\`, \`sheet=\` names the sheet) with the settings in the query string, or as an uploaded ` +
      'CSV or XLSX file (`multipart/form-data`, settings as form fields). Requests with more enterprises than the server’s ' +
      'threshold, or with `async=true`, run as a job: `202 Accepted` with a `Location` to poll. A request with any ' +
      'invalid enterprise is refused as a whole, with every problem located (in an XLSX file, by `sheet` and `cell` too).' +
      SPREADSHEET_ANSWERS,
    tags: ['rd_incentive'],
    query: evaluateQuerySchema,
    body: {
      description: 'The settings and the enterprises.',
      content: {
        'application/json': evaluateRequestSchema,
        'text/csv': csvBodySchema,
        [XLSX_TYPE]: applicantsXlsxSchema,
        'multipart/form-data': evaluateFormSchema,
      },
    },
    responses: {
      200: {
        description: 'The evaluation.',
        content: { 'application/json': evaluationSchema, 'text/csv': resultCsvSchema, [XLSX_TYPE]: resultXlsxSchema },
        headers: RESULT_HEADERS,
      },
      202: ACCEPTED,
    },
    problems: ['REQUEST.MALFORMED', 'NOT_ACCEPTABLE', 'REQUEST.INVALID', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', ...WORK_PROBLEMS],
  },
  ...cataloguedProgrammes().flatMap(programmeOperations),
  {
    method: 'get',
    path: '/v1/scenarios',
    operationId: 'listScenarios',
    access: 'open',
    summary: 'The built-in scenarios, and a page of the saved ones (with a key)',
    description:
      '`scenarios`: the built-in scenarios (on the first page only), `saved`: a page of saved scenarios, newest first, and `next`, the `cursor` ' +
      'of the next page (null on the last). Listing saved scenarios needs a viewer key: without one, `saved` is null (and `cursor` or ' +
      '`archived` are refused with 401). `search` filters both by a substring of the name, title or description, in any case.',
    tags: ['scenarios'],
    query: scenarioListQuerySchema,
    responses: { 200: { description: 'The scenarios.', content: { 'application/json': scenarioListSchema } } },
    problems: ['REQUEST.MALFORMED', 'REQUEST.INVALID'],
  },
  {
    method: 'post',
    path: '/v1/scenarios',
    operationId: 'createScenario',
    access: 'analyst',
    summary: 'Save a scenario: revision 1 of a new saved scenario',
    description:
      'The body is a scenario file as `bagui run` takes it (a built-in’s file from `GET /v1/scenarios/{name}` too), checked whole before anything is ' +
      'kept: a file with any problem is refused, every problem with its JSON pointer. When its applicants are files (`applicants.file`), send ' +
      '`{"file", "datasets": {PATH: HASH}}` with each path bound to an uploaded data set (`POST /v1/datasets`), and optionally `name` and ' +
      '`description` (default: the file’s `title` and `description`). Answers 201 with the absolute `Location` and the strong `ETag` of revision 1.',
    tags: ['scenarios'],
    body: { description: 'The scenario file (or the file and its data sets).', content: { 'application/json': saveScenarioRequestSchema } },
    responses: {
      201: { description: 'Saved.', content: { 'application/json': savedScenarioSchema }, headers: ['location', 'etag'] },
    },
    problems: ['REQUEST.MALFORMED', 'REQUEST.INVALID', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  {
    method: 'get',
    path: '/v1/scenarios/{id}',
    operationId: 'getScenario',
    access: 'open',
    summary: 'A scenario: a built-in’s file by name, or a saved scenario by id (with a viewer key)',
    description:
      'A built-in scenario (open): its file, a starting point to edit and save or send to `POST /v1/scenarios/run`. A saved scenario (`s_…`, a viewer ' +
      'key): its summary and its current file (`SavedScenario`), with the strong `ETag` of its current revision, to send back as `If-Match`.',
    tags: ['scenarios'],
    pathParams: scenarioIdParamsSchema,
    responses: {
      200: {
        description:
          'The built-in’s file (with `Bagui-Parameters-Version`, the version its run would answer with), or the saved scenario (with `ETag`).',
        content: { 'application/json': z.union([scenarioFileSchema, savedScenarioSchema]) },
      },
    },
    problems: ['SCENARIO.NOT_FOUND', 'REQUEST.INVALID'],
  },
  {
    method: 'put',
    path: '/v1/scenarios/{id}',
    operationId: 'reviseScenario',
    access: 'analyst',
    ifMatch: true,
    summary: 'Revise a saved scenario: its next revision, if `If-Match` names the current one',
    description:
      'The body is as for `POST /v1/scenarios` (without `name` and `description`). `If-Match` must carry the `ETag` of the current revision: a stale ' +
      'one is refused with 412 naming the current `ETag` (also in the `ETag` header), a missing one with 428; either way nothing changes. The same ' +
      'content as the current revision makes no new revision (the same `ETag`). Built-in scenarios are read-only (405); an archived one is refused (409).',
    tags: ['scenarios'],
    pathParams: savedIdParamsSchema,
    body: {
      description: 'The new scenario file (or the file and its data sets).',
      content: { 'application/json': saveScenarioRequestSchema },
    },
    responses: {
      200: { description: 'The scenario as revised.', content: { 'application/json': savedScenarioSchema }, headers: ['etag'] },
    },
    problems: [
      'SCENARIO.NOT_FOUND',
      'SCENARIO.READ_ONLY',
      'SCENARIO.ARCHIVED',
      'PRECONDITION.FAILED',
      'PRECONDITION.REQUIRED',
      'REQUEST.MALFORMED',
      'REQUEST.INVALID',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  },
  {
    method: 'patch',
    path: '/v1/scenarios/{id}',
    operationId: 'describeScenario',
    access: 'analyst',
    summary: 'Rename or re-describe a saved scenario: no new revision, the ETag unchanged',
    description: 'Audited as `scenario.rename`. An archived scenario is refused (409).',
    tags: ['scenarios'],
    pathParams: savedIdParamsSchema,
    body: {
      description: 'The new name, description, or both.',
      content: { 'application/json': describeRequestSchema, 'application/merge-patch+json': describeRequestSchema },
    },
    responses: { 200: { description: 'The scenario.', content: { 'application/json': savedScenarioSchema }, headers: ['etag'] } },
    problems: [
      'SCENARIO.NOT_FOUND',
      'SCENARIO.READ_ONLY',
      'SCENARIO.ARCHIVED',
      'REQUEST.MALFORMED',
      'REQUEST.INVALID',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  },
  {
    method: 'get',
    path: '/v1/scenarios/{id}/file',
    operationId: 'downloadScenario',
    access: 'open',
    summary: 'Download a scenario’s file for `bagui run`: its applicants inline',
    description:
      'A saved scenario’s current file (a viewer key), each applicants file replaced by its data set’s rows as `records`, so that `bagui run` ' +
      'takes it alone; a built-in’s file (open). Sent as an attachment.',
    tags: ['scenarios'],
    pathParams: scenarioIdParamsSchema,
    responses: { 200: { description: 'The scenario file.', content: { 'application/json': scenarioFileSchema } } },
    problems: ['SCENARIO.NOT_FOUND', 'REQUEST.INVALID'],
  },
  {
    method: 'get',
    path: '/v1/scenarios/{id}/revisions',
    operationId: 'listRevisions',
    access: 'viewer',
    summary: 'A saved scenario’s revisions, newest first',
    tags: ['scenarios'],
    pathParams: savedIdParamsSchema,
    query: pageQuerySchema,
    responses: { 200: { description: 'A page of revisions.', content: { 'application/json': revisionListSchema } } },
    problems: ['SCENARIO.NOT_FOUND', 'REQUEST.MALFORMED', 'REQUEST.INVALID'],
  },
  {
    method: 'get',
    path: '/v1/scenarios/{id}/revisions/{n}',
    operationId: 'getRevision',
    access: 'viewer',
    summary: 'One revision of a saved scenario: its file and the data sets it binds',
    tags: ['scenarios'],
    pathParams: revisionParamsSchema,
    responses: { 200: { description: 'The revision.', content: { 'application/json': revisionSchema } } },
    problems: ['SCENARIO.NOT_FOUND', 'SCENARIO.REVISION_NOT_FOUND', 'REQUEST.INVALID'],
  },
  {
    method: 'get',
    path: '/v1/scenarios/{id}/revisions/{n}/file',
    operationId: 'downloadRevision',
    access: 'viewer',
    summary: 'Download a revision’s file for `bagui run`: its applicants inline',
    tags: ['scenarios'],
    pathParams: revisionParamsSchema,
    responses: { 200: { description: 'The scenario file.', content: { 'application/json': scenarioFileSchema } } },
    problems: ['SCENARIO.NOT_FOUND', 'SCENARIO.REVISION_NOT_FOUND', 'REQUEST.INVALID'],
  },
  {
    method: 'post',
    path: '/v1/scenarios/run',
    operationId: 'runScenario',
    access: 'open',
    summary: 'Run a scenario file: every programme through its envelope, and the funding ledger by source',
    description:
      'Answers exactly what `bagui run FILE --format json` prints (with `recipients=true`, as `--recipients`). A scenario with more ' +
      'applicants than the server’s threshold (or `async=true`) runs as a job: `202 Accepted` with a `Location` to poll. A scenario with any ' +
      'problem is refused whole, every problem with its JSON pointer. Applicants must be inline `records` or `generate`: a scenario ' +
      'that reads an applicants `file` is refused (`SCENARIO.APPLICANTS_FILE`). `Bagui-Parameters-Version` is the programme’s own ' +
      'version when the scenario has one programme, else a digest of every `programmes[].parametersVersion`.' +
      ` With \`Accept: ${XLSX_TYPE}\` the answer is a result workbook (a download): a sheet per programme entry (each recipient’s id, ` +
      'entitlement and award), 参数与来源, 说明 and 关于, in `lang`. Any other `Accept` that JSON does not satisfy is 406.',
    tags: ['scenarios'],
    query: scenarioRunQuerySchema,
    body: { description: 'The scenario file.', content: { 'application/json': scenarioFileSchema } },
    responses: {
      200: {
        description: 'The result.',
        content: { 'application/json': scenarioResultSchema, [XLSX_TYPE]: resultXlsxSchema },
        headers: RESULT_HEADERS,
      },
      202: ACCEPTED,
    },
    problems: ['REQUEST.MALFORMED', 'NOT_ACCEPTABLE', 'REQUEST.INVALID', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', ...WORK_PROBLEMS],
  },
  {
    method: 'post',
    path: '/v1/scenarios/compare',
    operationId: 'compareScenario',
    access: 'open',
    summary: 'Compare reforms on a whole scenario: the change of cost by programme and by funding source',
    description:
      'Answers exactly what `bagui compare --baseline SCENARIO --reform FILE… --format json` prints (with `recipients=true`, as `--recipients`). ' +
      'The baseline is a built-in scenario by name or a scenario file with inline applicants. Each reform may set parameters of any programme the ' +
      'scenario funds; every programme it touches is re-evaluated with the reform on top of the scenario’s own parameters, and the ledger is re-balanced. ' +
      'Every reform is checked before anything runs. A large comparison (or `async=true`) runs as a job: `202 Accepted` with a `Location` to poll.',
    tags: ['scenarios'],
    query: scenarioCompareQuerySchema,
    body: { description: 'The baseline scenario and the reforms.', content: { 'application/json': scenarioCompareRequestSchema } },
    responses: {
      200: {
        description: 'The comparison.',
        content: { 'application/json': scenarioComparisonSchema },
        headers: ['parameters', 'inputSha256'],
      },
      202: ACCEPTED,
    },
    problems: ['REQUEST.MALFORMED', 'NOT_ACCEPTABLE', 'REQUEST.INVALID', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', ...WORK_PROBLEMS],
  },
  {
    method: 'post',
    path: '/v1/scenarios/{id}/run',
    operationId: 'runBuiltinScenario',
    access: 'open',
    summary: 'Run a built-in scenario (open) or a saved one (a viewer key)',
    description:
      'As `POST /v1/scenarios/run` with the scenario’s file (`bagui run NAME --format json`); a saved scenario’s current revision reads its data sets. ' +
      'A saved scenario’s result is cached by (content hash, data sets hash, engine version): `Bagui-Result-Cache` says `hit` or `miss`. No body: a ' +
      'request with one is refused (`REQUEST.UNEXPECTED_BODY`).',
    tags: ['scenarios'],
    pathParams: scenarioIdParamsSchema,
    query: scenarioRunQuerySchema,
    responses: {
      200: {
        description: 'The result.',
        content: { 'application/json': scenarioResultSchema, [XLSX_TYPE]: resultXlsxSchema },
        headers: ['parameters', 'disposition'],
      },
      202: ACCEPTED,
    },
    problems: ['SCENARIO.NOT_FOUND', 'NOT_ACCEPTABLE', 'REQUEST.INVALID', ...WORK_PROBLEMS],
  },
  {
    method: 'post',
    path: '/v1/scenarios/{id}/revisions/{n}/run',
    operationId: 'runRevision',
    access: 'viewer',
    summary: 'Run one revision of a saved scenario',
    description: 'As `POST /v1/scenarios/{id}/run`, for the revision given (cached the same way).',
    tags: ['scenarios'],
    pathParams: revisionParamsSchema,
    query: scenarioRunQuerySchema,
    responses: {
      200: { description: 'The result.', content: { 'application/json': scenarioResultSchema }, headers: ['parameters'] },
      202: ACCEPTED,
    },
    problems: ['SCENARIO.NOT_FOUND', 'SCENARIO.REVISION_NOT_FOUND', 'REQUEST.INVALID', ...WORK_PROBLEMS],
  },
  ...(['archive', 'restore'] as const).map((action): OperationSpec => ({
    method: 'post',
    path: `/v1/scenarios/{id}/${action}`,
    operationId: `${action}Scenario`,
    access: 'admin',
    summary:
      action === 'archive'
        ? 'Archive a saved scenario (instead of deleting it): left out of lists, still readable, unchangeable until restored'
        : 'Restore an archived scenario',
    description: 'No body. Doing it twice changes nothing the second time. Audited.',
    tags: ['scenarios'],
    pathParams: savedIdParamsSchema,
    responses: { 200: { description: 'The scenario.', content: { 'application/json': scenarioSummarySchema }, headers: ['etag'] } },
    problems: ['SCENARIO.NOT_FOUND', 'SCENARIO.READ_ONLY', 'REQUEST.INVALID'],
  })),
  {
    method: 'post',
    path: '/v1/datasets',
    operationId: 'uploadDataset',
    access: 'analyst',
    summary: 'Upload an applicants file (CSV) for saved scenarios to bind: stored once by its SHA-256',
    description:
      'Read as every CSV upload is (UTF-8 with or without a byte-order mark, or GB18030/GBK by `charset=` or detected) and kept as UTF-8 ' +
      'without a byte-order mark. Checked before it is kept: as a CSV table, and as the applicants of `programme` when given (every problem ' +
      'with its line and column); columns that programme does not use are listed once in `warnings`. ' +
      'Answers 201 when stored, 200 when the same bytes were stored already; either way the upload is audited. Bind the `hash` to the ' +
      'scenario file’s `applicants.file` path in `datasets` when saving.',
    tags: ['datasets'],
    query: datasetUploadQuerySchema,
    body: { description: 'The CSV file.', content: { 'text/csv': z.string() } },
    responses: {
      200: { description: 'Stored already.', content: { 'application/json': datasetUploadSchema }, headers: ['location'] },
      201: { description: 'Stored.', content: { 'application/json': datasetUploadSchema }, headers: ['location'] },
    },
    problems: ['REQUEST.INVALID', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  {
    method: 'get',
    path: '/v1/datasets/{hash}',
    operationId: 'getDataset',
    access: 'viewer',
    summary: 'An uploaded data set’s bytes, as uploaded',
    tags: ['datasets'],
    pathParams: datasetParamsSchema,
    responses: { 200: { description: 'The file.', content: { 'text/csv': z.string() } } },
    problems: ['DATASET.NOT_FOUND', 'REQUEST.INVALID'],
  },
  {
    method: 'get',
    path: '/v1/audit',
    operationId: 'listAudit',
    access: 'admin',
    summary: 'The audit log: every write, newest first, filtered and paged',
    description:
      'Every write appends one entry in the same transaction as the write: who (the key’s id, or `cli:USER`), when, the action, the resource, ' +
      'the content hashes before and after, and the request id. No route and no database statement can change or delete an entry.',
    tags: ['audit'],
    query: auditQuerySchema,
    responses: { 200: { description: 'A page of entries.', content: { 'application/json': auditListSchema } } },
    problems: ['REQUEST.MALFORMED', 'REQUEST.INVALID'],
  },
  {
    method: 'get',
    path: '/v1/keys',
    operationId: 'listKeys',
    access: 'admin',
    summary: 'The API keys (never their secrets), as `bagui keys list`',
    tags: ['keys'],
    query: keyListQuerySchema,
    responses: { 200: { description: 'The keys.', content: { 'application/json': keyListSchema } } },
    problems: ['REQUEST.INVALID'],
  },
  {
    method: 'post',
    path: '/v1/keys',
    operationId: 'createKey',
    access: 'admin',
    summary: 'Make an API key, as `bagui keys create`: its secret is shown this once',
    tags: ['keys'],
    body: { description: 'Its role and name.', content: { 'application/json': keyCreateRequestSchema } },
    responses: { 201: { description: 'The key and its secret.', content: { 'application/json': keyCreatedSchema } } },
    problems: ['REQUEST.MALFORMED', 'REQUEST.INVALID', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  {
    method: 'post',
    path: '/v1/keys/{id}/revoke',
    operationId: 'revokeKey',
    access: 'admin',
    summary: 'Revoke an API key, at once on every instance, as `bagui keys revoke`',
    tags: ['keys'],
    pathParams: keyIdParamsSchema,
    responses: { 200: { description: 'The key.', content: { 'application/json': keyRevokedSchema } } },
    problems: ['KEY.NOT_FOUND', 'REQUEST.INVALID'],
  },
  {
    method: 'get',
    path: '/v1/jobs',
    operationId: 'listJobs',
    access: 'viewer',
    summary: 'The key’s jobs, newest first, in pages',
    description:
      'The jobs made with the request’s key (queued, running, and finished ones until they expire), newest first, `limit` per page; `next` is the `cursor` of the next page (null on the last). A job made without a key is listed nowhere: its id is what reaches it.',
    tags: ['jobs'],
    query: jobListQuerySchema,
    responses: { 200: { description: 'A page of jobs.', content: { 'application/json': jobListSchema } } },
    problems: ['REQUEST.MALFORMED', 'REQUEST.INVALID'],
  },
  {
    method: 'delete',
    path: '/v1/jobs/{id}',
    operationId: 'cancelJob',
    access: 'open',
    summary: 'Cancel a queued or running job',
    description:
      'A queued job will not run; a running one is stopped at its next phase (its computation is aborted). The job stays, `cancelled`, until it expires. A job that has finished (succeeded, failed or was cancelled) is 409 `JOB.FINISHED`. A job made with a key is cancelled with that key only.',
    tags: ['jobs'],
    pathParams: jobIdParamsSchema,
    responses: {
      200: { description: 'The job, cancelled.', content: { 'application/json': jobSchema }, headers: ['parameters', 'location'] },
    },
    problems: ['JOB.NOT_FOUND', 'JOB.FINISHED', 'REQUEST.INVALID'],
  },
  {
    method: 'get',
    path: '/v1/jobs/{id}',
    operationId: 'getJob',
    access: 'open',
    summary: 'A job’s status and progress',
    tags: ['jobs'],
    pathParams: jobIdParamsSchema,
    responses: {
      200: {
        description: 'The job; `Retry-After` while it has not finished.',
        content: { 'application/json': jobSchema },
        headers: ['parameters', 'retryAfter'],
      },
    },
    problems: ['JOB.NOT_FOUND', 'REQUEST.INVALID'],
  },
  {
    method: 'get',
    path: '/v1/jobs/{id}/result',
    operationId: 'getJobResult',
    access: 'open',
    summary: 'A finished job’s result: the evaluation, or the problem that failed it',
    tags: ['jobs'],
    pathParams: jobIdParamsSchema,
    responses: {
      200: {
        description:
          'What the request would have answered had it run at once, in the format its `Accept` chose: a programme’s evaluation, comparison or sweep, or a scenario’s result or comparison (see the job’s `programme` or `scenario`, and its `operation`).',
        content: { 'application/json': jobResultSchema(), 'text/csv': resultCsvSchema, [XLSX_TYPE]: resultXlsxSchema },
        headers: ['parameters', 'disposition'],
      },
    },
    problems: ['JOB.NOT_FOUND', 'JOB.NOT_FINISHED', 'JOB.CANCELLED', 'REQUEST.INVALID'],
  },
];

/** The evaluate (except rd_incentive's own), compare and sweep operations of one programme. */
function programmeOperations(programme: Programme): OperationSpec[] {
  const key = programme.key;
  const camel = key.replace(/_(\w)/gu, (_m, c: string) => c.toUpperCase());
  const path = `/v1/programmes/${key}`;
  const records = recordsField(programme);
  const count = countField(programme);
  const body = (operation: 'evaluate' | 'compare' | 'sweep') => ({
    description: `The settings and the ${programme.applicantNoun}s: JSON (\`${records}\` and the settings in the body), CSV or XLSX (settings in the query string) or an uploaded CSV or XLSX file (settings as form fields).`,
    content: {
      'application/json': programmeRequestSchema(programme, operation),
      'text/csv': programmeCsvSchema(programme),
      [XLSX_TYPE]: applicantsXlsxSchema,
      'multipart/form-data': programmeFormSchema(programme, operation),
    },
  });
  const accepted = ACCEPTED;
  const problems: ProblemCode[] = [
    'REQUEST.MALFORMED',
    'NOT_ACCEPTABLE',
    'REQUEST.INVALID',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    ...WORK_PROBLEMS,
  ];
  const jobs = 'Large requests (or `async=true`) run as a job: `202 Accepted` with a `Location` to poll.';
  const ops: OperationSpec[] = [];
  if (key !== 'rd_incentive') {
    ops.push({
      method: 'post',
      path: `${path}/evaluate`,
      operationId: `${camel}Evaluate`,
      access: 'open',
      summary: `Evaluate ${key} (${programme.label.zh}) on its ${programme.applicantNoun}s and an envelope`,
      description: `Every ${programme.applicantNoun}’s entitlement and award, with the trace of both, and the totals. A request with any invalid ${programme.applicantNoun} is refused whole, every problem located. ${jobs}${SPREADSHEET_ANSWERS}`,
      tags: [key],
      query: programmeQuerySchema('evaluate'),
      body: body('evaluate'),
      responses: {
        200: {
          description: 'The evaluation.',
          content: { 'application/json': programmeEvaluationSchema(), 'text/csv': resultCsvSchema, [XLSX_TYPE]: resultXlsxSchema },
          headers: RESULT_HEADERS,
        },
        202: accepted,
      },
      problems,
    });
  }
  ops.push(
    {
      method: 'post',
      path: `${path}/compare`,
      operationId: `${camel}Compare`,
      access: 'open',
      summary: `Compare reforms of ${key} with a baseline, or its envelope methods, on one population`,
      description:
        `Answers exactly what \`bagui compare ${key} … --format json\` prints. The baseline is \`budget\`, \`method\`, \`date\` and \`overrides\`; each reform ` +
        `is applied on top of it. Every reform is checked before anything runs: an unknown path, a value of the wrong kind or two layers setting one parameter ` +
        `(\`REFORM.CONFLICT\`) refuse the request, each problem located. ${jobs}`,
      tags: [key],
      query: programmeQuerySchema('compare'),
      body: body('compare'),
      responses: {
        200: {
          description: 'The comparison.',
          content: { 'application/json': comparisonSchema(count) },
          headers: ['parameters', 'inputSha256'],
        },
        202: accepted,
      },
      problems,
    },
    {
      method: 'post',
      path: `${path}/sweep`,
      operationId: `${camel}Sweep`,
      access: 'open',
      summary: `Sweep a parameter of ${key} (or the envelope) over a range, or two over a grid`,
      description:
        `Answers exactly what \`bagui sweep ${key} … --format json\` prints (\`metrics: true\` as \`--metrics\`). Values are exact: the k-th is from + k × step. ` +
        `The population is read once for every point. ${jobs}`,
      tags: [key],
      query: programmeQuerySchema('sweep'),
      body: body('sweep'),
      responses: {
        200: { description: 'The sweep.', content: { 'application/json': sweepSchema(count) }, headers: ['parameters', 'inputSha256'] },
        202: accepted,
      },
      problems,
    },
  );
  return ops;
}

/** Any job's result. */
function jobResultSchema(): z.ZodType {
  return z.union([
    evaluationSchema,
    programmeEvaluationSchema(),
    comparisonSchema('enterprises'),
    comparisonSchema('recipients'),
    sweepSchema('enterprises'),
    sweepSchema('recipients'),
    scenarioResultSchema,
    scenarioComparisonSchema,
  ]);
}

const HEADERS: Record<Header, { name: string; description: string; required: boolean; schema: object }> = {
  engine: {
    name: ENGINE_VERSION_HEADER,
    description: 'The engine version that computed the answer (on every response).',
    required: true,
    schema: { type: 'string' },
  },
  parameters: {
    name: PARAMETERS_VERSION_HEADER,
    description: 'The version of the parameter set used (changes with any parameter or override).',
    required: true,
    schema: { type: 'string' },
  },
  location: { name: 'Location', description: 'Where to go next.', required: true, schema: { type: 'string' } },
  retryAfter: {
    name: 'Retry-After',
    description: 'Seconds to wait before asking again.',
    required: false,
    schema: { type: 'integer', minimum: 0 },
  },
  inputSha256: {
    name: INPUT_SHA256_HEADER,
    description:
      'The SHA-256 (hex) of the input the request sent: its body as sent (inflated when compressed), or its uploaded file. Absent when there was none.',
    required: false,
    schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
  disposition: {
    name: 'Content-Disposition',
    description: 'CSV and XLSX answers: `attachment; filename="…"`, a download.',
    required: false,
    schema: { type: 'string' },
  },
  allow: { name: 'Allow', description: 'The methods the path allows.', required: true, schema: { type: 'string' } },
  etag: {
    name: 'ETag',
    description:
      'A strong entity-tag. Of a saved scenario: its current revision, to send back as `If-Match` when revising it. Of any other GET answer: a validator, to send back in `If-None-Match` to get 304 while the answer is unchanged.',
    required: true,
    schema: { type: 'string' },
  },
  requestId: {
    name: 'X-Request-Id',
    description: 'The request’s id (the client’s, if it sent a valid one): quote it when reporting a problem.',
    required: true,
    schema: { type: 'string' },
  },
};

const COMPONENTS = '#/components/schemas/';

/** JSON Schema of a zod schema: a reference to its component when it has an id, inline otherwise. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const id = z.globalRegistry.get(schema)?.id;
  if (id !== undefined) return { $ref: `${COMPONENTS}${id}` };
  const { $schema: _dialect, $defs: defs, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  // Schemas with an id are in components: point there rather than at local copies.
  for (const name of Object.keys(defs ?? {})) {
    if (!z.globalRegistry._idmap.has(name)) throw new Error(`schema ${name} is used inline but is not a component`);
  }
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', `"${COMPONENTS}`)) as Record<string, unknown>;
}

function parametersOf(where: 'path' | 'query', schema: z.ZodObject | undefined): object[] {
  if (schema === undefined) return [];
  // z.ZodObject's default shape is Record<string, any>: every property of a route's schema is a zod type.
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, property]) => {
    const optional = property instanceof z.ZodOptional;
    const inner = optional ? (property.unwrap() as z.ZodType) : property;
    const description = z.globalRegistry.get(property)?.description ?? z.globalRegistry.get(inner)?.description;
    return {
      name,
      in: where,
      required: where === 'path' || !optional,
      ...(description === undefined ? {} : { description }),
      schema: schemaOf(inner, 'input'),
      ...(name === 'set' ? { explode: true, style: 'form' } : {}),
    };
  });
}

function headersOf(names: readonly Header[]): Record<string, object> {
  return Object.fromEntries(
    ['engine' as const, 'requestId' as const, ...names].map((h) => [HEADERS[h].name, { $ref: `#/components/headers/${HEADERS[h].name}` }]),
  );
}

/**
 * GET operations answered whole (not streamed), with a stable answer: Express gives them an
 * `ETag`, and a request whose `If-None-Match` matches it gets 304 with no body.
 */
const CONDITIONAL = new Set(['ready', 'openapi', 'docs', 'listProgrammes', 'programmeParameters', 'listScenarios', 'getScenario']);

/** Problems any operation can answer: another method on its path; headers Node refuses. */
const ANY_OPERATION: readonly ProblemCode[] = ['METHOD_NOT_ALLOWED', 'REQUEST.HEADERS_TOO_LARGE'];

function responsesOf(op: OperationSpec): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [status, spec] of Object.entries(op.responses)) {
    out[status] = {
      description: spec.description,
      headers: headersOf(spec.headers ?? []),
      ...(spec.content === undefined
        ? {}
        : {
            content: Object.fromEntries(
              Object.entries(spec.content).map(([type, schema]) => [type, { schema: schemaOf(schema, 'output') }]),
            ),
          }),
    };
  }
  if (op.method === 'get' && CONDITIONAL.has(op.operationId)) {
    out['304'] = { description: 'Not modified: `If-None-Match` matched the answer’s `ETag`; no body.', headers: headersOf(['etag']) };
  }
  const codes: ProblemCode[] = [
    ...authProblems(op.access),
    ...op.problems,
    ...ANY_OPERATION,
    // A browser's request from another origin than the server's and CORS_ORIGINS.
    ...(op.method === 'get' ? [] : (['ORIGIN.FORBIDDEN'] as const)),
    ...(op.unlimited === true ? [] : (['RATE_LIMITED'] as const)),
    'INTERNAL',
  ];
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes) byStatus.set(PROBLEMS[code].status, [...(byStatus.get(PROBLEMS[code].status) ?? []), code]);
  for (const [status, list] of byStatus) {
    out[String(status)] = {
      description: `${list.map((code) => `\`${code}\`: ${PROBLEMS[code].title}`).join('; ')}.`,
      headers: headersOf([
        ...(list.some(
          (code) =>
            code === 'RATE_LIMITED' || code === 'JOBS.FULL' || code === 'JOB.NOT_FINISHED' || code === 'WORK.BUSY' || code === 'JOBS.QUOTA',
        )
          ? ['retryAfter' as const]
          : []),
        ...(list.includes('METHOD_NOT_ALLOWED') ? ['allow' as const] : []),
      ]),
      content: { 'application/problem+json': { schema: { $ref: `${COMPONENTS}Problem` } } },
    };
  }
  return out;
}

/** Every route refuses a key that is not valid; `open` ones want a key when AUTH_REQUIRED; others need their role. */
function authProblems(access: Access): ProblemCode[] {
  if (access === 'public') return ['AUTH.INVALID_KEY'];
  if (access === 'open' || access === 'viewer') return ['AUTH.REQUIRED', 'AUTH.INVALID_KEY'];
  return ['AUTH.REQUIRED', 'AUTH.INVALID_KEY', 'AUTH.FORBIDDEN'];
}

/** `security` of an operation: a bearer key required, or optional (`{}`: none). */
function securityOf(access: Access): object[] {
  return access === 'public' || access === 'open' ? [{}, { bearerKey: [] }] : [{ bearerKey: [] }];
}

const ACCESS_NOTE: Record<Access, string> = {
  public: 'Open to anyone.',
  open: 'Open unless the server sets AUTH_REQUIRED=true (then any key).',
  viewer: 'Needs a key with the viewer role or a stronger one.',
  analyst: 'Needs a key with the analyst role or the admin role.',
  admin: 'Needs an admin key.',
};

function componentSchemas(): Record<string, unknown> {
  // Make sure every component is registered before the registry is read.
  void problemSchema;
  const { schemas } = z.toJSONSchema(z.globalRegistry, { uri: (id) => `${COMPONENTS}${id}`, unrepresentable: 'any' });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of OPERATIONS) {
    const item = (paths[op.path] ??= {});
    const parameters = [
      ...parametersOf('path', op.pathParams),
      ...parametersOf('query', op.query),
      ...(op.ifMatch === true
        ? [
            {
              name: 'If-Match',
              in: 'header',
              required: true,
              description: 'The `ETag` of the revision this change replaces (`*`: whatever is current). Missing: 428; stale: 412.',
              schema: { type: 'string' },
            },
          ]
        : []),
      ...(op.responses[202] === undefined
        ? []
        : [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description:
                'Makes the request a job named by this key (1–255 visible ASCII characters, e.g. a UUID), for the caller (its API key, else its address): sent again with the same request, it answers the same job with the same `Location` (202, or 200 once finished); with another request, 422 `IDEMPOTENCY_KEY.REUSED`. The key is free again once its job expires. Not with `async=false`.',
              schema: { type: 'string', minLength: 1, maxLength: 255 },
            },
          ]),
    ];
    item[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      description: `${op.description === undefined ? '' : `${op.description}\n\n`}${ACCESS_NOTE[op.access]}`,
      tags: op.tags,
      security: securityOf(op.access),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              description: op.body.description,
              content: Object.fromEntries(
                Object.entries(op.body.content).map(([type, schema]) => [type, { schema: schemaOf(schema, 'input') }]),
              ),
            },
          }),
      responses: responsesOf(op),
    };
  }
  for (const [path, item] of Object.entries(paths)) {
    const first = Object.values(item)[0] as { operationId: string; tags: readonly string[] };
    item.options = {
      operationId: `${first.operationId}Options`,
      summary: 'The methods this path allows',
      tags: first.tags,
      ...(path.includes('{')
        ? { parameters: (first as { parameters?: object[] }).parameters?.filter((p) => (p as { in: string }).in === 'path') }
        : {}),
      responses: { 204: { description: 'No content: `Allow` lists the methods.', headers: headersOf(['allow']) } },
    };
  }
  return {
    openapi: '3.1.0',
    servers: [{ url: '/', description: 'The server that serves this document.' }],
    info: {
      title: 'Bagui budget engine API',
      version: '1.0.0',
      description:
        'Evaluates Guangxi fiscal programmes for other government systems, one programme or a whole scenario. Amounts travel as strings in yuan with two ' +
        'decimals. Every error is an RFC 9457 problem (`application/problem+json`) with a stable `code`; input errors ' +
        'list each problem with its JSON pointer, parameter, or line and column. Unknown fields are refused, never ' +
        'dropped. Every response carries `Bagui-Engine-Version`; every result `Bagui-Parameters-Version`.\n\n' +
        `Engine version ${ENGINE_VERSION}. Any other path answers 404 \`NOT_FOUND\`; a known path with another method, 405 \`METHOD_NOT_ALLOWED\` (with \`Allow\`); ` +
        `OPTIONS on a known path, 204 with \`Allow\` (a CORS preflight from an allowed origin is answered with the CORS headers). ` +
        'Saved scenarios (with immutable revisions and strong ETags), data sets, the audit log and keys need an API key (`Authorization: Bearer KEY`); ' +
        'the stateless computations are open unless the server sets AUTH_REQUIRED=true.',
    },
    tags: [
      { name: 'programmes', description: 'What the engine evaluates.' },
      ...cataloguedProgrammes().map((p) => ({
        name: p.key,
        description: `${p.label.en} (${p.label.zh}), ${p.citation}${p.key === 'rd_incentive' ? ': see docs/rd-incentive.md' : ''}. Evaluate, compare reforms, sweep parameters.`,
      })),
      { name: 'scenarios', description: 'Fiscal plans as data: several programmes, their funding sources and the ledger between them.' },
      { name: 'datasets', description: 'Uploaded applicants files, stored once by content hash, for saved scenarios to bind.' },
      { name: 'audit', description: 'Every write: who, when, what, before and after.' },
      { name: 'keys', description: 'API keys and their roles (viewer ⊆ analyst ⊆ admin).' },
      { name: 'jobs', description: 'Long evaluations, run in the background.' },
      { name: 'operations', description: 'Probes and documentation.' },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            '`Authorization: Bearer KEY`, a key made with `bagui keys create --role viewer|analyst|admin` (or `POST /v1/keys`). Roles are cumulative: ' +
            'viewer reads saved things, analyst also writes them, admin also archives, reads the audit log and manages keys. No key where one is ' +
            'needed: 401 `AUTH.REQUIRED`; a weaker role: 403 `AUTH.FORBIDDEN`; a header that is not a valid, unrevoked key: 401 `AUTH.INVALID_KEY` on every route.',
        },
      },
      schemas: componentSchemas(),
      headers: Object.fromEntries(
        Object.values(HEADERS).map((h) => [h.name, { description: h.description, required: h.required, schema: h.schema }]),
      ),
    },
  };
}
