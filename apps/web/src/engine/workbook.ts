import { fail, ok, problem, type Result } from '@bagui/core/errors';
import type { ScenarioResult } from '@bagui/core/scenario';
import { ENGINE_VERSION } from '@bagui/core/version';
import { applicantAccessor, resultTable, resultWorkbook, type ExplanationRow, type Lang } from '@bagui/sheets/xlsx';

/**
 * Recipients of one programme whose explanation goes in the 说明 sheet: every one up to this many,
 * so a workbook of a 100,000-firm population stays a file Excel opens quickly (the result sheet
 * still has every recipient; the planner explains any one of them on the applicants screen).
 */
const EXPLAINED_PER_PROGRAMME = 10_000;

/**
 * A scenario's results as an XLSX workbook, by @bagui/sheets: one sheet per programme entry (each
 * applicant's columns, entitlement and award in yuan to the fen, frozen header, filters, a totals
 * row), 参数与来源 (every parameter with its value, date in force and source, ⚠ assumptions), 说明
 * (each recipient's explanation), and 关于 (engine and parameters versions, the date). Loaded only
 * when a person asks for a workbook: exceljs stays out of the page's first load and the worker's.
 */
export async function scenarioWorkbook(
  result: ScenarioResult,
  applicants: ReadonlyMap<string, unknown>,
  lang: Lang,
  ranAt: string,
): Promise<Result<Uint8Array>> {
  const book = resultWorkbook(lang);
  const used = new Set<string>();
  for (const { entry, outcome } of result.programmes) {
    const label = lang === 'zh' ? entry.programme.label.zh : entry.programme.label.en;
    const sheet = sheetName(label, entry.id, used);
    const written = book.addTable(
      resultTable({
        sheet,
        fields: entry.programme.applicantFields,
        lang,
        applicant: applicantAccessor(applicants.get(entry.id)),
        figures: { ids: outcome.ids, entitlements: outcome.entitlements, awards: outcome.awards },
      }),
    );
    if (!written.ok) return written;
  }
  book.addParameters(result.programmes.map(({ entry }) => ({ programme: entry.id, parameters: entry.parameters.all() })));
  book.addExplanations(explanations(result), {
    fields: result.programmes.flatMap(({ entry }) => entry.programme.applicantFields),
    parameters: result.programmes.flatMap(({ entry }) => entry.programme.parameters),
  });
  const first = result.programmes[0]?.entry;
  book.addAbout({
    engineVersion: ENGINE_VERSION,
    parametersVersion: result.programmes.map(({ entry, outcome }) => `${entry.id}: ${outcome.parametersVersion}`).join('; '),
    date: first?.date ?? '',
    ranAt,
    command: `${result.scenario.name} (Bagui planner)`,
  });
  const bytes = await book.finish();
  return bytes === undefined ? fail(problem('XLSX.NOT_WRITTEN', 'the workbook could not be written')) : ok(bytes);
}

function* explanations(result: ScenarioResult): Generator<ExplanationRow> {
  for (const { outcome } of result.programmes) {
    const n = Math.min(outcome.ids.length, EXPLAINED_PER_PROGRAMME);
    for (let i = 0; i < n; i++) {
      yield {
        id: outcome.ids[i] ?? '',
        entitlement: outcome.entitlements[i] ?? 0,
        award: outcome.awards[i] ?? 0,
        trace: outcome.trace(i),
      };
    }
  }
}

/** A sheet name Excel accepts (at most 31 characters, none of []:*?/\), once per workbook. */
function sheetName(label: string, id: string, used: Set<string>): string {
  const clean = (s: string): string => s.replace(/[[\]:*?/\\]/gu, ' ').slice(0, 31);
  let name = clean(label);
  if (used.has(name)) name = clean(`${label.slice(0, 20)} ${id}`);
  for (let k = 2; used.has(name); k++) name = clean(`${label.slice(0, 20)} ${k}`);
  used.add(name);
  return name;
}
