import { BaguiError, formatProblem } from '@bagui/core/errors';
import { ENGINE_VERSION } from '@bagui/core/version';
import { Command, CommanderError, Option } from 'commander';
import { POPULATIONS } from '@bagui/core/generate';
import { COMPARE_FORMATS, compareCommand, type CompareOptions } from './commands/compare.js';
import { evaluate, OUTPUT_FORMATS, type EvaluateOptions } from './commands/evaluate.js';
import { generatePopulation, type GenerateOptions } from './commands/generate.js';
import { addKeysCommand } from './commands/keys.js';
import { listParameters, PARAMETER_FORMATS, type ParametersOptions } from './commands/parameters.js';
import { RUN_FORMATS, runScenarioCommand, type RunOptions } from './commands/run.js';
import { listScenarios, showScenario } from './commands/scenarios.js';
import { sweepCommand, SWEEP_FORMATS, type SweepOptions } from './commands/sweep.js';
import {
  COMPARE_EXAMPLES,
  EVALUATE_EXAMPLES,
  GENERATE_EXAMPLES,
  PARAMETERS_EXAMPLES,
  ROOT_EXAMPLES,
  RUN_EXAMPLES,
  SCENARIOS_EXAMPLES,
  SWEEP_EXAMPLES,
  TEMPLATE_EXAMPLES,
} from './help.js';
import { InputError } from './input-error.js';
import type { Io } from './io.js';
import { PROGRAMME_KEYS as PROGRAMMES } from '@bagui/core/programmes';
import { templateCommand, type TemplateOptions } from './commands/template.js';
import { LANGS } from './programme-inputs.js';

const EXIT_OK = 0;
const EXIT_INTERNAL = 1;
const EXIT_INPUT = 2;

const collect = (value: string, previous: readonly string[]): readonly string[] => [...previous, value];

function setOption(): Option {
  return new Option('--set <path=value>', 'override one parameter for this run (repeatable); tiers as JSON, amounts in any spelling')
    .argParser(collect)
    .default([]);
}

/** The options of a programme's applicants file, shared by evaluate, compare and sweep. */
function addFileOptions(command: Command): Command {
  return command
    .option('--applicants <file>', 'CSV or XLSX file, one row per applicant (English or Chinese headers, any order; units in headers)')
    .option('--enterprises <file>', 'the same as --applicants (rd_incentive contract name)')
    .option('--sheet <name>', 'XLSX: the sheet to read (default: the first visible one)')
    .option('--encoding <encoding>', 'CSV: utf8 or gb18030 (also gbk); default: detected (UTF-8 with or without BOM, else GB18030)')
    .option('--exclude-invalid', 'leave invalid rows out, listing each and why (on stderr and in the output), instead of refusing the file')
    .option(
      '--report <file.xlsx>',
      'when the input has problems: write it back with a problems column and the bad cells marked, to fix and re-import',
    )
    .option('--lang <lang>', `labels of tables and workbooks: ${LANGS.join(', ')} (amounts in 万元 in zh)`, 'zh')
    .option('--bom', 'CSV on stdout: start with a UTF-8 byte-order mark (a CSV written with --out always has one)')
    .option('--meta <file.json>', 'also write how the result was made (versions, date, input name and SHA-256, time) to this JSON file')
    .option('--summary', 'print how the result was made on stderr even when it is not a terminal')
    .option('--quiet', 'no progress bar and no summary on stderr (warnings and errors still)');
}

/** The command tree; subcommands inherit the root's output, error and exit settings. */
function program(io: Io): Command {
  const root = new Command('bagui')
    .description(
      'Bagui (八桂) fiscal incentive scenarios: evaluate a programme on a file of enterprises, or a whole scenario with its funding sources.',
    )
    .version(ENGINE_VERSION, '-V, --version', 'print the engine version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage and examples)')
    .addHelpText('after', ROOT_EXAMPLES);

  addFileOptions(
    root
      .command('evaluate')
      .description("compute every applicant's entitlement and its award within the budget envelope")
      .argument('<programme>', `the programme: ${PROGRAMMES.join(', ')}`),
  )
    .requiredOption('--budget <amount>', 'the envelope B, in yuan, e.g. 407000000, 4.07亿 or 2000万')
    .option(
      '--method <method>',
      "how an oversubscribed envelope is shared: pro_rata (按比例核减), uniform_cap (统一封顶), ranked (择优排序); default: the programme's",
    )
    .option('--date <YYYY-MM-DD>', 'the parameters in force on this date (default: today)')
    .addOption(setOption())
    .option('--format <format>', `output format: ${OUTPUT_FORMATS.join(', ')}`, 'json')
    .option('--out <file>', 'write the result to this file (replaced whole, only on success; never an input file) instead of stdout')
    .option('--totals-only', 'only the totals, without the applicants')
    .option(
      '--trace <form>',
      "rd_incentive's JSON: full (default: every step with its rule in words and parameters) or compact (the rules and parameters listed once)",
    )
    .addHelpText('after', EVALUATE_EXAMPLES)
    .action((programme: string, options: EvaluateOptions) => evaluate(programme, options, io));

  root
    .command('template')
    .description('an XLSX applicant sheet to fill in: Chinese and English headers, a notes row, drop-downs; it reads back as it is')
    .argument('<programme>', `the programme: ${PROGRAMMES.join(', ')}`)
    .option('--out <file.xlsx>', 'the workbook to write (required)')
    .option('--rows <n>', 'rows given drop-downs', '1000')
    .addHelpText('after', TEMPLATE_EXAMPLES)
    .action((programme: string, options: TemplateOptions) => templateCommand(programme, options, io));

  root
    .command('parameters')
    .description("list every programme's parameters in force on a date: value, unit, source, ⚠ assumption, label")
    .option('--programme <programme>', `only this programme's: ${PROGRAMMES.join(', ')}`)
    .option('--date <YYYY-MM-DD>', 'the date (default: today)')
    .addOption(setOption())
    .option('--format <format>', `output format: ${PARAMETER_FORMATS.join(', ')}`, 'table')
    .addHelpText('after', PARAMETERS_EXAMPLES)
    .action((options: ParametersOptions) => listParameters(options, io));

  root
    .command('run')
    .description('evaluate a scenario: every programme within its envelope, and the ledger of its funding sources')
    .argument('<scenario>', 'a scenario file (FILE.json) or the name of a built-in scenario (bagui scenarios lists them)')
    .option('--format <format>', `output format: ${RUN_FORMATS.join(', ')}`, 'table')
    .option('--out <file>', 'write the result to this file (replaced whole, only on success) instead of stdout')
    .option('--recipients', "with --format json: every recipient's award and its split by funding source")
    .option('--lang <lang>', `xlsx: the workbook's labels, ${LANGS.join(' or ')}`, 'zh')
    .option('--bom', 'CSV on stdout: start with a UTF-8 byte-order mark (a CSV written with --out always has one)')
    .addHelpText('after', RUN_EXAMPLES)
    .action((scenario: string, options: RunOptions) => runScenarioCommand(scenario, options, io));

  const scenarios = root
    .command('scenarios')
    .description('list the built-in scenarios; `scenarios show NAME` prints one as a scenario file')
    .addHelpText('after', SCENARIOS_EXAMPLES)
    .action(() => listScenarios(io));
  scenarios
    .command('show')
    .description('print a built-in scenario as a scenario file, to copy and edit and run with bagui run FILE')
    .argument('<name>', 'the name of a built-in scenario')
    .option('--out <file>', 'write it to this file instead of stdout')
    .addHelpText('after', SCENARIOS_EXAMPLES)
    .action((name: string, options: { out?: string }) => showScenario(name, options, io));

  root
    .command('generate')
    .description("a seeded synthetic population of applicants, as CSV in the programme's input format")
    .argument('<population>', `the programme whose applicants to generate: ${POPULATIONS.map((p) => p.key).join(', ')}`)
    .option('--count <n>', 'how many rows (default: the count calibrated to the public figures, e.g. 1287 for rd_incentive)')
    .option('--seed <s>', 'the seed, a whole number from 0 to 4294967295: the same seed gives the same file', '2021')
    .option('--out <file>', 'write the CSV to this file instead of stdout')
    .addHelpText('after', GENERATE_EXAMPLES)
    .action((population: string, options: GenerateOptions) => generatePopulation(population, options, io));

  addFileOptions(
    root
      .command('compare')
      .description(
        "compare reforms with a baseline: every applicant's change, winners and losers, cost by group, bands of change, caps, envelope methods",
      )
      .argument('[programme]', `the programme (${PROGRAMMES.join(', ')}); or none, with --baseline SCENARIO`)
      .option('--baseline <scenario>', 'compare reforms of a scenario (FILE.json or a built-in name) instead of one programme'),
  )
    .option('--budget <amount>', 'the envelope B, in yuan, e.g. 4.07亿 or 2000万')
    .option('--method <method>', 'how an oversubscribed envelope is shared: pro_rata (default), uniform_cap, ranked')
    .option('--date <YYYY-MM-DD>', 'the baseline is the parameters in force on this date (default: today)')
    .addOption(
      new Option('--reform <file>', 'a reform file (JSON): {name, description?, layers?, overrides}; repeatable, one result each')
        .argParser(collect)
        .default([]),
    )
    .addOption(new Option('--set <path=value>', 'one more reform, made of these overrides (repeatable)').argParser(collect).default([]))
    .option('--methods <list>', 'also share the envelope by each of these methods, e.g. pro_rata,uniform_cap,ranked')
    .option('--threshold <amount>', 'an award that changes by no more than this counts as unchanged', '0')
    .addOption(
      new Option('--band <amount>', 'an edge of the bands of change, on either side of 0 (repeatable; default 1万, 10万, 100万)')
        .argParser(collect)
        .default([]),
    )
    .option('--format <format>', `output format: ${COMPARE_FORMATS.join(', ')}`, 'table')
    .option('--out <file>', 'write the result to this file (replaced whole, only on success) instead of stdout')
    .option('--recipients', "with --format json: every recipient's change")
    .addHelpText('after', COMPARE_EXAMPLES)
    .action((programme: string | undefined, options: CompareOptions) => compareCommand(programme, options, io));

  addFileOptions(
    root
      .command('sweep')
      .description(
        'evaluate a programme at every value of one parameter (or a grid of two): cost, firms funded and capped, mean and median award',
      )
      .argument('<programme>', `the programme: ${PROGRAMMES.join(', ')}`),
  )
    .option('--budget <amount>', 'the envelope B, in yuan, e.g. 4.07亿 or 2000万')
    .option('--method <method>', "how an oversubscribed envelope is shared: pro_rata, uniform_cap, ranked; default: the programme's")
    .option('--date <YYYY-MM-DD>', 'the parameters in force on this date (default: today)')
    .addOption(setOption())
    .option('--path <path>', 'the parameter to sweep (an amount or a rate), or budget for the envelope')
    .option('--from <value>', 'the first value, e.g. 300万 or 0.10')
    .option('--to <value>', 'the last value (included when a step lands on it)')
    .option('--step <value>', 'the step, e.g. 50万 or 0.01 (exact: never a float accumulated)')
    .addOption(new Option('--value <value>', 'a value to try instead of a range (repeatable)').argParser(collect).default([]))
    .option('--grid <PATH=FROM:TO:STEP>', 'a second parameter: every value of --path with every value of this one')
    .option('--by <group>', 'table and csv: each point also by scale, city, industry, high_tech or gazelle')
    .option('--metrics', "with --format json: each point's cost, firms funded and capped, mean and median award, by group")
    .option('--format <format>', `output format: ${SWEEP_FORMATS.join(', ')}`, 'table')
    .option('--out <file>', 'write the result to this file (replaced whole, only on success) instead of stdout')
    .addHelpText('after', SWEEP_EXAMPLES)
    .action((programme: string, options: SweepOptions) => sweepCommand(programme, options, io));

  addKeysCommand(root, io);
  return root;
}

/**
 * The whole command: parses `argv` (without `node` and the script), does the work and returns
 * the exit code. Never throws: an unexpected failure is exit code 1 with a short message.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    // parseAsync waits for the command's action, so its failures arrive here.
    await program(io).parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return report(error, io);
  }
}

async function report(error: unknown, io: Io): Promise<number> {
  if (error instanceof CommanderError) {
    // Commander has printed its message (or the help, or the version) already.
    return error.exitCode === 0 ? EXIT_OK : EXIT_INPUT;
  }
  if (error instanceof InputError) {
    await io.stderr.write([`error: ${error.message}`, ...error.details, ''].join('\n'));
    return EXIT_INPUT;
  }
  if (error instanceof BaguiError) {
    await io.stderr.write([`error: invalid input; nothing was computed`, ...error.problems.map(formatProblem), ''].join('\n'));
    return EXIT_INPUT;
  }
  const debug = io.env.BAGUI_DEBUG === '1';
  const message = error instanceof Error ? error.message : String(error);
  await io.stderr.write(
    debug && error instanceof Error && error.stack !== undefined
      ? `internal error: ${error.stack}\n`
      : `internal error: ${message}\n(this is a bug in bagui; run again with BAGUI_DEBUG=1 to see where it happened)\n`,
  );
  return EXIT_INTERNAL;
}
