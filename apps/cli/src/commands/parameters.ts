import type { Rate } from '@bagui/core/exact';
import { problem } from '@bagui/core/errors';
import { formatZh, type Fen } from '@bagui/core/money';
import type { ResolvedParameter, Tier } from '@bagui/core/parameters';
import { rdIncentiveRegistry } from '@bagui/core/programmes/rd-incentive';
import { optionProblems, throwIfAny, type OptionProblem } from '../input-error.js';
import type { Io } from '../io.js';
import { parseSetOptions } from '../overrides.js';
import { alignColumns } from '../table.js';

export interface ParametersOptions {
  readonly date?: string;
  readonly set: readonly string[];
  readonly format: string;
}

export const PARAMETER_FORMATS = ['table', 'json'] as const;

/** One parameter as `bagui parameters --format json` prints it. */
export interface ParameterRecord {
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

export async function listParameters(options: ParametersOptions, io: Io): Promise<void> {
  const found: OptionProblem[] = [];
  const format = PARAMETER_FORMATS.find((f) => f === options.format);
  if (format === undefined) {
    found.push(
      ...optionProblems('--format', [
        problem('OPTION.UNKNOWN_FORMAT', `unknown format; choose one of ${PARAMETER_FORMATS.join(', ')}`, { value: options.format }),
      ]),
    );
  }
  const sets = parseSetOptions(options.set, rdIncentiveRegistry);
  found.push(...sets.problems);
  const date = options.date ?? io.today();
  if (sets.problems.length === 0) {
    const resolved = rdIncentiveRegistry.resolve(date, sets.overrides);
    if (resolved.ok) {
      throwIfAny(found);
      const parameters = resolved.value.all();
      await io.stdout.write(format === 'json' ? toJson(parameters) : toTable(parameters, date));
      return;
    }
    found.push(...optionProblems('--date', resolved.problems));
  }
  throwIfAny(found);
}

export function toRecord(parameter: ResolvedParameter): ParameterRecord {
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
    default:
      throw new Error(`unknown parameter kind ${String(kind)}`);
  }
}

function toTable(parameters: readonly ResolvedParameter[], date: string): string {
  const rows = [
    ['', 'PARAMETER', 'VALUE', 'UNIT', 'FROM', 'SOURCE'],
    ...parameters.map((p) => [
      p.definition.assumption ? '⚠' : '',
      p.definition.path,
      readable(p),
      p.definition.unit,
      p.from,
      p.definition.source.citation,
    ]),
  ];
  const [head = '', ...lines] = alignColumns(rows);
  const body = lines.flatMap((line, i) => {
    const label = parameters[i]?.definition.label;
    return [line, `   ${label?.zh ?? ''} · ${label?.en ?? ''}`];
  });
  return [
    `Parameters in force on ${date}. ⚠ = our assumption (no public source found); change any value for one run with --set PATH=VALUE.`,
    '',
    head,
    ...body,
    '',
  ].join('\n');
}
