import { z } from 'zod';
import { ROLES } from '@bagui/store/roles';
import { instant } from './common.js';

/** API keys. */

const apiKeySchema = z
  .strictObject({
    id: z.string(),
    prefix: z.string().meta({ description: 'The secret’s first characters, to tell keys apart.' }),
    role: z.enum(ROLES),
    name: z.string(),
    createdAt: instant,
    createdBy: z.string(),
    revokedAt: instant.nullable(),
    revokedBy: z.string().nullable(),
  })
  .meta({ id: 'ApiKey', description: 'An API key, never its secret.' });

export const keyListSchema = z
  .strictObject({ keys: z.array(apiKeySchema) })
  .meta({ id: 'ApiKeyList', description: 'Every key, newest first.' });

export const keyListQuerySchema = z.strictObject({
  active: z.enum(['true', 'false']).meta({ description: '`true`: leave revoked keys out.' }).optional(),
});

export const keyCreateRequestSchema = z
  .strictObject({ role: z.enum(ROLES), name: z.string().optional() })
  .meta({ id: 'ApiKeyRequest', description: 'The new key’s role and a name to recognise it by.' });

export const keyCreatedSchema = z
  .strictObject({
    key: apiKeySchema,
    secret: z.string().meta({ description: 'The key to send as `Authorization: Bearer …`: shown this once.' }),
  })
  .meta({ id: 'ApiKeyCreated', description: 'The new key and its secret.' });

export const keyIdParamsSchema = z.strictObject({ id: z.string().meta({ description: 'The key’s id, `k_…`.' }) });

export const keyRevokedSchema = z
  .strictObject({ key: apiKeySchema, changed: z.boolean().meta({ description: 'False when it was revoked already.' }) })
  .meta({ id: 'ApiKeyRevoked', description: 'The key, revoked.' });
