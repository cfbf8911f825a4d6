import { z } from 'zod';

/**
 * `z.record(keys, values)` that refuses a `__proto__` key instead of dropping it. zod skips an
 * own `__proto__` key of a record (assigning it would set the output's prototype), so
 * `{"overrides": {"__proto__": …}}` would pass as if the key were not there: the docs promise
 * that an unknown field is refused, never dropped. The key is reported as zod reports an unknown
 * key of a strict object (`unrecognized_keys`), at the record's path, so that every place that
 * turns zod's issues into problems words it as it words any unknown field. The documented JSON
 * schema stays the record's.
 */
export function recordOf<K extends z.core.$ZodRecordKey, V extends z.ZodType>(keys: K, values: V) {
  return z.preprocess(
    (input, ctx) => {
      if (input !== null && typeof input === 'object' && Object.hasOwn(input, '__proto__')) {
        ctx.issues.push({ code: 'unrecognized_keys', keys: ['__proto__'], input: input as Record<string, unknown> });
      }
      return input;
    },
    z.record(keys, values),
  );
}
