import type { Problem } from '@bagui/core/errors';
import type { Request } from 'express';
import type { z } from 'zod';
import { HttpProblem, jsonPointer, type ProblemDetail } from './problem.js';

/** Where a problem is, in the terms of the request it came in: a body pointer or a parameter. */
export type Where = (path: readonly (string | number)[]) => Partial<ProblemDetail>;

export const inBody: Where = (path) => ({ pointer: jsonPointer(path) });

/** A query parameter or form field; anything below its name (an index of a repeated one) is dropped. */
export const inParameters: Where = (path) => (path.length > 0 ? { parameter: String(path[0]) } : {});

/** A problem the domain found, located in the request. */
export function fromDomain(found: Problem, where: Partial<ProblemDetail>): ProblemDetail {
  const at = found.location;
  return {
    code: found.code,
    message: found.message,
    ...where,
    ...(at?.line === undefined ? {} : { line: at.line }),
    ...(at?.column === undefined ? {} : { column: at.column }),
    ...(at?.value === undefined ? {} : { value: at.value }),
  };
}

export function invalid(detail: string, errors: readonly ProblemDetail[]): HttpProblem {
  return new HttpProblem('REQUEST.INVALID', detail, errors);
}

/**
 * Parses `input` with a zod schema, or throws REQUEST.INVALID naming every problem: an unknown
 * field (with the likely intended one), a missing one, a wrong type, a value out of range.
 */
export function parseWith<S extends z.ZodObject>(schema: S, input: unknown, where: Where, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.flatMap((issue): ProblemDetail[] => {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    const name = path.length > 0 ? path.map(String).join('.') : what;
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path) ?? [];
      return issue.keys.map((key) => ({
        code: 'REQUEST.UNKNOWN_FIELD',
        message:
          `unknown field ${JSON.stringify(key)} in ${path.length === 0 ? `the ${what}` : name}${suggestion(key, known)}` +
          (known.length > 0 ? `: the accepted fields are ${known.join(', ')}` : ''),
        ...where([...path, key]),
      }));
    }
    if (valueAt(input, path) === undefined) {
      return [{ code: 'REQUEST.REQUIRED', message: `${name} is required`, ...where(path) }];
    }
    const code = issue.code === 'invalid_type' || issue.code === 'invalid_union' ? 'REQUEST.WRONG_TYPE' : 'REQUEST.INVALID_VALUE';
    return [{ code, message: `${name}: ${describe(issue)}`, ...where(path), ...shown(valueAt(input, path)) }];
  });
  throw invalid(`the ${what} has ${errors.length === 1 ? 'a problem' : `${errors.length} problems`}; nothing was computed`, errors);
}

/** A schema's definition, as zod 4 keeps it: enough to walk to the object at a path. */
interface SchemaNode {
  readonly _zod: {
    readonly def: {
      readonly type: string;
      readonly innerType?: SchemaNode;
      readonly shape?: Readonly<Record<string, SchemaNode>>;
      readonly element?: SchemaNode;
      readonly valueType?: SchemaNode;
    };
  };
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional']);

/** The fields of the object schema at `path` within `schema` (through optional, array and record), if it is one. */
function keysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] | undefined {
  const unwrap = (node: SchemaNode | undefined): SchemaNode | undefined => {
    let at = node;
    while (at !== undefined && WRAPPERS.has(at._zod.def.type)) at = at._zod.def.innerType;
    return at;
  };
  let node = unwrap(schema);
  for (const key of path) {
    const def = node?._zod.def;
    node = unwrap(
      def?.type === 'object'
        ? def.shape?.[String(key)]
        : def?.type === 'array'
          ? def.element
          : def?.type === 'record'
            ? def.valueType
            : undefined,
    );
  }
  const def = node?._zod.def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : undefined;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union') {
    const expected = issue.errors.flatMap((branch) => branch.flatMap((i) => (i.code === 'invalid_type' ? [i.expected] : [])));
    if (expected.length === issue.errors.length) return `expected ${expected.join(' or ')}`;
  }
  return issue.message.replace(/^Invalid input: /u, '');
}

function shown(value: unknown): Partial<ProblemDetail> {
  if (value === undefined) return {};
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { value: text.length > 200 ? `${text.slice(0, 200)}…` : text };
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** ` (did you mean overrides?)` when a known name differs only in case, is one or two edits away, or starts the same. */
function suggestion(name: string, known: readonly string[]): string {
  const lower = name.toLowerCase();
  const near =
    known.find((k) => k.toLowerCase() === lower) ??
    known.find((k) => editDistance(lower, k.toLowerCase()) <= 2) ??
    known.find((k) => lower.length >= 4 && k.toLowerCase().startsWith(lower));
  return near === undefined ? '' : ` (did you mean ${near}?)`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** A request that takes no query parameters: any is refused (a misspelt one must not be ignored). */
export function refuseQuery(req: Request): void {
  const names = Object.keys(req.query);
  if (names.length === 0) return;
  throw invalid(
    `${req.method} ${req.baseUrl}${(req.route as { path?: string } | undefined)?.path ?? req.path} takes no query parameters: nothing was done`,
    names.map((name) => ({
      code: 'REQUEST.UNKNOWN_FIELD',
      message: `unknown query parameter ${JSON.stringify(name)}: this request takes none`,
      parameter: name,
    })),
  );
}

/**
 * A request that takes no body: one is refused (a body sent by mistake must not be ignored). A
 * chunked request may still be empty, as some clients send a bodiless POST: it is read to tell.
 */
export async function refuseBody(req: Request, why: string, read: (req: Request) => Promise<string>): Promise<void> {
  const length = req.headers['content-length'];
  if (length === '0' || (length === undefined && req.headers['transfer-encoding'] === undefined)) return;
  // A body too large (or unreadable) to read is a body all the same.
  if (length === undefined && (await read(req).catch(() => 'a body')) === '') return;
  throw invalid('this request takes no body: nothing was done', [{ code: 'REQUEST.UNEXPECTED_BODY', message: why, pointer: '#' }]);
}
