import { PROGRAMME_KEYS } from '@bagui/core/programmes';
import { z } from 'zod';
import { dateSchema } from './common.js';

/** The catalogue of programmes and their parameter sets. */

/** @public names the OpenAPI component Source (src/schemas/ names every component of the document). */
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

/** @public names the OpenAPI component Tier (src/schemas/ names every component of the document). */
export const tierSchema = z.strictObject({ min_intensity: z.string(), rate: z.string() }).meta({ id: 'Tier' });

/** @public names the OpenAPI component Parameter (src/schemas/ names every component of the document). */
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
