import { compareScenario, scenarioComparisonToCsv, scenarioComparisonToJson } from '@bagui/core/compare';
import { formatProblem } from '@bagui/core/errors';
import type { Fen } from '@bagui/core/money';
import { parameterRegistry } from '@bagui/core/programmes';
import { ENGINE_VERSION } from '@bagui/core/version';
import { scenarioComparisonTable } from '../comparison-table.js';
import { csvWorkbook } from '../csv-workbook.js';
import { InputError, throwIfAny, type OptionProblem } from '../input-error.js';
import type { Io } from '../io.js';
import { withBom, writeResult } from '../output.js';
import { checkReformList, readReforms, setOptionsReform } from '../reform-files.js';
import { loadScenarioFile } from '../scenario-file.js';
/** What a scenario comparison takes of `bagui compare`'s options. */
export interface ScenarioCompareOptions {
  readonly baseline?: string;
  readonly reform: readonly string[];
  readonly set: readonly string[];
  readonly recipients?: boolean;
  readonly out?: string;
  readonly bom?: boolean;
  readonly lang?: string;
}

/** `bagui compare --baseline NAME|FILE.json --reform …`: reforms of a whole scenario, every programme it funds. */
export async function compareScenarioCommand(
  options: ScenarioCompareOptions,
  diff: { threshold?: Fen; bands?: Fen[] },
  format: 'table' | 'json' | 'csv' | 'xlsx',
  io: Io,
): Promise<void> {
  const found: OptionProblem[] = [];
  const setReform = setOptionsReform(options.set, parameterRegistry, found);
  throwIfAny(found);
  const reforms = [...(await readReforms(options.reform, parameterRegistry, io)), ...(setReform === undefined ? [] : [setReform])];
  if (reforms.length === 0) throw new InputError('nothing to compare: give a reform (--reform FILE.json, or --set PATH=VALUE)');
  checkReformList(reforms, undefined, [...options.reform, '--set']);
  const { scenario, readFile } = await loadScenarioFile(options.baseline ?? '', io, 'compare');
  const result = compareScenario(scenario, reforms, { readFile, ...diff });
  if (!result.ok) throw new InputError('the comparison cannot be made; nothing was computed', result.problems.map(formatProblem));
  const c = result.value;
  const chunks =
    format === 'json'
      ? [`${JSON.stringify(scenarioComparisonToJson(c, { recipients: options.recipients === true }), null, 2)}\n`]
      : format === 'csv'
        ? withBom(scenarioComparisonToCsv(c), options.out !== undefined, options.bom)
        : format === 'xlsx'
          ? [
              await csvWorkbook(scenarioComparisonToCsv(c), 'compare', options.lang === 'en' ? 'en' : 'zh', {
                engineVersion: ENGINE_VERSION,
                parametersVersion: c.scenario.hash,
                date: `each programme's, as scenario ${c.scenario.name} sets it`,
                ranAt: io.now(),
                command: `bagui compare --baseline ${options.baseline ?? ''}`,
              }),
            ]
          : [scenarioComparisonTable(c)];
  await writeResult(
    chunks,
    options.out,
    io,
    `${c.reforms.length} ${c.reforms.length === 1 ? 'reform' : 'reforms'} compared on the scenario ${c.scenario.name}`,
  );
}
