import { z } from 'zod';
import { amountInputSchema, amountSchema } from './common.js';
import { changeBandsDocShape, reformSchema } from './programme-analysis.js';
import { diffShape } from './programme-results.js';
import { scenarioFileSchema } from './scenarios.js';

/** Comparing a scenario under reforms: the request and the comparison. */

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
    ...changeBandsDocShape,
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
