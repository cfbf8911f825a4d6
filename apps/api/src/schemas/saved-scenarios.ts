import { z } from 'zod';
import { cursor, hash, instant, next, pageSize } from './common.js';
import { scenarioFileSchema } from './scenarios.js';

/**
 * What the API keeps of scenarios: saved scenarios and their revisions. The bodies are the store's
 * own records (camelCase, as `@bagui/store` returns them), so that the planner, the CLI and the API
 * see one shape; so are those of data sets (datasets.ts), the audit log (audit.ts) and keys (keys.ts).
 */

const SAVED_ID_DESCRIPTION = 'A saved scenario’s id (`s_` and 16 characters), as `POST /v1/scenarios` made it.';

export const scenarioIdParamsSchema = z.strictObject({
  id: z.string().meta({
    description:
      'A saved scenario’s id (`s_` and 16 characters), or a built-in scenario’s name as `GET /v1/scenarios` lists them, e.g. `guangxi-2021`.',
  }),
});

export const savedIdParamsSchema = z.strictObject({ id: z.string().meta({ description: SAVED_ID_DESCRIPTION }) });

export const revisionParamsSchema = z.strictObject({
  id: z.string().meta({ description: SAVED_ID_DESCRIPTION }),
  n: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/u, { error: 'a revision number is a whole number from 1' })
    .transform(Number)
    .meta({ description: 'The revision’s number: 1 for the first, as `…/revisions` lists them.' }),
});

export const scenarioListQuerySchema = z.strictObject({
  search: z
    .string()
    .meta({ description: 'Only scenarios whose name or description (a built-in’s name or title) contains this text, in any case.' })
    .optional(),
  archived: z
    .enum(['exclude', 'include', 'only'])
    .meta({ description: 'Archived saved scenarios: left out (`exclude`, the default), listed too, or listed alone.' })
    .optional(),
  cursor: cursor.optional(),
  limit: pageSize.optional(),
});

export const scenarioSummarySchema = z
  .strictObject({
    id: z.string().meta({ description: 'Made by the server: `s_` and 16 base32 characters.' }),
    name: z.string().meta({ description: 'Defaults to the file’s `title`.' }),
    description: z.string(),
    archived: z.boolean(),
    archivedAt: instant.nullable(),
    revision: z.int().min(1).meta({ description: 'The current revision’s number.' }),
    etag: z.string().meta({ description: 'The strong ETag of the current revision, as the `ETag` header gives it: `"s_….3"`.' }),
    contentHash: hash.meta({ description: 'SHA-256 of the file’s canonical JSON (RFC 8785): key order and spacing do not change it.' }),
    datasetsHash: hash.meta({ description: 'SHA-256 of the data sets the revision binds (the same value for none).' }),
    createdAt: instant,
    createdBy: z.string().meta({ description: 'The id of the key that created it (`k_…`), or `cli:USER`.' }),
    updatedAt: instant.meta({ description: 'The last change of any kind: a revision, archiving.' }),
  })
  .meta({ id: 'ScenarioSummary', description: 'A saved scenario as listed: name, state and current revision, without its file.' });

export const savedScenarioSchema = z
  .strictObject({ ...scenarioSummarySchema.shape, file: scenarioFileSchema })
  .meta({ id: 'SavedScenario', description: 'A saved scenario and its current revision’s file, as `bagui run` takes it.' });

const builtinListItemSchema = z.strictObject({
  name: z.string(),
  title: z.string(),
  date: z.string().meta({ description: 'The date whose parameters apply to its programmes (unless one has its own).' }),
  programmes: z.int().min(0).meta({ description: 'How many programme entries it runs.' }),
  links: z.strictObject({ self: z.string(), run: z.string() }),
});

export const scenarioListSchema = z
  .strictObject({
    scenarios: z
      .array(builtinListItemSchema)
      .meta({ description: 'The built-in scenarios (on the first page only; filtered by `search`).' }),
    saved: z.array(scenarioSummarySchema).nullable().meta({
      description: 'Saved scenarios, newest first, one page; null when the request sent no key (listing them needs a viewer key).',
    }),
    next: next.meta({ description: 'The `cursor` of the next page of saved scenarios; null on the last.' }),
  })
  .meta({ id: 'ScenarioList', description: 'The built-in scenarios, and a page of the saved ones.' });

const datasetBindings = z
  .record(z.string(), hash)
  .meta({ description: 'For each `applicants.file` path of the file, the hash of an uploaded data set (`POST /v1/datasets`).' });

/** What the handlers read of a wrapped save; the file itself is checked by the store (core's parseScenario). */
export const reviseRequestSchema = z.strictObject({ file: z.unknown(), datasets: datasetBindings.optional() });
export const createRequestSchema = reviseRequestSchema.extend({
  name: z.string().optional(),
  description: z.string().optional(),
});

export const saveScenarioRequestSchema = z
  .union([
    scenarioFileSchema,
    z.strictObject({
      file: scenarioFileSchema,
      datasets: datasetBindings.optional(),
      name: z.string().meta({ description: 'Default: the file’s `title` (POST only).' }).optional(),
      description: z.string().meta({ description: 'Default: the file’s `description` (POST only).' }).optional(),
    }),
  ])
  .meta({
    id: 'SaveScenarioRequest',
    description:
      'A scenario file as `bagui run` takes it (its applicants inline), or `{file, datasets}` when its applicants are files uploaded as data sets.',
  });

export const describeRequestSchema = z
  .strictObject({
    name: z.string().meta({ description: '1–200 characters, not only spaces.' }).optional(),
    description: z.string().meta({ description: 'At most 4,000 characters.' }).optional(),
  })
  .meta({ id: 'DescribeScenarioRequest', description: 'A new name or description (or both): no new revision, the ETag unchanged.' });

const revisionSummarySchema = z
  .strictObject({
    scenarioId: z.string(),
    n: z.int().min(1),
    etag: z.string(),
    contentHash: hash,
    datasetsHash: hash,
    createdAt: instant,
    createdBy: z.string(),
  })
  .meta({ id: 'RevisionSummary', description: 'One immutable revision of a saved scenario.' });

export const revisionListSchema = z
  .strictObject({ revisions: z.array(revisionSummarySchema).meta({ description: 'Newest first.' }), next })
  .meta({ id: 'RevisionList', description: 'A page of a saved scenario’s revisions.' });

export const revisionSchema = z
  .strictObject({ ...revisionSummarySchema.shape, file: scenarioFileSchema, datasets: datasetBindings })
  .meta({ id: 'Revision', description: 'A revision with its file and the data sets it binds.' });

export const pageQuerySchema = z.strictObject({ cursor: cursor.optional(), limit: pageSize.optional() });
