import { ALLOCATION_METHODS } from '@bagui/core/allocation';
import { isoDateSchema } from '@bagui/core/parameters';
import { recordOf } from '@bagui/core/json';
import { PROGRAMME_KEYS, type ApplicantFieldInfo, type Programme } from '@bagui/core/programmes';
import { scenarioFileSchema as coreScenarioFileSchema } from '@bagui/core/scenario';
import { ENTERPRISE_FIELDS, MAX_ID_LENGTH, type EnterpriseField } from '@bagui/core/programmes/rd-incentive';
import { z } from 'zod';
import { PROBLEM_CODES } from './http/problem.js';

/**
 * The zod schemas of every request and response: what handlers validate with, and what the
 * OpenAPI document (openapi.ts) is generated from. A schema given an `id` here becomes
 * `#/components/schemas/<id>`. Where the domain validates a part itself (enterprise rows,
 * parameter values), the runtime schema leaves that part to it and the documented schema
 * describes it from the domain's own tables (ENTERPRISE_FIELDS), so the two cannot drift.
 */

// --- pieces -----------------------------------------------------------------------------------

export const amountInputSchema = z.union([z.string(), z.number()]).meta({
  id: 'AmountInput',
  description:
    'Yuan, with at most two decimals. A string in any accepted spelling (`5000000`, `5,000,000.00`, `¥5,000,000`, ' +
    '`500万`, `0.05亿元`) or a JSON number when it is exact (no exponent, at most two decimals).',
  examples: ['407000000', '4.07亿', 5000000],
});

export const amountSchema = z
  .string()
  .regex(/^-?\d+\.\d{2}$/u)
  .meta({
    id: 'Amount',
    description: 'Yuan as a string with exactly two decimals, `.` as the decimal point, no grouping.',
    examples: ['407000000.00'],
  });

export const methodSchema = z.enum(ALLOCATION_METHODS).meta({
  id: 'AllocationMethod',
  description: 'How an oversubscribed envelope is shared: pro_rata (按比例核减), uniform_cap (统一封顶) or ranked (择优排序).',
});

export const dateSchema = isoDateSchema.meta({ description: 'A calendar date, YYYY-MM-DD.', examples: ['2021-06-30'] });

const rateInput = z.union([z.string(), z.number()]);
export const overrideValueSchema = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.strictObject({ min_intensity: rateInput, rate: rateInput })).min(1)])
  .meta({
    id: 'OverrideValue',
    description:
      'A parameter value of the parameter’s kind: an amount (`"8000000"`, `"800万"`), a rate (`"0.15"`, `"15%"`), a decimal, ' +
      'a switch (`true`, `false`, or `"true"`, `"false"`), or tiers (a list of `{min_intensity, rate}` or that list as JSON text).',
  });

const overridesDescription =
  'A reform: parameter path → value, applied for this request only. Unknown paths and values of the wrong kind are refused, naming the path.';

// --- enterprises ------------------------------------------------------------------------------

function fieldSchema(field: EnterpriseField): z.ZodType {
  const described = (schema: z.ZodType, text: string) => schema.meta({ description: `${field.zh}. ${text}` });
  switch (field.kind) {
    case 'id':
      return described(z.string().min(1).max(MAX_ID_LENGTH), `1–${MAX_ID_LENGTH} characters, unique in the request.`);
    case 'text':
      return described(z.string(), 'Free text.');
    case 'scale':
      return described(z.string(), '`above` (规上) or `below` (规下), any case.');
    case 'amount':
      return described(amountInputSchema, 'Yuan, any accepted spelling, or an exact JSON number.');
    case 'boolean':
      return described(
        z.union([z.boolean(), z.string()]),
        `true or false (also "1"/"0", "yes"/"no", "y"/"n", "是"/"否"); default ${String(field.default)}.`,
      );
    case 'credit_code':
      return described(z.string(), CREDIT_CODE_TEXT);
    case 'date':
      return described(z.string(), 'A date: `2019-11-30` (also `2019/11/30`, `2019.11.30`, `2019年11月30日`).');
  }
}

const CREDIT_CODE_TEXT =
  '统一社会信用代码: 18 characters (GB 32100-2015), the check character verified, any case, e.g. `91350100M000100Y43`.';

/** One enterprise as JSON: the fields and rules of docs/rd-incentive.md, from core's ENTERPRISE_FIELDS. */
export const enterpriseRecordSchema = z
  .strictObject(
    Object.fromEntries(
      ENTERPRISE_FIELDS.map((field) => [field.name, field.required ? fieldSchema(field) : fieldSchema(field).nullable().optional()]),
    ),
  )
  .meta({ id: 'Enterprise', description: 'One enterprise. Unknown fields are refused, so a misspelt field is never ignored.' });

// --- evaluate: request ------------------------------------------------------------------------

const evaluateShape = {
  budget: amountInputSchema.meta({ description: 'The envelope B for this evaluation, in yuan.' }),
  method: methodSchema.optional(),
  date: dateSchema.meta({ description: 'Parameters in force on this date; default: today (server time).' }).optional(),
  overrides: recordOf(z.string(), z.unknown()).optional(),
  enterprises: z.array(z.unknown()),
};

/** What the handler validates; enterprise rows and override values are then checked by the domain. */
export const evaluateBodySchema = z.strictObject(evaluateShape);

/** The same request as documented. */
export const evaluateRequestSchema = z
  .strictObject({
    ...evaluateShape,
    overrides: z.record(z.string(), overrideValueSchema).meta({ description: overridesDescription }).optional(),
    enterprises: z.array(enterpriseRecordSchema),
  })
  .meta({
    id: 'RdEvaluateRequest',
    description:
      'Evaluate the R&D incentive on these enterprises. Only `budget` and `enterprises` are required. Unknown fields are refused.',
    examples: [
      {
        budget: '20000000',
        method: 'pro_rata',
        date: '2021-06-30',
        overrides: { 'rd_incentive.increment.cap_above': '6000000' },
        enterprises: [
          { id: 'E1', scale: 'above', revenue: '300000000', rd_expense: '12000000', rd_expense_prev: '9000000', high_tech: true },
        ],
      },
    ],
  });

const flag = z.enum(['true', 'false']);

/** Which sheet of an XLSX applicants file to read. */
const sheetParamSchema = z.string().min(1).meta({
  description:
    'An XLSX applicants file (body or upload): the sheet to read; default the first visible sheet. With a CSV or JSON body it is refused (`REQUEST.MISPLACED`).',
});

/** The language of a spreadsheet answer. */
const langParamSchema = z.enum(['zh', 'en']).meta({
  description:
    'An XLSX or CSV answer’s language (headers, the 说明 / Explanations sheet, the sheet names): `zh` or `en`; default from `Accept-Language`, else `zh`.',
});

/** Query parameters of the evaluate route; `budget`, `method`, `date` and `set` only with a CSV body or upload form. */
export const evaluateQuerySchema = z.strictObject({
  async: flag
    .meta({
      description:
        '`true`: always run as a job (202 Accepted); `false`: answer now, up to the server’s SYNC_WORK_MAX (applicants × evaluations, 500,000 by default: larger is always a job); absent: a job above the server’s threshold.',
    })
    .optional(),
  totals_only: flag.meta({ description: '`true`: the result without the per-enterprise list (as `--totals-only`).' }).optional(),
  trace: z
    .enum(['full', 'compact'])
    .meta({
      description:
        'JSON answer only. `full` (default): every trace step with its rule in words and its parameters. `compact` (as `--trace compact`): each step without them, the parameters listed once as `parameters` after the totals; every figure, branch and bound stays.',
    })
    .optional(),
  sheet: sheetParamSchema.optional(),
  lang: langParamSchema.optional(),
  budget: z.string().meta({ description: 'CSV body only: the envelope in yuan, any accepted spelling.' }).optional(),
  method: methodSchema.optional(),
  date: dateSchema.optional(),
  set: z
    .union([z.string(), z.array(z.string())])
    .meta({ description: 'CSV body only, repeatable: an override `PATH=VALUE`, as `bagui evaluate --set`.' })
    .optional(),
});

/** The text fields of the multipart form (the file comes separately). */
export const evaluateFormFieldsSchema = z.strictObject({
  budget: z.string(),
  method: methodSchema.optional(),
  date: dateSchema.optional(),
  set: z.union([z.string(), z.array(z.string())]).optional(),
});

export const evaluateFormSchema = z
  .strictObject({
    enterprises: z.string().meta({
      description:
        'The enterprises file: CSV (UTF-8 or GB18030/GBK, detected) or XLSX (by its `.xlsx` name, its type or its content; `sheet=` in the query names the sheet). English or Chinese headers.',
    }),
    budget: z.string().meta({ description: 'The envelope in yuan, any accepted spelling.' }),
    method: methodSchema.optional(),
    date: dateSchema.optional(),
    set: z.array(z.string()).meta({ description: 'Repeatable: an override `PATH=VALUE`.' }).optional(),
  })
  .meta({ id: 'RdEvaluateForm', description: 'An uploaded enterprises file and the evaluation’s settings.' });

/** An XLSX workbook, as a request or an answer body. */
export const applicantsXlsxSchema = z.string().meta({
  id: 'ApplicantsXlsx',
  format: 'binary',
  description:
    'An XLSX workbook (Excel 2007 and later): the applicants in its first visible sheet, or the one `sheet=` names. Row 1 is the header ' +
    '(English or Chinese names, any order; a filled-in `bagui template` with its second header row and notes row reads as it is), then one ' +
    'row per applicant. A number cell is read as the decimal Excel shows, a formula by its cached value; a date where an amount belongs, ' +
    'an error cell, a blank row inside the table or merged cells are problems located by `sheet` and `cell`.',
});

/** A result workbook, the answer to `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`. */
export const resultXlsxSchema = z.string().meta({
  id: 'ResultXlsx',
  format: 'binary',
  description:
    'A result workbook (a download, `Content-Disposition: attachment`): a sheet per programme (each applicant’s input columns, entitlement and award; ' +
    'amounts as numbers in yuan with a yuan format; frozen header, filters, a totals row), 参数与来源 / Parameters & sources (⚠ assumptions marked), ' +
    '说明 / Explanations (each applicant’s explanation, in `lang`) and 关于 / About (engine and parameters versions, the date used, the input’s SHA-256, ' +
    'the time of the run). No cell holds a formula that could run: text starting `=`, `+`, `-`, `@`, tab or CR is a plain text cell.',
});

/** A result table as CSV, the answer to `Accept: text/csv`. */
export const resultCsvSchema = z.string().meta({
  id: 'ResultCsv',
  description:
    'The result table as CSV (a download, `Content-Disposition: attachment`), UTF-8 with a byte-order mark so that Excel shows Chinese: the ' +
    'applicants’ columns (headed in `lang`, as the readers accept them), then entitlement (应得额) and award (资助额) in yuan with two decimals. ' +
    "Text that a spreadsheet would run as a formula gets a leading apostrophe (`'=2+3`).",
});

export const csvBodySchema = z.string().meta({
  id: 'EnterprisesCsv',
  description:
    'The enterprises as CSV, in UTF-8 (with or without a byte-order mark) or GB18030/GBK: the `charset=` of the Content-Type when given, else detected. ' +
    'A header line naming the columns (English or Chinese), then one line per enterprise.',
  examples: ['id,scale,revenue,rd_expense,rd_expense_prev,high_tech\nE1,above,300000000,12000000,9000000,true\n'],
});

export const problemDetailSchema = z
  .strictObject({
    code: z.string().meta({
      description: 'Stable code of this problem, e.g. `AMOUNT.TOO_MANY_DECIMALS`, `ENTERPRISE.UNKNOWN_FIELD`, `CSV.FIELD_COUNT`.',
    }),
    message: z.string(),
    pointer: z
      .string()
      .meta({ description: 'JSON pointer into the request body, as a URI fragment: `#/enterprises/3/revenue`.' })
      .optional(),
    parameter: z.string().meta({ description: 'The query parameter or form field at fault.' }).optional(),
    path: z
      .array(z.union([z.string(), z.int()]))
      .meta({ description: 'Within the parameter: the override path and any index.' })
      .optional(),
    line: z.int().min(1).meta({ description: 'CSV: the 1-based line (the header is line 1); XLSX: the row; JSON: the line.' }).optional(),
    column: z
      .union([z.string(), z.int().min(1)])
      .meta({ description: 'CSV: the column header; JSON: the 1-based column.' })
      .optional(),
    value: z.string().meta({ description: 'The offending value as written.' }).optional(),
    sheet: z.string().meta({ description: 'XLSX: the sheet read (`line` is then its row).' }).optional(),
    cell: z.string().meta({ description: 'XLSX: the cell, with its sheet, e.g. `Sheet1!D7`.' }).optional(),
  })
  .meta({ id: 'ProblemDetail', description: 'One thing wrong with the input, and where.' });

/** A file's warnings in a JSON answer: present only when there is one, so answers without stay as they were. */
export const warningsSchema = z.array(problemDetailSchema).min(1).meta({
  description:
    'Not errors, said once: the columns of the file that the programme does not use (e.g. 序号, 备注), ignored (`CSV.IGNORED_COLUMNS`, its `value` the headers ignored). Absent when there is none; the CLI says them on stderr.',
});

// --- evaluate: response -----------------------------------------------------------------------

export const traceParameterSchema = z
  .strictObject({ path: z.string(), value: z.string(), source: z.string(), assumption: z.boolean() })
  .meta({ id: 'TraceParameter', description: 'A parameter a step used, with its value, its source and whether it is our assumption (⚠).' });

export const traceStepSchema = z
  .strictObject({
    step: z.string(),
    rule: z.string(),
    inputs: z.record(z.string(), z.string()).optional(),
    parameters: z.array(traceParameterSchema).optional(),
    branch: z.string().optional(),
    bound: z.string().optional(),
    result: z.string(),
  })
  .meta({
    id: 'TraceStep',
    description: 'One step of an award’s explanation: the rule, its inputs and parameters, the branch taken, the cap that bound.',
  });

export const compactTraceStepSchema = z
  .strictObject({
    step: z.string(),
    inputs: z.record(z.string(), z.string()).optional(),
    branch: z.string().optional(),
    bound: z.string().optional(),
    result: z.string(),
  })
  .meta({
    id: 'CompactTraceStep',
    description:
      'A step of a `trace=compact` answer: a TraceStep without its rule in words and its parameters (the answer lists those once).',
  });

export const totalsSchema = z
  .strictObject({ entitlement: amountSchema, awarded: amountSchema, unallocated: amountSchema, enterprises: z.int().min(0) })
  .meta({ id: 'Totals' });

export const evaluationSchema = z
  .strictObject({
    program: z
      .literal('rd_incentive')
      .meta({ description: 'The programme’s key as the published contract spells it; the same as `programme`.' }),
    programme: z.literal('rd_incentive'),
    budget: amountSchema,
    method: methodSchema,
    totals: totalsSchema,
    trace: z.literal('compact').meta({ description: 'Only with `trace=compact`.' }).optional(),
    parameters: z
      .array(traceParameterSchema)
      .meta({ description: 'Only with `trace=compact`: every parameter of the rule, listed once rather than in each step.' })
      .optional(),
    enterprises: z
      .array(
        z.strictObject({
          id: z.string(),
          entitlement: amountSchema,
          award: amountSchema,
          trace: z.union([z.array(traceStepSchema), z.array(compactTraceStepSchema)]),
        }),
      )
      .optional(),
    warnings: warningsSchema.optional(),
  })
  .meta({
    id: 'RdEvaluation',
    description:
      'Exactly what `bagui evaluate --format json` prints; without `enterprises` when `totals_only=true`; with `trace` and `parameters`, and compact steps, when `trace=compact`; with `warnings` (said on stderr by the CLI) only when the file has columns not used.',
  });

// --- jobs -------------------------------------------------------------------------------------

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const JOB_PHASES = ['queued', 'reading_enterprises', 'evaluating', 'done'] as const;
export const JOB_OPERATIONS = ['evaluate', 'compare', 'sweep', 'run'] as const;

export const problemSchema = z
  .strictObject({
    type: z.string(),
    title: z.string(),
    status: z.int().min(400).max(599),
    detail: z.string(),
    instance: z.string().meta({ description: 'The request’s path (absent when the request could not be parsed).' }).optional(),
    code: z.enum(PROBLEM_CODES),
    request_id: z.string(),
    errors: z.array(problemDetailSchema).optional(),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details, with a stable `code` and, for input errors, each problem and where it is.',
  });

const jobFields = {
  id: z.string(),
  operation: z.enum(JOB_OPERATIONS).meta({
    description:
      'What the job does: an evaluation, a comparison of reforms or a sweep of a programme; a run or a comparison of a scenario.',
  }),
  status: z.enum(JOB_STATES).meta({
    description:
      '`queued` (accepted, kept in the database: it runs after a restart), `running`, then `succeeded`, `failed` or `cancelled` (by DELETE).',
  }),
  progress: z.strictObject({
    phase: z.enum(JOB_PHASES),
    fraction: z.number().min(0).max(1).meta({ description: 'Share of the work done, by phase: coarse, never decreasing.' }),
  }),
  enterprises: z.int().min(0).meta({
    description:
      'Applicants in the request — enterprises for rd_incentive — (rows for CSV, counted before validation; a scenario’s records and generated counts, added up).',
  }),
  attempts: z.int().min(0).meta({
    description:
      'How many times the job was started: more than 1 when a server stopped while it ran and it was run again (by this instance after its restart, or by another).',
  }),
  created_at: z.iso.datetime(),
  started_at: z.iso.datetime().optional(),
  finished_at: z.iso.datetime().optional(),
  expires_at: z.iso
    .datetime()
    .meta({ description: 'When a finished job and its result are deleted (JOB_TTL_SECONDS after it finished); after it, 404.' })
    .optional(),
  result: z.string().meta({ description: 'Where the result is, once the job succeeded.' }).optional(),
  error: problemSchema.meta({ description: 'Why the job failed: the problem its result answers with.' }).optional(),
};

export const jobSchema = z
  .union([
    z.strictObject({
      ...jobFields,
      programme: z.enum(PROGRAMME_KEYS as [string, ...string[]]).meta({ description: 'The programme the job evaluates.' }),
    }),
    z.strictObject({ ...jobFields, scenario: z.string().meta({ description: 'The scenario the job runs or compares, by its name.' }) }),
  ])
  .meta({
    id: 'Job',
    description: 'A long evaluation, comparison, sweep or scenario run in the background: a programme’s job, or a scenario’s.',
  });

export const jobListSchema = z
  .strictObject({
    jobs: z.array(jobSchema).meta({ description: 'The key’s jobs, newest first, finished ones until they expire.' }),
    next: z.string().nullable().meta({ description: 'The `cursor` of the next page; null on the last.' }),
  })
  .meta({ id: 'JobList' });

export const jobIdParamsSchema = z.strictObject({
  id: z.string().meta({ description: 'The job’s id, from the Location header of the 202 answer.' }),
});

// --- catalogue and parameters -----------------------------------------------------------------

export const sourceSchema = z.strictObject({ citation: z.string(), title: z.string().optional() }).meta({
  id: 'Source',
  description: 'Where a value comes from: a section of the reply letter (`letter 一(一)三`), a public document, or us.',
});

export const programmeSchema = z
  .strictObject({
    id: z.string(),
    name: z.strictObject({ zh: z.string(), en: z.string() }),
    letter_citations: z.array(z.string()).meta({ description: 'The sections of the reply letter the programme rests on.' }),
    sources: z
      .array(z.strictObject({ ...sourceSchema.shape, assumption: z.boolean(), parameters: z.array(z.string()) }))
      .meta({ description: 'Every source its parameters cite, with the parameters citing it.' }),
    methods: z.array(z.string()).meta({ description: 'The envelope methods it offers, e.g. pro_rata, uniform_cap, ranked.' }),
    applicant_fields: z
      .array(
        z.strictObject({
          name: z.string().meta({ description: 'The JSON field, also accepted as a CSV header.' }),
          zh: z.string().meta({ description: 'The Chinese CSV header, also accepted.' }),
          kind: z.string().meta({ description: 'id, text, amount, boolean, decimal, count, choice (rd_incentive’s scale: scale).' }),
          required: z.boolean(),
          default: z.string().optional(),
          max: z.string().optional(),
          choices: z.array(z.strictObject({ value: z.string(), zh: z.string() })).optional(),
        }),
      )
      .meta({ description: 'The fields of its applicants (enterprises, projects, lines): what its evaluate, compare and sweep read.' }),
    links: z
      .strictObject({ parameters: z.string(), evaluate: z.string(), compare: z.string(), sweep: z.string() })
      .meta({ description: 'Its routes.' }),
  })
  .meta({ id: 'Programme' });

export const catalogueSchema = z.strictObject({ programmes: z.array(programmeSchema) }).meta({ id: 'Catalogue' });

export const tierSchema = z.strictObject({ min_intensity: z.string(), rate: z.string() }).meta({ id: 'Tier' });

export const parameterSchema = z
  .strictObject({
    path: z.string(),
    kind: z.string().meta({ description: 'The kind of value: amount, unit (rounding unit), rate, tiers, boolean.' }),
    unit: z.string(),
    label: z.strictObject({ zh: z.string(), en: z.string() }),
    value: z
      .union([z.string(), z.array(tierSchema)])
      .meta({ description: 'Amounts as yuan with two decimals, rates as decimals, tiers as a list, booleans as "true"/"false".' }),
    from: z.string().meta({ description: 'The date from which this value is in force.' }),
    source: sourceSchema,
    assumption: z.boolean().meta({ description: 'True where no public source was found: our assumption (⚠).' }),
  })
  .meta({ id: 'Parameter' });

export const parameterSetSchema = z
  .strictObject({
    program: z
      .string()
      .meta({ description: 'The programme’s key, e.g. `rd_incentive`; the same as `programme`, kept for existing clients.' }),
    programme: z.string().meta({ description: 'The programme’s key, e.g. `rd_incentive`.' }),
    date: z.string(),
    version: z.string().meta({ description: 'The parameter set’s version, also in the Bagui-Parameters-Version header.' }),
    parameters: z.array(parameterSchema),
  })
  .meta({ id: 'ParameterSet' });

export const programmeKeyParamsSchema = z.strictObject({
  key: z.string().meta({ description: `The programme’s key: ${PROGRAMME_KEYS.map((k) => `\`${k}\``).join(', ')}.` }),
});

export const parametersQuerySchema = z.strictObject({
  date: dateSchema.meta({ description: 'The date; default: today (server time).' }).optional(),
});

// --- operations -------------------------------------------------------------------------------

export const healthSchema = z
  .strictObject({ status: z.literal('ok'), engine_version: z.string(), uptime_seconds: z.number().min(0) })
  .meta({ id: 'Health' });

export const readySchema = z.strictObject({ status: z.literal('ready') }).meta({ id: 'Ready' });

// --- scenarios --------------------------------------------------------------------------------

// The list and the ids of scenarios, built-in and saved: store-schemas.ts.

/** The core's own schema of the scenario file (version 1), so that the document cannot drift from what `parseScenario` checks. */
export const scenarioFileSchema = coreScenarioFileSchema.meta({
  id: 'ScenarioFile',
  description:
    'A scenario file, version 1 (see packages/core/src/scenario/README.md): funding sources, and programmes each with an envelope, ' +
    'its split over the sources (adding up to the envelope exactly) and its applicants. Sent to run or compare, the applicants must be inline ' +
    '`records` or `generate`d: an applicants `file` is refused; a saved scenario may name files, each bound to an uploaded data set. What needs the programmes (keys, methods, reforms, amounts, the ' +
    'split) is checked by the engine, each problem with its JSON pointer.',
});

export const scenarioRunQuerySchema = z.strictObject({
  recipients: flag
    .meta({ description: '`true`: every recipient’s award and its split by source, per programme (large for a big population).' })
    .optional(),
  async: flag
    .meta({
      description:
        '`true`: run as a job (202 + `Location`); `false`: answer now, up to the server’s SYNC_WORK_MAX (applicants × evaluations, 500,000 by default: ' +
        'larger is always a job, so a million generated firms is). Default: a job when the scenario’s applicants (every programme’s `records` or ' +
        '`generate.count`, added up) pass the server’s ASYNC_THRESHOLD, or, for a comparison, applicants × (1 + reforms) pass 20 × ASYNC_THRESHOLD.',
    })
    .optional(),
  lang: langParamSchema.optional(),
});

export const scenarioCompareQuerySchema = scenarioRunQuerySchema.omit({ lang: true });

const fundingLineShape = {
  allocated: amountSchema,
  carriedIn: amountSchema.meta({ description: 'Carried over from the series’ previous entry (a scenario with `unallocated`).' }).optional(),
  awarded: amountSchema,
  unallocated: amountSchema,
  carriedOut: amountSchema.optional(),
  returned: amountSchema.optional(),
};
const labelSchema = z.strictObject({ zh: z.string(), en: z.string() });
const countSchema = z.int().min(0);
const flowSchema = z
  .strictObject({
    envelope: amountSchema,
    carriedIn: amountSchema,
    carriedFrom: z.string().optional(),
    available: amountSchema,
    commitmentsDue: amountSchema,
    commitmentsPaid: amountSchema,
    commitmentsLapsed: amountSchema,
    budget: amountSchema,
    awarded: amountSchema,
    capped: amountSchema,
    unallocated: amountSchema,
    carriedOut: amountSchema,
    carriedTo: z.string().optional(),
    returned: amountSchema,
    committedLater: amountSchema,
    cofinanced: amountSchema,
  })
  .meta({
    description:
      'How money moved through the entry: envelope + carriedIn = commitmentsPaid + awarded + unallocated; unallocated is carried out or returned. ' +
      'With years, batches, commitments, a rule for unallocated money or an enterprise cap.',
  });
const exclusionReasonSchema = z.strictObject({ kind: z.string(), reason: z.string() });

export const scenarioResultSchema = z
  .strictObject({
    scenario: z.string(),
    title: z.string(),
    date: z.string(),
    totals: z.strictObject({
      envelope: amountSchema,
      entitlement: amountSchema,
      awarded: amountSchema,
      unallocated: amountSchema,
      recipients: countSchema.meta({ description: 'Every applicant of every programme (as before: paid or not).' }),
      applicants: countSchema,
      paid: countSchema.meta({ description: 'Applicants paid something.' }),
      excluded: countSchema.meta({ description: 'With an exclusion list: applicants it excluded.' }).optional(),
      basis: z
        .strictObject({ letter: amountSchema, public: amountSchema, assumption: amountSchema })
        .meta({ description: 'The envelopes by whose money they are: the letter’s, a public figure from elsewhere, our assumption.' }),
    }),
    programmes: z.array(
      z.strictObject({
        id: z.string(),
        programme: z.string(),
        label: labelSchema,
        citation: z.string(),
        basis: z.enum(['letter', 'public', 'assumption']),
        assumptions: z.array(z.string()).meta({ description: '⚠ Modelling choices no source gives, with their reasons.' }).optional(),
        date: z.string(),
        method: z.string(),
        parametersVersion: z.string(),
        envelope: amountSchema,
        year: z.int().optional(),
        batch: z.int().optional(),
        paidOn: z.string().optional(),
        series: z.string().optional(),
        totals: z.strictObject({
          entitlement: amountSchema,
          awarded: amountSchema,
          unallocated: amountSchema,
          recipients: countSchema,
          applicants: countSchema,
          paid: countSchema,
          excluded: countSchema.optional(),
        }),
        flow: flowSchema.optional(),
        funding: z.array(z.strictObject({ source: z.string(), ...fundingLineShape })),
        cofinancing: z
          .strictObject({
            regionalShare: z.string().meta({ description: 'The region’s (区本级) share of each recipient’s support.' }),
            cityShares: z.record(z.string(), z.string()).meta({ description: 'A city’s own regional share, where it differs.' }).optional(),
            citation: z.string(),
            regional: amountSchema.meta({ description: 'What the entry paid (区本级).' }),
            cities: amountSchema.meta({ description: 'What the recipients’ cities added on top (市县).' }),
            total: amountSchema,
          })
          .optional(),
        excluded: z
          .array(
            z.strictObject({
              id: z.string(),
              creditCode: z.string().optional(),
              ...exclusionReasonSchema.shape,
              citation: z.string().optional(),
            }),
          )
          .meta({ description: 'With an exclusion list: every applicant it excluded, with why (entitlement 0).' })
          .optional(),
        eligibilityNotes: z
          .array(z.strictObject({ id: z.string(), note: z.string() }))
          .meta({
            description: 'Applicants whose claim the programme’s date changed: a 高企 or 瞪羚 certificate that does not count on it.',
          })
          .optional(),
        commitments: z
          .array(
            z.strictObject({
              from: z.string(),
              id: z.string(),
              creditCode: z.string().optional(),
              city: z.string().optional(),
              due: amountSchema,
              paid: amountSchema,
              lapsed: exclusionReasonSchema.optional(),
              cityShare: amountSchema.optional(),
              sources: z.record(z.string(), amountSchema).optional(),
            }),
          )
          .meta({ description: 'Commitments of earlier entries paid first by this one (or lapsed, with why).' })
          .optional(),
        recipients: z
          .array(
            z.strictObject({
              id: z.string(),
              creditCode: z.string().optional(),
              entitlement: amountSchema,
              award: amountSchema,
              capped: amountSchema.optional(),
              cityShare: amountSchema.optional(),
              excluded: exclusionReasonSchema.optional(),
              sources: z.record(z.string(), amountSchema),
            }),
          )
          .meta({ description: 'With `recipients=true`: each recipient’s award, split by source (each split adds up to the award).' })
          .optional(),
      }),
    ),
    sources: z.array(
      z.strictObject({
        key: z.string(),
        label: labelSchema,
        citation: z.string(),
        ...fundingLineShape,
        carriedBeyond: amountSchema.optional(),
        programmes: z.array(z.strictObject({ programme: z.string(), ...fundingLineShape })),
      }),
    ),
    cities: z
      .array(
        z.strictObject({
          city: z.string().nullable(),
          applicants: countSchema,
          paid: countSchema,
          awarded: amountSchema,
          cofinanced: amountSchema.optional(),
          programmes: z.array(
            z.strictObject({
              id: z.string(),
              applicants: countSchema,
              paid: countSchema,
              awarded: amountSchema,
              cofinanced: amountSchema.optional(),
            }),
          ),
        }),
      )
      .meta({ description: 'Per city (所属城市; null: none given), every programme.' }),
    years: z
      .array(
        z.strictObject({
          year: z.int(),
          programmes: z.array(z.string()),
          envelope: amountSchema,
          carriedIn: amountSchema,
          commitmentsDue: amountSchema,
          commitmentsPaid: amountSchema,
          commitmentsLapsed: amountSchema,
          awarded: amountSchema,
          capped: amountSchema,
          unallocated: amountSchema,
          carriedOut: amountSchema,
          returned: amountSchema,
          committedLater: amountSchema,
          cofinanced: amountSchema,
          outstanding: amountSchema,
        }),
      )
      .meta({ description: 'A ledger per year, for a scenario with years, batches, commitments or a rule for unallocated money.' })
      .optional(),
    outstanding: z
      .array(
        z.strictObject({
          year: z.int(),
          series: z.string(),
          from: z.string(),
          id: z.string(),
          creditCode: z.string().optional(),
          amount: amountSchema,
        }),
      )
      .optional(),
    enterprises: z
      .strictObject({
        cap: z.strictObject({ amount: amountSchema, order: z.array(z.string()), citation: z.string() }).optional(),
        list: z.array(
          z.strictObject({
            creditCode: z.string(),
            year: z.int(),
            total: amountSchema,
            capped: amountSchema,
            programmes: z.array(
              z.strictObject({
                id: z.string(),
                applicant: z.string(),
                award: amountSchema,
                capped: amountSchema.optional(),
                commitment: z.boolean().optional(),
              }),
            ),
          }),
        ),
      })
      .meta({
        description: 'Per enterprise (统一社会信用代码) and year, over every programme; the enterprise cap when the scenario has one.',
      })
      .optional(),
    levels: z
      .strictObject({
        regional: amountSchema,
        cities: amountSchema,
        total: amountSchema,
        byCity: z.array(z.strictObject({ city: z.string(), amount: amountSchema })),
        programmes: z.array(z.strictObject({ id: z.string(), regional: amountSchema, cities: amountSchema })),
      })
      .meta({ description: 'The ledger per level of government (区本级 / 市县), when a programme is co-financed.' })
      .optional(),
    exclusions: z
      .array(
        z.strictObject({
          creditCode: z.string().optional(),
          id: z.string().optional(),
          name: z.string().optional(),
          kind: z.string(),
          reason: z.string(),
          programmes: z.array(z.string()).optional(),
          from: z.string().optional(),
          until: z.string().optional(),
          citation: z.string().optional(),
          matched: z.array(z.strictObject({ programme: z.string(), applicant: z.string(), commitment: z.boolean().optional() })),
        }),
      )
      .meta({ description: 'The exclusion list, each entry with whom it excluded (an empty list: no one).' })
      .optional(),
  })
  .meta({
    id: 'ScenarioResult',
    description:
      'Exactly what `bagui run --format json` prints: per-programme totals and funding lines, and the ledger by source, balanced to the fen.',
  });

// --- every programme: evaluate, compare, sweep ------------------------------------------------

/** The envelope, method, date and reform of one evaluation: what every programme route takes. */
const baselineShape = {
  budget: amountInputSchema.meta({ description: 'The envelope B, in yuan.' }),
  method: methodSchema.optional(),
  date: dateSchema.meta({ description: 'Parameters in force on this date; default: today (server time).' }).optional(),
  overrides: recordOf(z.string(), z.unknown()).optional(),
};

/** What the handlers check; override values, reforms and axis values are then checked by the domain. */
export const evaluateSettingsSchema = z.strictObject(baselineShape);

export const compareSettingsSchema = z.strictObject({
  ...baselineShape,
  reforms: z.array(z.unknown()).optional(),
  methods: z.array(methodSchema).min(1).optional(),
  threshold: amountInputSchema.optional(),
  bands: z.array(amountInputSchema).min(1).optional(),
});

const stepValue = z.union([z.string(), z.number()]);
const axisShape = {
  path: z.string().min(1),
  from: stepValue.optional(),
  to: stepValue.optional(),
  step: stepValue.optional(),
  values: z.array(stepValue).min(1).optional(),
};

export const sweepSettingsSchema = z.strictObject({
  ...baselineShape,
  ...axisShape,
  grid: z.strictObject(axisShape).optional(),
  metrics: z.boolean().optional(),
});

/** Query parameters of the compare route that are not settings. */
export const compareQuerySchema = z.strictObject({
  async: flag
    .meta({
      description:
        '`true`: always run as a job (202 Accepted); `false`: answer now, up to the server’s SYNC_WORK_MAX (applicants × evaluations, 500,000 by default: larger is always a job); absent: a job above the server’s threshold.',
    })
    .optional(),
  recipients: flag
    .meta({ description: '`true`: every applicant’s change of entitlement and award, per reform (large for a big population).' })
    .optional(),
});

export const asyncQuerySchema = compareQuerySchema.pick({ async: true });

export const evaluateAnyQuerySchema = evaluateQuerySchema.pick({ async: true, totals_only: true, lang: true });

export const reformSchema = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'The reform’s name: results are labelled with it; unique in a request.' }),
    description: z.string().optional(),
    layers: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          overrides: z.array(z.strictObject({ path: z.string(), value: overrideValueSchema, from: dateSchema.optional() })),
        }),
      )
      .meta({ description: 'Named layers, stacked in order; two layers that set the same parameter are a `REFORM.CONFLICT`.' })
      .optional(),
    overrides: z
      .array(z.strictObject({ path: z.string(), value: overrideValueSchema, from: dateSchema.optional() }))
      .meta({ description: 'One more layer, after `layers`, named after the reform. `from`: in force from that date only.' })
      .optional(),
  })
  .meta({
    id: 'Reform',
    description:
      'A reform file, as `bagui compare --reform FILE.json` reads it: parameter changes applied on top of the baseline’s parameters.',
    examples: [
      {
        name: 'cap-800',
        description: '规上企业增量奖励封顶提高到800万',
        overrides: [{ path: 'rd_incentive.increment.cap_above', value: '800万' }],
      },
    ],
  });

const overridesMap = z.record(z.string(), overrideValueSchema).meta({ description: overridesDescription });

const axisDocShape = {
  path: z
    .string()
    .min(1)
    .meta({ description: 'The parameter to sweep (an amount, rate or decimal parameter of the programme), or `budget` for the envelope.' }),
  from: stepValue.meta({ description: 'First value of the range (with `to` and `step`).' }).optional(),
  to: stepValue.meta({ description: 'Last value: included when a step lands on it.' }).optional(),
  step: stepValue.meta({ description: 'The step: value k is exactly from + k × step.' }).optional(),
  values: z.array(stepValue).min(1).meta({ description: 'Instead of a range: the values, in order.' }).optional(),
};

const PASCAL = (key: string): string => key.replace(/(?:^|_)(\w)/gu, (_m, c: string) => c.toUpperCase());

/** How the records of a programme are called in its requests: `enterprises` for rd_incentive (the contract), else `applicants`. */
export const recordsField = (programme: Programme): 'enterprises' | 'applicants' =>
  programme.key === 'rd_incentive' ? 'enterprises' : 'applicants';
/** How the recipients are counted in its results: `enterprises` for rd_incentive, as `bagui evaluate` prints. */
export const countField = (programme: Programme): 'enterprises' | 'recipients' =>
  programme.key === 'rd_incentive' ? 'enterprises' : 'recipients';

const memo = new Map<string, z.ZodType>();
function once<T extends z.ZodType>(key: string, make: () => T): T {
  const known = memo.get(key);
  if (known !== undefined) return known as T;
  const made = make();
  memo.set(key, made);
  return made;
}

function applicantFieldSchema(field: ApplicantFieldInfo): z.ZodType {
  const text = (() => {
    switch (field.kind) {
      case 'id':
        return `1–${MAX_ID_LENGTH} characters, unique in the request.`;
      case 'amount':
        return 'Yuan, any accepted spelling, or an exact JSON number.';
      case 'boolean':
        return `true or false (also "1"/"0", "yes"/"no", "是"/"否")${field.default === undefined ? '' : `; default ${field.default}`}.`;
      case 'count':
        return 'A whole number ≥ 0.';
      case 'decimal':
        return `A decimal from 0${field.max === undefined ? '' : ` to ${field.max}`}.`;
      case 'choice':
        return `One of ${(field.choices ?? []).map((c) => `\`${c.value}\` (${c.zh})`).join(', ')}.`;
      case 'scale':
        return '`above` (规上) or `below` (规下), any case.';
      case 'credit_code':
        return CREDIT_CODE_TEXT;
      default:
        return 'Free text.';
    }
  })();
  const schema =
    field.kind === 'amount' || field.kind === 'count' || field.kind === 'decimal'
      ? z.union([z.string(), z.number()])
      : field.kind === 'boolean'
        ? z.union([z.boolean(), z.string()])
        : field.kind === 'id'
          ? z.string().min(1).max(MAX_ID_LENGTH)
          : z.string();
  return schema.meta({ description: `${field.zh}. ${text}` });
}

/** One applicant of a programme as JSON, from the programme's own field table. */
function applicantSchema(programme: Programme): z.ZodType {
  if (programme.key === 'rd_incentive') return enterpriseRecordSchema;
  return once(`applicant ${programme.key}`, () =>
    z
      .strictObject(
        Object.fromEntries(
          programme.applicantFields.map((f) => [
            f.name,
            f.required ? applicantFieldSchema(f) : applicantFieldSchema(f).nullable().optional(),
          ]),
        ),
      )
      .meta({
        id: `${PASCAL(programme.key)}Applicant`,
        description: `One ${programme.applicantNoun} of ${programme.key} (${programme.label.zh}). Unknown fields are refused.`,
      }),
  );
}

function applicantsCsvSchema(programme: Programme): z.ZodType {
  if (programme.key === 'rd_incentive') return csvBodySchema;
  const header = programme.applicantFields.map((f) => f.name).join(',');
  return z.string().meta({
    id: `${PASCAL(programme.key)}ApplicantsCsv`,
    description:
      `The ${programme.applicantNoun}s of ${programme.key} as CSV (UTF-8, or GB18030/GBK by its charset or detected): a header naming the columns (English or Chinese: ` +
      `${programme.applicantFields.map((f) => `${f.name}/${f.zh}`).join(', ')}), then one line per ${programme.applicantNoun}.`,
    examples: [`${header}\n`],
  });
}

/** The documented JSON request of a programme route: the settings and the applicants. */
export function programmeRequestSchema(programme: Programme, operation: 'evaluate' | 'compare' | 'sweep'): z.ZodType {
  return once(`request ${programme.key} ${operation}`, () => {
    const records = { [recordsField(programme)]: z.array(applicantSchema(programme)) };
    const base = { ...baselineShape, overrides: overridesMap.optional() };
    const id = `${PASCAL(programme.key)}${PASCAL(operation)}Request`;
    if (operation === 'evaluate') {
      return z.strictObject({ ...base, ...records }).meta({
        id,
        description: `Evaluate ${programme.key} on these ${programme.applicantNoun}s. Only \`budget\` and \`${recordsField(programme)}\` are required.`,
      });
    }
    if (operation === 'compare') {
      return z
        .strictObject({
          ...base,
          reforms: z
            .array(reformSchema)
            .meta({ description: 'The reforms, each compared with the baseline (`budget`, `method`, `date`, `overrides`).' })
            .optional(),
          methods: z
            .array(methodSchema)
            .min(1)
            .meta({ description: 'Also share the envelope by each of these methods, for the baseline and every reform.' })
            .optional(),
          threshold: amountInputSchema.meta({ description: 'A change of at most this much counts as unchanged; default 0.' }).optional(),
          bands: z
            .array(amountInputSchema)
            .min(1)
            .meta({ description: 'Positive edges of the bands of change, ascending; default 1万, 10万, 100万.' })
            .optional(),
          ...records,
        })
        .meta({
          id,
          description: `Compare reforms of ${programme.key} with a baseline, on one population. Give \`reforms\`, \`methods\` or both.`,
        });
    }
    return z
      .strictObject({
        ...base,
        ...axisDocShape,
        grid: z
          .strictObject(axisDocShape)
          .meta({ description: 'A second parameter: every combination of the two (the first outermost).' })
          .optional(),
        metrics: z
          .boolean()
          .meta({ description: 'Add each point’s figures (funded, capped, mean and median award) and its breakdown by every group.' })
          .optional(),
        ...records,
      })
      .meta({ id, description: `Evaluate ${programme.key} at every value of one parameter (or of two), on one population read once.` });
  });
}

/** What `set` means for a compare, as for `bagui compare --set`. */
const SET_REFORM_DESCRIPTION =
  'repeatable, `PATH=VALUE`: as `bagui compare --set`, one more reform (after the `reform` ones) named `--set`, made of these overrides; the baseline is the parameters in force on the date.';

export function programmeFormSchema(programme: Programme, operation: 'evaluate' | 'compare' | 'sweep'): z.ZodType {
  return once(`form ${programme.key} ${operation}`, () => {
    const records = recordsField(programme);
    const common = {
      [records]: z.string().meta({
        description: `The ${programme.applicantNoun}s file: CSV (UTF-8 or GB18030/GBK, detected) or XLSX (\`sheet=\` in the query names the sheet); English or Chinese headers.`,
      }),
      budget: z.string().meta({ description: 'The envelope in yuan, any accepted spelling.' }),
      method: methodSchema.optional(),
      date: dateSchema.optional(),
      set: z
        .array(z.string())
        .meta({ description: operation === 'compare' ? SET_REFORM_DESCRIPTION : 'Repeatable: an override of the baseline, `PATH=VALUE`.' })
        .optional(),
    };
    const extra =
      operation === 'compare'
        ? {
            reform: z
              .array(z.string())
              .meta({ description: 'Repeatable: a reform file’s JSON text (`-F "reform=<cap-800.json"`).' })
              .optional(),
            methods: z.string().meta({ description: 'Envelope methods to compare, comma-separated.' }).optional(),
            threshold: z.string().optional(),
            band: z.array(z.string()).meta({ description: 'Repeatable: an edge of the bands of change.' }).optional(),
          }
        : operation === 'sweep'
          ? {
              path: z.string(),
              from: z.string().optional(),
              to: z.string().optional(),
              step: z.string().optional(),
              value: z.array(z.string()).meta({ description: 'Repeatable, instead of a range: a value to try.' }).optional(),
              grid: z.string().meta({ description: 'A second parameter: `PATH=FROM:TO:STEP`.' }).optional(),
              metrics: flag.optional(),
            }
          : {};
    return z.strictObject({ ...common, ...extra }).meta({
      id: `${PASCAL(programme.key)}${PASCAL(operation)}Form`,
      description: 'An uploaded applicants file and the settings, as form fields.',
    });
  });
}

export function programmeCsvSchema(programme: Programme): z.ZodType {
  return once(`csv ${programme.key}`, () => applicantsCsvSchema(programme));
}

/** The query string of a programme route with a CSV body: the settings as `bagui` options. */
export function programmeQuerySchema(operation: 'evaluate' | 'compare' | 'sweep'): z.ZodObject {
  const control =
    operation === 'compare' ? compareQuerySchema.shape : operation === 'sweep' ? asyncQuerySchema.shape : evaluateAnyQuerySchema.shape;
  const csvOnly = (text: string) => `CSV body only: ${text}`;
  const settings = {
    budget: z
      .string()
      .meta({ description: csvOnly('the envelope in yuan, any accepted spelling.') })
      .optional(),
    method: methodSchema.optional(),
    date: dateSchema.optional(),
    set: z
      .union([z.string(), z.array(z.string())])
      .meta({
        description: csvOnly(
          operation === 'compare'
            ? SET_REFORM_DESCRIPTION
            : 'repeatable, an override of the baseline `PATH=VALUE`, as `bagui evaluate --set`.',
        ),
      })
      .optional(),
  };
  const extra =
    operation === 'compare'
      ? {
          reform: z
            .union([z.string(), z.array(z.string())])
            .meta({ description: csvOnly('repeatable, a reform file’s JSON text (URL-encoded).') })
            .optional(),
          methods: z
            .string()
            .meta({ description: csvOnly('envelope methods to compare, comma-separated, e.g. `pro_rata,uniform_cap,ranked`.') })
            .optional(),
          threshold: z
            .string()
            .meta({ description: csvOnly('a change of at most this much counts as unchanged.') })
            .optional(),
          band: z
            .union([z.string(), z.array(z.string())])
            .meta({ description: csvOnly('repeatable, an edge of the bands of change.') })
            .optional(),
        }
      : operation === 'sweep'
        ? {
            path: z
              .string()
              .meta({ description: csvOnly('the parameter to sweep, or `budget`.') })
              .optional(),
            from: z.string().optional(),
            to: z.string().optional(),
            step: z.string().optional(),
            value: z
              .union([z.string(), z.array(z.string())])
              .meta({ description: csvOnly('repeatable, a value to try instead of a range.') })
              .optional(),
            grid: z
              .string()
              .meta({ description: csvOnly('a second parameter, `PATH=FROM:TO:STEP`.') })
              .optional(),
            metrics: flag.meta({ description: csvOnly('`true` adds each point’s figures and groups.') }).optional(),
          }
        : {};
  return z.strictObject({ ...control, sheet: sheetParamSchema.optional(), ...settings, ...extra });
}

// --- every programme: results -----------------------------------------------------------------

const labelZhEn = z.strictObject({ zh: z.string(), en: z.string() });
const nullableAmount = z.union([amountSchema, z.null()]);
const figures = z.strictObject({ entitlement: amountSchema, awarded: amountSchema });

function totalsWith(count: string): z.ZodType {
  return z.strictObject({ entitlement: amountSchema, awarded: amountSchema, unallocated: amountSchema, [count]: z.int().min(0) });
}

export function programmeEvaluationSchema(): z.ZodType {
  return once('evaluation', () =>
    z
      .strictObject({
        program: z.string().meta({ description: 'The programme’s key as the evaluate contract spells it; the same as `programme`.' }),
        programme: z.string(),
        budget: amountSchema,
        method: methodSchema,
        totals: totalsWith('recipients'),
        recipients: z
          .array(z.strictObject({ id: z.string(), entitlement: amountSchema, award: amountSchema, trace: z.array(traceStepSchema) }))
          .meta({
            description: 'Every applicant, in input order: entitlement, award and the trace of both. Absent with `totals_only=true`.',
          })
          .optional(),
        warnings: warningsSchema.optional(),
      })
      .meta({
        id: 'ProgrammeEvaluation',
        description: 'The outcome of any programme but rd_incentive: rd_incentive’s contract shape, with `recipients` for its applicants.',
      }),
  );
}

/** A comparison as `bagui compare … --format json` prints it; `count` names the recipients (`enterprises` for rd_incentive). */
/** The diff of one population's outcomes under a baseline and a reform (core `diffJson`): in a programme comparison and per programme of a scenario's. */
function diffShape(count: 'enterprises' | 'recipients') {
  const totals = totalsWith(count);
  const band = { label: labelZhEn, from: nullableAmount, to: nullableAmount };
  const movement = z.strictObject({ winners: z.int().min(0), losers: z.int().min(0), unchanged: z.int().min(0) });
  return {
    totals: z.strictObject({
      baseline: totals,
      reform: totals,
      change: z.strictObject({ entitlement: amountSchema, awarded: amountSchema, unallocated: amountSchema }),
    }),
    threshold: amountSchema,
    awards: movement,
    entitlements: movement,
    bands: z.array(z.strictObject({ ...band, [count]: z.int().min(0), change: amountSchema })),
    groups: z.record(
      z.string(),
      z.array(
        z.strictObject({
          value: z.union([z.string(), z.null()]),
          [count]: z.int().min(0),
          baseline: figures,
          reform: figures,
          change: figures,
          winners: z.int().min(0),
          losers: z.int().min(0),
        }),
      ),
    ),
    caps: z.array(z.strictObject({ path: z.string(), baseline: z.int().min(0), reform: z.int().min(0) })),
    [count]: z
      .array(z.strictObject({ id: z.string(), entitlementChange: amountSchema, awardChange: amountSchema }))
      .meta({ description: 'With `recipients=true`: each applicant’s changes.' })
      .optional(),
  };
}

export function comparisonSchema(count: 'enterprises' | 'recipients'): z.ZodType {
  return once(`comparison ${count}`, () => {
    const totals = totalsWith(count);
    const band = { label: labelZhEn, from: nullableAmount, to: nullableAmount };
    const change = z.strictObject({
      path: z.string(),
      label: labelZhEn,
      baseline: z.string(),
      reform: z.string(),
      from: z.string().optional(),
      inForce: z.boolean().optional(),
      layer: z.string(),
      source: z.string(),
      assumption: z.boolean(),
    });
    const reform = z.strictObject({
      name: z.string(),
      description: z.string().optional(),
      hash: z.string().meta({ description: 'Hash of the reform’s overrides: renaming it keeps it.' }),
      key: z.string().meta({ description: '`hash@engine version`: what the reform’s results are keyed by.' }),
      layers: z.array(z.string()),
      overrides: z.array(z.strictObject({ path: z.string(), value: z.string(), from: z.string().optional() })),
      summary: z
        .strictObject({ zh: z.array(z.string()), en: z.array(z.string()) })
        .meta({ description: 'The reform in plain words, before any figure.' }),
      changes: z.array(change),
      parametersVersion: z.string(),
      ...diffShape(count),
    });
    const methods = z.strictObject({
      variant: z.string(),
      noEntitlement: z.int().min(0),
      methods: z.array(
        z.strictObject({
          method: z.string(),
          totals,
          bands: z.array(
            z.strictObject({
              ...band,
              [count]: z.int().min(0),
              entitlement: amountSchema,
              awarded: amountSchema,
              share: z.union([z.string(), z.null()]),
              minShare: z.union([z.string(), z.null()]),
              fullyFunded: z.int().min(0),
              unfunded: z.int().min(0),
            }),
          ),
        }),
      ),
    });
    return z
      .strictObject({
        programme: z.string(),
        date: z.string(),
        budget: amountSchema,
        method: methodSchema,
        engineVersion: z.string(),
        baseline: z.strictObject({ key: z.string(), parametersVersion: z.string(), totals }),
        reforms: z.array(reform),
        methods: z.array(methods),
        warnings: warningsSchema.optional(),
      })
      .meta({
        id: count === 'enterprises' ? 'RdComparison' : 'Comparison',
        description: `Exactly what \`bagui compare … --format json\` prints${count === 'enterprises' ? ' for rd_incentive' : ''}: per reform its plain-language summary, the change of totals, winners and losers, bands of change, groups and caps; the envelope methods compared.`,
      });
  });
}

/** A sweep as `bagui sweep … --format json [--metrics]` prints it. */
export function sweepSchema(count: 'enterprises' | 'recipients'): z.ZodType {
  return once(`sweep ${count}`, () => {
    const metrics = {
      [count]: z.int().min(0),
      entitlement: amountSchema,
      cost: amountSchema,
      funded: z.int().min(0),
      capped: z.int().min(0),
      meanAward: amountSchema,
      medianAward: amountSchema,
    };
    return z
      .strictObject({
        path: z.string(),
        grid: z.string().optional(),
        points: z.array(
          z.strictObject({
            value: z.string(),
            grid: z.string().optional(),
            totals: totalsWith(count),
            metrics: z
              .strictObject({
                ...metrics,
                unallocated: amountSchema,
                groups: z.record(z.string(), z.array(z.strictObject({ value: z.union([z.string(), z.null()]), ...metrics }))),
              })
              .meta({
                description:
                  'With `metrics`: funded and capped counts, mean and median award (of the funded), and the same by every group.',
              })
              .optional(),
          }),
        ),
        warnings: warningsSchema.optional(),
      })
      .meta({
        id: count === 'enterprises' ? 'RdSweep' : 'Sweep',
        description: 'Exactly what `bagui sweep … --format json` prints: the totals at every point, in order.',
      });
  });
}

// --- scenarios: compare -----------------------------------------------------------------------

const scenarioCompareShape = {
  baseline: z.unknown(),
  reforms: z.array(z.unknown()).min(1),
  threshold: amountInputSchema.optional(),
  bands: z.array(amountInputSchema).min(1).optional(),
};

/** What the handler checks; the scenario and the reforms are then checked by the engine. */
export const scenarioCompareBodySchema = z.strictObject(scenarioCompareShape);

export const scenarioCompareRequestSchema = z
  .strictObject({
    baseline: z
      .union([
        z
          .string()
          .meta({ description: 'A built-in scenario’s name, e.g. `guangxi-2021`, or a saved scenario’s id (`s_…`, a viewer key).' }),
        z.strictObject({ id: z.string(), revision: z.int().min(1).optional() }).meta({
          description: 'A saved scenario’s revision (a viewer key): its current one when `revision` is absent.',
        }),
        scenarioFileSchema,
      ])
      .meta({
        description:
          'The scenario the reforms are applied to: a built-in one by name, a saved one (or one of its revisions, reading its data sets), or a scenario file (applicants inline).',
      }),
    reforms: z.array(reformSchema).min(1).meta({
      description:
        'Reforms of any programme’s parameters; each is applied to every programme of the scenario it sets parameters of (a reform of a programme the scenario does not fund is refused).',
    }),
    threshold: amountInputSchema.meta({ description: 'A change of at most this much counts as unchanged; default 0.' }).optional(),
    bands: z
      .array(amountInputSchema)
      .min(1)
      .meta({ description: 'Positive edges of the bands of change, ascending; default 1万, 10万, 100万.' })
      .optional(),
  })
  .meta({ id: 'ScenarioCompareRequest', description: 'Compare reforms on a whole scenario: cost by programme and by funding source.' });

const amountsOf = (...keys: string[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, amountSchema])));

export const scenarioComparisonSchema = z
  .strictObject({
    scenario: z.strictObject({ name: z.string(), title: z.string(), hash: z.string(), key: z.string() }),
    engineVersion: z.string(),
    baseline: z.strictObject({
      totals: amountsOf('envelope', 'entitlement', 'awarded', 'unallocated').extend({
        applicants: z.int().min(0),
        paid: z.int().min(0).meta({ description: 'Applicants paid something.' }),
      }),
    }),
    reforms: z.array(
      z.strictObject({
        name: z.string(),
        description: z.string().optional(),
        hash: z.string(),
        key: z.string(),
        layers: z.array(z.string()),
        overrides: z.array(z.strictObject({ path: z.string(), value: z.string(), from: z.string().optional() })),
        totals: z.strictObject({
          change: amountsOf('entitlement', 'awarded', 'unallocated'),
          paid: z.int().min(0).meta({ description: 'Applicants paid something under the reform.' }),
        }),
        sources: z.array(
          z.strictObject({
            key: z.string(),
            baseline: amountsOf('awarded', 'unallocated'),
            reform: amountsOf('awarded', 'unallocated'),
            change: amountsOf('awarded', 'unallocated'),
          }),
        ),
        programmes: z.array(
          z.strictObject({
            id: z.string(),
            programme: z.string(),
            summary: z.strictObject({ zh: z.array(z.string()), en: z.array(z.string()) }),
            ...diffShape('recipients'),
          }),
        ),
      }),
    ),
  })
  .meta({
    id: 'ScenarioComparison',
    description:
      'Exactly what `bagui compare --baseline SCENARIO --reform … --format json` prints: per reform the change of cost by programme and by funding source, and each programme’s diff (as in a programme comparison, counted in `recipients`).',
  });
