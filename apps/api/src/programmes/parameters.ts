import type { ProblemDetail } from '../http/problem.js';
import { readJsonExactly } from '../http/json.js';
import { defined, overridesOf, single, valuesOf, type Parameters, type ParameterTable } from './input.js';

/**
 * The settings of a request whose body is CSV (query parameters) or an upload form (fields), as
 * the JSON body's fields: names and spellings as `bagui`'s options (`set=PATH=VALUE`,
 * `reform` repeatable, `methods=a,b`, `band` repeatable, `value` repeatable,
 * `grid=PATH=FROM:TO:STEP`).
 */

/** JSON field → the parameter it comes from. */
const PARAMETER_OF: Readonly<Record<string, string>> = { overrides: 'set', reforms: 'reform', bands: 'band', values: 'value' };

function parameterOf(path: readonly (string | number)[]): Partial<ProblemDetail> {
  const [head, ...rest] = path;
  if (head === undefined) return {};
  const name = PARAMETER_OF[String(head)] ?? String(head);
  return { parameter: name, ...(rest.length > 0 ? { path: rest } : {}) };
}

/** `budget`, `method`, `date`; and `set` as the baseline's overrides unless `set` means something else. */
function baselineFields(parameters: Parameters, problems: ProblemDetail[], setIsBaseline = true): Record<string, unknown> {
  return {
    budget: single(parameters, 'budget', problems),
    method: single(parameters, 'method', problems),
    date: single(parameters, 'date', problems),
    ...(setIsBaseline ? { overrides: overridesOf(parameters, problems) } : {}),
  };
}

/** Parameters a route does not know are refused by name, as unknown JSON fields are. */
function refuseUnknown(parameters: Parameters, known: readonly string[], problems: ProblemDetail[]): void {
  for (const name of Object.keys(parameters)) {
    if (!known.includes(name)) {
      problems.push({
        code: 'REQUEST.UNKNOWN_FIELD',
        message: `unknown parameter ${JSON.stringify(name)}: the accepted parameters are ${known.join(', ')}`,
        parameter: name,
      });
    }
  }
}

const BASELINE = ['budget', 'method', 'date', 'set'];

export function evaluateTable(records: string): ParameterTable {
  return {
    records,
    control: ['async', 'totals_only', 'sheet', 'lang'],
    parameterOf,
    toFields(parameters) {
      const problems: ProblemDetail[] = [];
      refuseUnknown(parameters, BASELINE, problems);
      return { fields: defined(baselineFields(parameters, problems)), problems };
    },
  };
}

/** The name `bagui compare` gives the reform made of its `--set` options. */
const SET_REFORM = '--set';

/**
 * As `bagui compare`: `set=PATH=VALUE` (repeatable) is not a change of the baseline but one more
 * reform, after the `reform` ones, named `--set`, one layer of those overrides. Its problems are
 * located at the `set` parameter that gave them.
 */
export function compareTable(records: string): ParameterTable {
  return {
    records,
    control: ['async', 'recipients', 'sheet'],
    parameterOf,
    toFields(parameters) {
      const problems: ProblemDetail[] = [];
      refuseUnknown(parameters, [...BASELINE, 'reform', 'methods', 'threshold', 'band'], problems);
      const reforms = valuesOf(parameters.reform).map((text, i) => {
        // Read as a JSON body is: exact numbers, no key twice, a syntax error at its line and column.
        const read = readJsonExactly(text);
        if (read.ok) return read.value;
        const { pointer: _inTheText, ...where } = read.problem;
        problems.push({
          ...where,
          message:
            read.problem.code === 'JSON.SYNTAX'
              ? `reform ${i} is not valid JSON: ${read.problem.message}; give a reform file's text, e.g. {"name": "cap-800", "overrides": [{"path": "…", "value": "800万"}]}`
              : `reform ${i}: ${read.problem.message}`,
          parameter: 'reform',
          path: [i, ...(read.path ?? [])],
        });
        return undefined;
      });
      const sets = overridesOf(parameters, problems);
      const setPaths = Object.keys(sets ?? {});
      const setAt = sets === undefined ? -1 : reforms.length;
      if (sets !== undefined) {
        const overrides = Object.entries(sets).map(([path, value]) => ({ path, value }));
        reforms.push({ name: SET_REFORM, layers: [{ name: SET_REFORM, overrides }] });
      }
      const methods = single(parameters, 'methods', problems);
      const bands = valuesOf(parameters.band);
      return {
        fields: defined({
          ...baselineFields(parameters, problems, false),
          reforms: reforms.length === 0 ? undefined : reforms,
          methods: methods?.split(',').map((m) => m.trim()),
          threshold: single(parameters, 'threshold', problems),
          bands: bands.length === 0 ? undefined : bands,
        }),
        problems,
        parameterOf(path) {
          if (path[0] !== 'reforms' || path[1] !== setAt) return parameterOf(path);
          // reforms/N/layers/0/overrides/I/(path|value) → the I-th set parameter, by its path.
          const override = path[4] === 'overrides' && typeof path[5] === 'number' ? setPaths[path[5]] : undefined;
          return override === undefined ? { parameter: 'set' } : { parameter: 'set', path: [override] };
        },
      };
    },
  };
}

export function sweepTable(records: string): ParameterTable {
  return {
    records,
    control: ['async', 'sheet'],
    parameterOf,
    toFields(parameters) {
      const problems: ProblemDetail[] = [];
      refuseUnknown(parameters, [...BASELINE, 'path', 'from', 'to', 'step', 'value', 'grid', 'metrics'], problems);
      const values = valuesOf(parameters.value);
      const metrics = single(parameters, 'metrics', problems);
      if (metrics !== undefined && metrics !== 'true' && metrics !== 'false') {
        problems.push({ code: 'REQUEST.INVALID_VALUE', message: 'metrics: expected true or false', parameter: 'metrics', value: metrics });
      }
      const grid = single(parameters, 'grid', problems);
      return {
        fields: defined({
          ...baselineFields(parameters, problems),
          path: single(parameters, 'path', problems),
          from: single(parameters, 'from', problems),
          to: single(parameters, 'to', problems),
          step: single(parameters, 'step', problems),
          values: values.length === 0 ? undefined : values,
          grid: grid === undefined ? undefined : gridOf(grid, problems),
          metrics: metrics === undefined ? undefined : metrics === 'true',
        }),
        problems,
      };
    },
  };
}

/** `PATH=FROM:TO:STEP` as `{ path, from, to, step }`. */
function gridOf(text: string, problems: ProblemDetail[]): Record<string, string> | undefined {
  const at = text.indexOf('=');
  const parts = text.slice(at + 1).split(':');
  const [from, to, step] = parts;
  if (at <= 0 || parts.length !== 3 || from === undefined || to === undefined || step === undefined) {
    problems.push({
      code: 'SWEEP.GRID_SHAPE',
      message: 'expected PATH=FROM:TO:STEP, e.g. grid=rd_incentive.high_tech.rate=0.10:0.20:0.05',
      parameter: 'grid',
      value: text,
    });
    return undefined;
  }
  return { path: text.slice(0, at).trim(), from, to, step };
}
