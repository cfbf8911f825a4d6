import { recordOf } from '@bagui/core/json';
import { type ApplicantFieldInfo, type Programme } from '@bagui/core/programmes';
import { MAX_ID_LENGTH } from '@bagui/core/programmes/rd-incentive';
import { z } from 'zod';
import { amountInputSchema, dateSchema, methodSchema, overrideValueSchema, overridesDescription } from './common.js';
import { CREDIT_CODE_TEXT, csvBodySchema, enterpriseRecordSchema, evaluateQuerySchema, flag, sheetParamSchema } from './evaluate.js';

/** Every programme's evaluate, compare and sweep: settings, reforms and the documented requests, forms, CSV bodies and query strings. */

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
const compareQuerySchema = z.strictObject({
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

const asyncQuerySchema = compareQuerySchema.pick({ async: true });

const evaluateAnyQuerySchema = evaluateQuerySchema.pick({ async: true, totals_only: true, lang: true });

/** A comparison's bands of change as documented, in a programme's compare and a scenario's. */
export const changeBandsDocShape = {
  threshold: amountInputSchema.meta({ description: 'A change of at most this much counts as unchanged; default 0.' }).optional(),
  bands: z
    .array(amountInputSchema)
    .min(1)
    .meta({ description: 'Positive edges of the bands of change, ascending; default 1万, 10万, 100万.' })
    .optional(),
};

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
export function once<T extends z.ZodType>(key: string, make: () => T): T {
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
          ...changeBandsDocShape,
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
