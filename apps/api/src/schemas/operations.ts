import { z } from 'zod';

/** The probes: health and readiness. */

export const healthSchema = z
  .strictObject({ status: z.literal('ok'), engine_version: z.string(), uptime_seconds: z.number().min(0) })
  .meta({ id: 'Health' });

export const readySchema = z.strictObject({ status: z.literal('ready') }).meta({ id: 'Ready' });
