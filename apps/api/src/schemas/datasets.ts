import { z } from 'zod';
import { hash, instant } from './common.js';
import { warningsSchema } from './evaluate.js';

/** Data sets: uploaded applicants files, stored by their hash. */

export const datasetUploadQuerySchema = z.strictObject({
  programme: z
    .string()
    .meta({ description: 'Check the rows as this programme’s applicants before storing them (recommended), e.g. `rd_incentive`.' })
    .optional(),
});

export const datasetParamsSchema = z.strictObject({
  hash: z.string().meta({ description: 'The data set’s SHA-256, as its upload answered.' }),
});

/** @public names the OpenAPI component DatasetInfo (src/schemas/ names every component of the document). */
export const datasetInfoSchema = z
  .strictObject({
    hash,
    mediaType: z.string(),
    size: z.int().min(0),
    createdAt: instant,
    createdBy: z.string(),
  })
  .meta({ id: 'DatasetInfo', description: 'An uploaded applicants file, stored once under the SHA-256 of its bytes.' });

export const datasetUploadSchema = datasetInfoSchema.extend({ warnings: warningsSchema.optional() }).meta({
  id: 'DatasetUpload',
  description: 'The data set stored, with `warnings` (columns `programme` does not use, e.g. 序号, 备注) only when there are any.',
});
