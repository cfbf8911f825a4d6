import { recordOf } from '@bagui/core/json';
import { ENTERPRISE_FIELDS, MAX_ID_LENGTH, type EnterpriseField } from '@bagui/core/programmes/rd-incentive';
import { z } from 'zod';
import { amountInputSchema, amountSchema, dateSchema, methodSchema, overrideValueSchema, overridesDescription } from './common.js';

/** `POST /v1/programmes/rd_incentive/evaluate`, the contract: enterprises, request, query, form, files, problem details and the evaluation. */

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

export const CREDIT_CODE_TEXT =
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

export const flag = z.enum(['true', 'false']);

/** Which sheet of an XLSX applicants file to read. */
export const sheetParamSchema = z.string().min(1).meta({
  description:
    'An XLSX applicants file (body or upload): the sheet to read; default the first visible sheet. With a CSV or JSON body it is refused (`REQUEST.MISPLACED`).',
});

/** The language of a spreadsheet answer. */
export const langParamSchema = z.enum(['zh', 'en']).meta({
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

/** @public names the OpenAPI component TraceParameter (src/schemas/ names every component of the document). */
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

/** @public names the OpenAPI component CompactTraceStep (src/schemas/ names every component of the document). */
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

/** @public names the OpenAPI component Totals (src/schemas/ names every component of the document). */
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
