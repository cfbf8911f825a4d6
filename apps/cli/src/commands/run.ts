import { formatProblem, problem } from '@bagui/core/errors';
import { formatJson, formatZh } from '@bagui/core/money';
import { evaluateScenario, scenarioResultToJson, type ScenarioResult } from '@bagui/core/scenario';
import { ENGINE_VERSION } from '@bagui/core/version';
import { csvChunks } from '@bagui/sheets/csv';
import type { Lang } from '../amounts.js';
import { InputError, knownFormat, optionProblems, throwIfAny, type OptionProblem } from '../input-error.js';
import { withBom, writeResult, xlsxNeedsOut } from '../output.js';
import type { Io } from '../io.js';
import { invalidScenario, loadScenarioFile } from '../scenario-file.js';
import { scenarioTable } from '../scenario-table.js';

export interface RunOptions {
  readonly format: string;
  readonly out?: string;
  readonly recipients?: boolean;
  readonly lang?: string;
  readonly bom?: boolean;
}

export const RUN_FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;
type RunFormat = (typeof RUN_FORMATS)[number];

/** `bagui run FILE.json|NAME`: evaluates every programme of a scenario and its funding ledger. */
export async function runScenarioCommand(target: string, options: RunOptions, io: Io): Promise<void> {
  const format = checkRunOptions(options);
  const { scenario, readFile, label } = await loadScenarioFile(target, io, 'run');
  const result = evaluateScenario(scenario, { readFile });
  if (!result.ok) throw invalidScenario(label, result.problems);

  const chunks =
    format === 'json'
      ? [`${JSON.stringify(scenarioResultToJson(result.value, { recipients: options.recipients === true }), null, 2)}\n`]
      : format === 'csv'
        ? withBom(recipientsCsv(result.value), options.out !== undefined, options.bom)
        : format === 'xlsx'
          ? [await scenarioWorkbook(result.value, options.lang === 'en' ? 'en' : 'zh', io.now())]
          : [scenarioTable(result.value)];
  const { totals } = result.value;
  await writeResult(
    chunks,
    options.out,
    io,
    `${totals.applicants} applicants, ${totals.paid} paid, awarded ${formatZh(totals.awarded)} of ${formatZh(totals.envelope)}`,
  );
}

function checkRunOptions(options: RunOptions): RunFormat {
  const found: OptionProblem[] = [];
  const known = knownFormat(RUN_FORMATS, options.format, 'format');
  if (!known.ok) found.push(...known.problems);
  const format = known.ok ? known.value : undefined;
  if (format === 'xlsx' && options.out === undefined) found.push(...optionProblems('--format', [xlsxNeedsOut(options.format)]));
  if (options.recipients === true && format !== 'json' && format !== undefined) {
    found.push(
      ...optionProblems('--recipients', [
        problem('OPTION.RECIPIENTS_NEED_JSON', 'the per-recipient lists are only in the JSON output: add --format json', {
          value: format,
        }),
      ]),
    );
  }
  throwIfAny(found);
  return format ?? 'table';
}

/** One row per programme entry and recipient: the entry, its programme, the recipient's id, entitlement and award (the cap applied). */
function* recipientsCsv(result: ScenarioResult): Generator<string> {
  function* rows(): Generator<string[]> {
    for (const p of result.programmes) {
      const o = p.outcome;
      for (let i = 0; i < o.ids.length; i++) {
        yield [p.entry.id, p.entry.programme.key, o.ids[i] ?? '', formatJson(o.entitlements[i] ?? 0), formatJson(o.awards[i] ?? 0)];
      }
    }
  }
  yield* csvChunks(['entry', 'programme', 'id', 'entitlement', 'award'], rows(), { bom: false });
}

/**
 * The scenario as a workbook: a sheet per programme entry (each recipient's entitlement and award,
 * a totals row), 参数与来源 with every entry's parameters (⚠ marked), and the about sheet.
 */
async function scenarioWorkbook(result: ScenarioResult, lang: Lang, ranAt: string): Promise<Uint8Array> {
  const { resultTable, resultWorkbook } = await import('@bagui/sheets/xlsx');
  const book = resultWorkbook(lang);
  for (const p of result.programmes) {
    const o = p.outcome;
    const written = book.addTable(
      resultTable({
        sheet: p.entry.id,
        fields: p.entry.programme.applicantFields.filter((f) => f.kind === 'id'),
        lang,
        applicant: (i) => ({ id: o.ids[i] }),
        figures: { ids: o.ids, entitlements: o.entitlements, awards: o.awards },
      }),
    );
    if (!written.ok)
      throw new InputError('the result does not fit in a workbook; nothing was written', written.problems.map(formatProblem));
  }
  book.addParameters(
    result.programmes.map((p) => ({ programme: `${p.entry.id} (${p.entry.programme.key})`, parameters: p.entry.parameters.all() })),
  );
  book.addAbout({
    engineVersion: ENGINE_VERSION,
    parametersVersion: result.programmes.map((p) => `${p.entry.id}: ${p.entry.parameters.version}`).join('; '),
    date: result.programmes.map((p) => `${p.entry.id}: ${p.entry.date}`).join('; '),
    ranAt,
    command: `bagui run ${result.scenario.name}`,
  });
  return (await book.finish()) ?? new Uint8Array(0);
}
