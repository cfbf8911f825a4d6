import { parseAssignments } from '@bagui/core/parameters';
import type { Request, Response } from 'express';
import {
  bodyApplicants,
  type TableInput,
  refuseSheet,
  uploadedApplicants,
  XLSX_TYPES,
  type FileOptions,
  type SheetOrigin,
} from '../http/applicant-files.js';
import { CSV_TYPES, JSON_TYPES, MULTIPART_TYPES, type BodyReaders } from '../http/bodies.js';
import { parseJsonExactly } from '../http/json.js';
import { HttpProblem, type ProblemDetail } from '../http/problem.js';
import { fromDomain, inBody, invalid, type Where } from '../http/validation.js';

/**
 * One request to a programme route (evaluate, compare, sweep): its settings and its applicants,
 * whichever of the three ways it came in.
 *
 * - `application/json`: the settings are the body's fields, the applicants its records field
 *   (`enterprises` for rd_incentive, `applicants` for the others).
 * - `text/csv` (UTF-8 or GB18030/GBK, by its charset or detected) or XLSX
 *   (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`, `sheet=` names the sheet):
 *   the body is the applicants; the settings are query parameters.
 * - `multipart/form-data`: a CSV or XLSX file in the records field's name; the settings are form fields.
 *
 * Parameters (query or form) are turned into the JSON body's fields by the route's table, so
 * that one zod schema checks the settings whichever way they came, and each problem is located
 * where the client wrote it: a JSON pointer, or the parameter's name.
 */

export type ApplicantSource =
  | { readonly kind: 'records'; readonly records: readonly unknown[]; readonly at: readonly (string | number)[] }
  | {
      readonly kind: 'csv';
      /** The file as sent (CSV bytes), or the text an XLSX sheet was read into. */
      readonly table: TableInput;
      readonly where: Partial<ProblemDetail>;
      /** When the file was an XLSX sheet: where its rows came from. */
      readonly origin?: SheetOrigin | undefined;
      /** An uploaded file's name. */
      readonly name?: string | undefined;
    };

export interface ProgrammeInput {
  /** The settings as the JSON body's fields (the applicants left out). */
  readonly fields: Record<string, unknown>;
  /** Locates a problem at a path of `fields`: a JSON pointer, or the parameter it came from. */
  readonly where: Where;
  readonly source: ApplicantSource;
  /** True when the settings came as parameters (query string or form), not in a JSON body. */
  readonly fromParameters: boolean;
}

/** Parameters as they arrive: one string, or several for a repeated name. */
export type Parameters = Readonly<Record<string, string | readonly string[]>>;

/** How a route's parameters map onto its JSON fields. */
export interface ParameterTable {
  /** The JSON field of the records, and of the uploaded file: `enterprises` or `applicants`. */
  readonly records: string;
  /** Query parameters that are not settings (`async`, `totals_only`, `sheet`): accepted with any body. */
  readonly control: readonly string[];
  /**
   * Settings parameters → JSON fields, with every problem of the parameters themselves; and,
   * where a field was made from a parameter of another shape, how to locate its problems.
   */
  toFields(parameters: Parameters): {
    fields: Record<string, unknown>;
    problems: ProblemDetail[];
    parameterOf?: ParameterTable['parameterOf'];
  };
  /** The parameter a JSON field path came from, and the rest of the path within it. */
  parameterOf(path: readonly (string | number)[]): Partial<ProblemDetail>;
}

/** Reads the settings and applicants of a request, or throws the problem that refuses it. */
export async function readProgrammeInput(
  req: Request,
  res: Response,
  bodies: BodyReaders,
  table: ParameterTable,
  fileOptions: FileOptions,
): Promise<ProgrammeInput> {
  const query = req.query as Parameters;
  const settingsInQuery = Object.keys(query).filter((name) => !table.control.includes(name));
  if (req.is(JSON_TYPES)) {
    refuseSettingsInQuery(settingsInQuery, 'in the JSON body');
    refuseSheet(fileOptions.sheet, 'the body is JSON');
    const body = parseJsonExactly(await bodies.text(req));
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw invalid('the request body is not a JSON object; nothing was computed', [
        {
          code: 'REQUEST.WRONG_TYPE',
          message: `the request body must be a JSON object with the settings and "${table.records}"`,
          pointer: '#',
        },
      ]);
    }
    const { [table.records]: records, ...fields } = body as Record<string, unknown>;
    if (!Array.isArray(records)) {
      const message =
        records === undefined ? `${table.records} is required: the list of applicants` : `${table.records}: expected an array of records`;
      throw invalid('the request body has a problem; nothing was computed', [
        { code: records === undefined ? 'REQUEST.REQUIRED' : 'REQUEST.WRONG_TYPE', message, ...inBody([table.records]) },
      ]);
    }
    return { fields, where: inBody, source: { kind: 'records', records, at: [table.records] }, fromParameters: false };
  }
  const xlsx = req.is(XLSX_TYPES) !== false;
  if (xlsx || req.is(CSV_TYPES)) {
    const settings = fromParameters(Object.fromEntries(settingsInQuery.map((name) => [name, query[name] ?? ''])), table);
    const { table: csvTable, origin } = await bodyApplicants(req, bodies, xlsx, fileOptions);
    return { ...settings, source: { kind: 'csv', table: csvTable, where: {}, origin } };
  }
  if (req.is(MULTIPART_TYPES)) {
    refuseSettingsInQuery(settingsInQuery, 'as form fields');
    const form = await bodies.form(req, res, table.records);
    const file = form.file;
    if (file === undefined) {
      throw invalid('the form has no applicants file', [
        {
          code: 'REQUEST.REQUIRED',
          message: `upload the applicants as a CSV or XLSX file in the form field "${table.records}"`,
          parameter: table.records,
        },
      ]);
    }
    const settings = fromParameters(form.fields, table);
    const where = { parameter: table.records };
    const { table: csvTable, origin } = await uploadedApplicants(file, fileOptions, where);
    return { ...settings, source: { kind: 'csv', table: csvTable, where, origin, name: file.name } };
  }
  throw new HttpProblem(
    'UNSUPPORTED_MEDIA_TYPE',
    `cannot read a body of type ${JSON.stringify(req.headers['content-type'] ?? 'none')}: send application/json, ` +
      `text/csv or ${XLSX_TYPES[0]} (settings in the query string) or multipart/form-data (a file field "${table.records}" and settings as fields)`,
  );
}

/** The name of the file the applicants came in, when uploaded. */
export const fileName = (input: ProgrammeInput): string | undefined => (input.source.kind === 'csv' ? input.source.name : undefined);

function fromParameters(parameters: Parameters, table: ParameterTable): Omit<ProgrammeInput, 'source'> {
  const { fields, problems, parameterOf = table.parameterOf } = table.toFields(parameters);
  if (problems.length > 0)
    throw invalid(
      `the parameters have ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was computed`,
      problems,
    );
  return { fields, where: (path) => parameterOf(path), fromParameters: true };
}

function refuseSettingsInQuery(names: readonly string[], where: string): void {
  if (names.length === 0) return;
  throw invalid(
    'settings were sent in the query string of a request that carries them in its body',
    names.map((name) => ({
      code: 'REQUEST.MISPLACED',
      message: `give ${name} ${where}: settings in the query string are for a text/csv body`,
      parameter: name,
    })),
  );
}

// --- parameters → fields ------------------------------------------------------------------------

/** A parameter's values: a repeated parameter gives several. */
export const valuesOf = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;

/** The last value of a parameter given once (a repeated scalar is a problem the caller reports). */
export function single(parameters: Parameters, name: string, problems: ProblemDetail[]): string | undefined {
  const values = valuesOf(parameters[name]);
  if (values.length > 1)
    problems.push({ code: 'REQUEST.REPEATED', message: `${name} is given ${values.length} times: give it once`, parameter: name });
  return values.at(-1);
}

/** `set=PATH=VALUE` parameters as the overrides object of the JSON body, as `bagui … --set`. */
export function overridesOf(parameters: Parameters, problems: ProblemDetail[], name = 'set'): Record<string, string> | undefined {
  const sets = valuesOf(parameters[name]);
  if (sets.length === 0) return undefined;
  const read = parseAssignments(sets);
  problems.push(...read.problems.map((p) => fromDomain(p, { parameter: name })));
  const overrides: Record<string, string> = {};
  for (const { path, value } of read.overrides) {
    if (Object.hasOwn(overrides, path)) {
      problems.push({
        code: 'PARAMETER.DUPLICATE_OVERRIDE',
        message: `${path} is set twice; set it once`,
        parameter: name,
        path: [path],
        value: `${path}=${String(value)}`,
      });
    } else {
      // Defined, not assigned: `overrides["__proto__"] = …` would set the prototype and drop the override unseen.
      Object.defineProperty(overrides, path, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return overrides;
}

/** A JSON object's fields without those whose value is undefined. */
export function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
