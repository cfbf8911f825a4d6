import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';

/** How many problems one input reports in full; the rest are counted in one summary problem. */
export const MAX_PROBLEMS = 1000;

/** Every problem of an input, listed in full up to MAX_PROBLEMS, then only counted. */
export class ProblemList {
  readonly items: Problem[] = [];
  private more = 0;

  get full(): boolean {
    return this.items.length >= MAX_PROBLEMS;
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  add(found: Problem): void {
    if (this.full) this.more++;
    else this.items.push(found);
  }

  /** For a problem too costly to build once the list is full. */
  count(): void {
    this.more++;
  }

  all(): Problem[] {
    if (this.more === 0) return this.items;
    const total = this.items.length + this.more;
    return [
      ...this.items,
      problem(
        'PROBLEMS.TRUNCATED',
        `${this.more} more problems (${total} in all) are not listed: fix the ones above and read the input again`,
      ),
    ];
  }

  /** The value when nothing was wrong, else every problem: nothing from a partly valid input. */
  result<T>(value: T): Result<T> {
    return this.empty ? ok(value) : fail(...this.all());
  }
}

/** A likely intended field for an unknown name: a Chinese header in JSON, or a case or `-`/space slip. */
export function suggestField(fields: readonly { readonly name: string; readonly zh: string }[], name: string, json: boolean): string {
  const normal = name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/gu, '_');
  const field = fields.find((candidate) => candidate.name === normal || (json && candidate.zh === name.trim()));
  return field === undefined ? '' : ` (did you mean ${field.name}?)`;
}

/** `an array`, `an object`, `a number`…: what a JSON value is, for messages. */
export function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const MAX_SHOWN = 200;

/** A JSON value as written, for a problem's location; shortened if it is large. */
export function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value); // a BigInt or a cycle: not from JSON.parse, but callers pass `unknown`
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}
