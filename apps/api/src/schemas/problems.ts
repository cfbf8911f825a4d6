import { z } from 'zod';
import { PROBLEM_CODES } from '../http/problem.js';
import { problemDetailSchema } from './evaluate.js';

/** The RFC 9457 problem every refusal answers. */

export const problemSchema = z
  .strictObject({
    type: z.string(),
    title: z.string(),
    status: z.int().min(400).max(599),
    detail: z.string(),
    instance: z.string().meta({ description: 'The request’s path (absent when the request could not be parsed).' }).optional(),
    code: z.enum(PROBLEM_CODES),
    request_id: z.string(),
    errors: z.array(problemDetailSchema).optional(),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details, with a stable `code` and, for input errors, each problem and where it is.',
  });
