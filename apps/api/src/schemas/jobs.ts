import { PROGRAMME_KEYS } from '@bagui/core/programmes';
import { z } from 'zod';
import { cursor, pageSize } from './common.js';
import { problemSchema } from './problems.js';

/** Jobs: a long evaluation run in the background, and the list of them. */

const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const JOB_PHASES = ['queued', 'reading_enterprises', 'evaluating', 'done'] as const;
export const JOB_OPERATIONS = ['evaluate', 'compare', 'sweep', 'run'] as const;

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

export const jobListQuerySchema = z.strictObject({ cursor: cursor.optional(), limit: pageSize.optional() });
