import { ALLOCATION_METHODS } from '@bagui/core/allocation';
import { isoDateSchema } from '@bagui/core/parameters';
import { z } from 'zod';

/**
 * The pieces every resource's schemas are made of: amounts, methods, dates, override values, and
 * the paging of lists.
 *
 * The zod schemas of src/schemas/ are those of every request and response: what handlers validate
 * with, and what the OpenAPI document (openapi.ts) is generated from. A schema given an `id`
 * becomes `#/components/schemas/<id>`. Where the domain validates a part itself (enterprise rows,
 * parameter values), the runtime schema leaves that part to it and the documented schema
 * describes it from the domain's own tables (ENTERPRISE_FIELDS), so the two cannot drift.
 */

export const amountInputSchema = z.union([z.string(), z.number()]).meta({
  id: 'AmountInput',
  description:
    'Yuan, with at most two decimals. A string in any accepted spelling (`5000000`, `5,000,000.00`, `¥5,000,000`, ' +
    '`500万`, `0.05亿元`) or a JSON number when it is exact (no exponent, at most two decimals).',
  examples: ['407000000', '4.07亿', 5000000],
});

export const amountSchema = z
  .string()
  .regex(/^-?\d+\.\d{2}$/u)
  .meta({
    id: 'Amount',
    description: 'Yuan as a string with exactly two decimals, `.` as the decimal point, no grouping.',
    examples: ['407000000.00'],
  });

export const methodSchema = z.enum(ALLOCATION_METHODS).meta({
  id: 'AllocationMethod',
  description: 'How an oversubscribed envelope is shared: pro_rata (按比例核减), uniform_cap (统一封顶) or ranked (择优排序).',
});

export const dateSchema = isoDateSchema.meta({ description: 'A calendar date, YYYY-MM-DD.', examples: ['2021-06-30'] });

const rateInput = z.union([z.string(), z.number()]);
export const overrideValueSchema = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.strictObject({ min_intensity: rateInput, rate: rateInput })).min(1)])
  .meta({
    id: 'OverrideValue',
    description:
      'A parameter value of the parameter’s kind: an amount (`"8000000"`, `"800万"`), a rate (`"0.15"`, `"15%"`), a decimal, ' +
      'a switch (`true`, `false`, or `"true"`, `"false"`), or tiers (a list of `{min_intensity, rate}` or that list as JSON text).',
  });

export const overridesDescription =
  'A reform: parameter path → value, applied for this request only. Unknown paths and values of the wrong kind are refused, naming the path.';

export const pageSize = z
  .string()
  .regex(/^[0-9]{1,6}$/u, { error: 'expected a whole number from 1 to 200' })
  .transform(Number)
  .meta({ description: 'Items per page, 1–200; default 50.' });
export const cursor = z.string().meta({ description: 'The `next` of the previous page, unchanged; none for the first page.' });
export const next = z.string().nullable().meta({ description: 'The `cursor` of the next page; null on the last.' });
export const instant = z.string().meta({ description: 'An ISO-8601 date-time in UTC, e.g. `2026-12-03T08:15:30.123Z`.' });
export const hash = z.string().regex(/^[0-9a-f]{64}$/u);
