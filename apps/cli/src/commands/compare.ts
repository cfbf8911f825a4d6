import { ALLOCATION_METHODS, type AllocationMethod } from '@bagui/core/allocation';
import { compare, comparisonToCsv, comparisonToJson, parseDiffSettings } from '@bagui/core/compare';
import { formatProblem, problem, type Problem } from '@bagui/core/errors';
import type { Fen } from '@bagui/core/money';
import { programmeRegistry } from '@bagui/core/programmes';
import { comparisonTable } from '../comparison-table.js';
import { csvWorkbook } from '../csv-workbook.js';
import { InputError, knownFormat, optionProblems, refuseOptions, throwIfAny, type OptionProblem } from '../input-error.js';
import type { Io } from '../io.js';
import { aboutRun, guardOutputs, recordProgrammeRun, withBom, writeResult, xlsxNeedsOut } from '../output.js';
import { checkProgramme, countField, loadApplicants, programmeInputs, type ProgrammeInputOptions } from '../programme-inputs.js';
import { checkReformList, readReforms, setOptionsReform } from '../reform-files.js';
import { compareScenarioCommand } from './compare-scenario.js';

export interface CompareOptions extends ProgrammeInputOptions {
  readonly baseline?: string;
  readonly reform: readonly string[];
  readonly methods?: string;
  readonly threshold: string;
  readonly band: readonly string[];
  readonly recipients?: boolean;
}

export const COMPARE_FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;
type Format = (typeof COMPARE_FORMATS)[number];

/** `bagui compare rd_incentive …` (reforms of one programme) or `bagui compare --baseline SCENARIO …`. */
export async function compareCommand(programme: string | undefined, options: CompareOptions, io: Io): Promise<void> {
  const scenarioLevel = options.baseline !== undefined;
  const found: OptionProblem[] = [];
  if (scenarioLevel && programme !== undefined) {
    found.push(
      ...optionProblems('--baseline', [
        problem(
          'OPTION.BASELINE_AND_PROGRAMME',
          `compare either a programme (bagui compare ${programme} --enterprises …) or a scenario (--baseline), not both`,
          {
            value: options.baseline ?? '',
          },
        ),
      ]),
    );
  }
  if (!scenarioLevel && programme === undefined) {
    throw new InputError(
      'what to compare? give a programme (bagui compare rd_incentive --enterprises FILE --budget AMOUNT …) or a scenario (--baseline NAME|FILE.json)',
    );
  }
  const format = checkFormat(options.format, found, options.out);
  const diff = checkDiffOptions(options, found);
  if (options.recipients === true && format === 'table') {
    found.push(
      ...optionProblems('--recipients', [
        problem(
          'OPTION.RECIPIENTS_NEED_JSON',
          'the per-recipient changes are in the JSON output: add --format json (or use --format csv)',
          { value: format },
        ),
      ]),
    );
  }
  if (scenarioLevel) {
    for (const [flag, given] of [
      ['--enterprises', options.enterprises],
      ['--applicants', options.applicants],
      ['--sheet', options.sheet],
      ['--encoding', options.encoding],
      ['--report', options.report],
      ['--meta', options.meta],
      ['--exclude-invalid', options.excludeInvalid === true ? 'true' : undefined],
      ['--budget', options.budget],
      ['--method', options.method],
      ['--date', options.date],
      ['--methods', options.methods],
    ] as const) {
      if (given !== undefined) {
        found.push(
          ...optionProblems(flag, [
            problem('OPTION.NOT_FOR_SCENARIO', `${flag} is for a programme comparison; a scenario gives its own`, { value: given }),
          ]),
        );
      }
    }
    throwIfAny(found);
    await compareScenarioCommand(options, diff, format, io);
    return;
  }
  const checked = programmeInputs(programme ?? '', options, io.today());
  if (!checked.ok) found.push(...checked.problems);
  const methods = checkMethods(options.methods, found);
  const registry = programmeRegistry(checkProgramme(programme ?? '').key);
  const setReform = setOptionsReform(options.set, registry, found);
  if (!checked.ok || found.length > 0) refuseOptions(found);
  const inputs = checked.value;
  const reforms = [...(await readReforms(options.reform, registry, io)), ...(setReform === undefined ? [] : [setReform])];
  checkReformList(reforms, methods, [...options.reform, '--set']);
  await guardOutputs(
    [
      ['--out', options.out],
      ['--report', options.report],
    ],
    [inputs.file.path, ...options.reform],
    io,
  );
  const read = await loadApplicants(inputs, io);
  const result = compare(
    {
      programme: inputs.programme,
      registry,
      parameters: inputs.parameters,
      budget: inputs.budget,
      method: inputs.method,
    },
    reforms,
    read.applicants,
    { ...diff, ...(methods === undefined ? {} : { methods }) },
  );
  if (!result.ok) throw new InputError('the comparison cannot be made; nothing was computed', result.problems.map(formatProblem));
  const c = result.value;
  const noun = `${inputs.programme.applicantNoun}s`;
  const chunks =
    format === 'json'
      ? [
          `${JSON.stringify(comparisonToJson(c, { count: countField(inputs.programme), recipients: options.recipients === true }), null, 2)}\n`,
        ]
      : format === 'csv'
        ? withBom(comparisonToCsv(c), options.out !== undefined, options.bom)
        : format === 'xlsx'
          ? [await csvWorkbook(comparisonToCsv(c), 'compare', inputs.file.read.lang ?? 'zh', aboutRun('compare', inputs, read.input, io))]
          : [comparisonTable(c, noun)];
  await writeResult(
    chunks,
    options.out,
    io,
    `${c.reforms.length} ${c.reforms.length === 1 ? 'reform' : 'reforms'} compared on ${c.baseline.ids.length} ${noun}`,
  );
  await recordProgrammeRun('compare', inputs, read, options, io);
}

// Options

function checkFormat(format: string, found: OptionProblem[], out?: string): Format {
  const known = knownFormat(COMPARE_FORMATS, format, 'output format');
  if (!known.ok) {
    found.push(...known.problems);
    return 'table';
  }
  if (known.value === 'xlsx' && out === undefined) found.push(...optionProblems('--format', [xlsxNeedsOut(format)]));
  return known.value;
}

function checkDiffOptions(options: CompareOptions, found: OptionProblem[]): { threshold?: Fen; bands?: Fen[] } {
  const read = parseDiffSettings({ threshold: options.threshold, ...(options.band.length > 0 ? { bands: options.band } : {}) });
  if (read.ok) return read.value;
  for (const p of read.problems)
    found.push(...optionProblems(p.location?.path?.[0] === 'threshold' ? '--threshold' : '--band', [withoutPath(p)]));
  return {};
}

/** A problem as an option's: the option names where it is, the value what was given. */
function withoutPath(p: Problem): Problem {
  return problem(p.code, p.message, p.location?.value === undefined ? undefined : { value: p.location.value });
}

function checkMethods(list: string | undefined, found: OptionProblem[]): AllocationMethod[] | undefined {
  if (list === undefined) return undefined;
  const methods: AllocationMethod[] = [];
  for (const name of list.split(',').map((m) => m.trim())) {
    const method = ALLOCATION_METHODS.find((m) => m === name);
    if (method === undefined) {
      found.push(
        ...optionProblems('--methods', [
          problem(
            'OPTION.UNKNOWN_METHOD',
            `unknown allocation method; choose among ${ALLOCATION_METHODS.join(', ')}, separated by commas`,
            { value: name },
          ),
        ]),
      );
    } else if (!methods.includes(method)) methods.push(method);
  }
  return methods;
}
