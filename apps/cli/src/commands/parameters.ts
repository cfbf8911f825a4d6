import type { Rate } from '@bagui/core/exact';
import { formatZh, type Fen } from '@bagui/core/money';
import type { ResolvedParameter, Tier } from '@bagui/core/parameters';
import { parameterRegistry, programmeOfParameter, programmeRegistry, PROGRAMMES, type Programme } from '@bagui/core/programmes';
import { checkProgramme } from '../programme-inputs.js';
import { knownFormat, optionProblems, throwIfAny, type OptionProblem } from '../input-error.js';
import type { Io } from '../io.js';
import { parseSetOptions } from '../overrides.js';
import { alignColumns } from '../table.js';

export interface ParametersOptions {
  readonly date?: string;
  readonly set: readonly string[];
  readonly format: string;
  readonly programme?: string;
}

export const PARAMETER_FORMATS = ['table', 'json'] as const;

/** One parameter as `bagui parameters --format json` prints it. */
interface ParameterRecord {
  readonly path: string;
  /** Amounts and rates as canonical strings (`"5000000.00"`, `"0.08"`); tiers as a list. */
  readonly value: unknown;
  readonly unit: string;
  /** The date the value took effect, or `reform` when `--set` gave it. */
  readonly from: string;
  readonly label: { readonly zh: string; readonly en: string };
  readonly source: string;
  readonly assumption: boolean;
}

/** `bagui parameters [--programme KEY]`: every programme's parameters in force on a date (or one programme's). */
export async function listParameters(options: ParametersOptions, io: Io): Promise<void> {
  const found: OptionProblem[] = [];
  const known = knownFormat(PARAMETER_FORMATS, options.format, 'format');
  if (!known.ok) found.push(...known.problems);
  const format = known.ok ? known.value : undefined;
  const programmes = options.programme === undefined ? PROGRAMMES : [checkProgramme(options.programme)];
  const sets = parseSetOptions(options.set, options.programme === undefined ? parameterRegistry : programmeRegistry(options.programme));
  found.push(...sets.problems);
  const date = options.date ?? io.today();
  const listed: { programme: Programme; parameters: readonly ResolvedParameter[] }[] = [];
  const notInForce: string[] = [];
  const notInForceProblems: OptionProblem[] = [];
  if (sets.problems.length === 0) {
    for (const programme of programmes) {
      const overrides = sets.overrides.filter((o) => programmeOfParameter(o.path)?.key === programme.key);
      const resolved = programmeRegistry(programme.key).resolve(date, overrides);
      if (resolved.ok) listed.push({ programme, parameters: resolved.value.all() });
      else if (programmes.length > 1 && resolved.problems.every((p) => p.code === 'PARAMETER.NO_VALUE_ON_DATE')) {
        notInForce.push(programme.key);
        notInForceProblems.push(...optionProblems('--date', resolved.problems));
      } else found.push(...optionProblems('--date', resolved.problems));
    }
    // A date on which no programme has parameters is a mistake, not an empty list.
    if (listed.length === 0) found.push(...notInForceProblems);
  }
  throwIfAny(found);
  const all = listed.flatMap((l) => l.parameters);
  await io.stdout.write(format === 'json' ? toJson(all) : toTable(listed, date, notInForce));
}

function toRecord(parameter: ResolvedParameter): ParameterRecord {
  const { definition } = parameter;
  return {
    path: definition.path,
    value: definition.kind === 'tiers' ? JSON.parse(parameter.display) : parameter.display,
    unit: definition.unit,
    from: parameter.from,
    label: definition.label,
    source: definition.source.citation,
    assumption: definition.assumption,
  };
}

function toJson(parameters: readonly ResolvedParameter[]): string {
  return `${JSON.stringify(parameters.map(toRecord), null, 2)}\n`;
}

const percent = (rate: Rate): string => `${rate.times(100).toFixed()}%`;

/** The value as a person reads it, with the exact spelling `--set` and JSON use beside it. */
function readable(parameter: ResolvedParameter): string {
  const { kind } = parameter.definition;
  switch (kind) {
    case 'amount':
    case 'unit':
      return `${formatZh(parameter.value as Fen)} (${parameter.display})`;
    case 'rate':
      return `${percent(parameter.value as Rate)} (${parameter.display})`;
    case 'tiers':
      return (parameter.value as readonly Tier[]).map((t) => `≥${percent(t.minIntensity)}: ${percent(t.rate)}`).join(', ');
    case 'boolean':
    case 'decimal':
      return parameter.display;
    default: {
      // Every kind is listed above: a new kind fails to compile here rather than at run time.
      const unlisted: never = kind;
      throw new Error(`unknown parameter kind ${String(unlisted)}`);
    }
  }
}

function toTable(
  listed: readonly { readonly programme: Programme; readonly parameters: readonly ResolvedParameter[] }[],
  date: string,
  notInForce: readonly string[],
): string {
  const head = ['', 'PARAMETER', 'VALUE', 'UNIT', 'FROM', 'SOURCE'];
  const all = listed.flatMap((l) => l.parameters);
  const rows = [
    head,
    ...all.map((p) => [
      p.definition.assumption ? '⚠' : '',
      p.definition.path,
      readable(p),
      p.definition.unit,
      p.from,
      p.definition.source.citation,
    ]),
  ];
  const [header = '', ...lines] = alignColumns(rows);
  const body: string[] = [];
  let at = 0;
  for (const { programme, parameters } of listed) {
    if (listed.length > 1) body.push('', `${programme.key} · ${programme.label.zh} · ${programme.label.en}`);
    for (const parameter of parameters) {
      const label = parameter.definition.label;
      body.push(lines[at] ?? '', `   ${label.zh} · ${label.en}`);
      at++;
    }
  }
  return [
    `Parameters in force on ${date}. ⚠ = our assumption (no public source found); change any value for one run with --set PATH=VALUE.`,
    ...(notInForce.length > 0 ? [`No parameters in force on ${date} for ${notInForce.join(', ')}.`] : []),
    '',
    header,
    ...body,
    '',
  ].join('\n');
}
