import { z } from 'zod';
import { cursor, instant, next, pageSize } from './common.js';

/** The audit log. */

export const auditQuerySchema = z.strictObject({
  resourceType: z.enum(['scenario', 'dataset', 'key']).optional(),
  resourceId: z.string().meta({ description: 'A scenario id, a data set hash or a key id.' }).optional(),
  actor: z.string().meta({ description: 'A key id (`k_…`) or `cli:USER`.' }).optional(),
  action: z
    .enum([
      'scenario.create',
      'scenario.revise',
      'scenario.rename',
      'scenario.archive',
      'scenario.restore',
      'dataset.upload',
      'key.create',
      'key.revoke',
    ])
    .optional(),
  from: z.string().meta({ description: 'Entries at or after this time: a date-time with a zone, or a date (UTC midnight).' }).optional(),
  to: z.string().meta({ description: 'Entries before this time.' }).optional(),
  cursor: cursor.optional(),
  limit: pageSize.optional(),
});

const auditEntrySchema = z
  .strictObject({
    id: z.int(),
    at: instant,
    actor: z.string(),
    action: z.string(),
    resourceType: z.string(),
    resourceId: z.string(),
    beforeHash: z.string().nullable(),
    afterHash: z.string().nullable(),
    requestId: z.string().nullable().meta({ description: 'The `X-Request-Id` of the request that wrote it.' }),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEntry', description: 'One write: who, when, what, the content hashes before and after, the request.' });

export const auditListSchema = z
  .strictObject({ entries: z.array(auditEntrySchema).meta({ description: 'Newest first.' }), next })
  .meta({ id: 'AuditList', description: 'A page of the audit log.' });
