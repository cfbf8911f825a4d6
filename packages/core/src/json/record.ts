import { z } from 'zod';

/** What a record of `keys` to `values` accepts and gives. */
type RecordSchema<K extends z.core.$ZodRecordKey, V extends z.ZodType> = z.ZodType<z.output<z.ZodRecord<K, V>>, z.input<z.ZodRecord<K, V>>>;

/**
 * `z.record(keys, values)` that refuses a `__proto__` key instead of dropping it. zod skips an
 * own `__proto__` key of a record (assigning it would set the output's prototype), so
 * `{"overrides": {"__proto__": …}}` would pass as if the key were not there: the docs promise
 * that an unknown field is refused, never dropped. The key is reported as zod reports an unknown
 * key of a strict object (`unrecognized_keys`), at the record's path, so that every place that
 * turns zod's issues into problems words it as it words any unknown field. The documented JSON
 * schema stays the record's.
 */
export function recordOf<K extends z.core.$ZodRecordKey, V extends z.ZodType>(keys: K, values: V): RecordSchema<K, V> {
  const schema = z.preprocess(
    (input, ctx) => {
      if (input !== null && typeof input === 'object' && Object.hasOwn(input, '__proto__')) {
        ctx.issues.push({ code: 'unrecognized_keys', keys: ['__proto__'], input: input as Record<string, unknown> });
      }
      return input;
    },
    z.record(keys, values),
  );
  // A preprocess takes `unknown` in; what this one accepts is what the record accepts.
  return schema as unknown as RecordSchema<K, V>;
}
