import { scenarioFileSchema as coreScenarioFileSchema } from '@bagui/core/scenario';
import { z } from 'zod';
import { amountSchema } from './common.js';
import { flag, langParamSchema } from './evaluate.js';

/** Scenarios: the scenario file, running one, and its result. */

// The list and the ids of scenarios, built-in and saved: saved-scenarios.ts.

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
