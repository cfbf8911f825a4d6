import { z } from 'zod';
import { amountSchema, methodSchema } from './common.js';
import { traceStepSchema, warningsSchema } from './evaluate.js';
import { once } from './programme-analysis.js';

/** Every programme's results: an evaluation, a comparison and a sweep, as `bagui … --format json` prints them. */

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
export function diffShape(count: 'enterprises' | 'recipients') {
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
