import type ExcelJS from 'exceljs';
import type { Result } from '@bagui/core/errors';
import type { ResolvedParameter } from '@bagui/core/parameters';
import type { TraceStep } from '@bagui/core/programmes';
import { explainTrace, type ExplainLabels, type Lang } from './explain.js';
import { addHeadedSheet, ASSUMPTION_FILL, cellText } from './style.js';
import { setCell, writeTable, type TableSpec, type TableWritten } from './table.js';
import { commitSheet, inMemoryTarget, type WorkbookTarget } from './target.js';

/** How an output was made: the "about" sheet (and what the CLI prints on stderr and in `--meta`). */
export interface RunAbout {
  /** `@bagui/core`'s version (the engine). */
  readonly engineVersion: string;
  /** The parameter set's version (its hash), per programme when there are several. */
  readonly parametersVersion: string;
  /** The date whose parameters were used. */
  readonly date: string;
  /** True when no date was given and today's was used. */
  readonly dateDefaulted?: boolean;
  readonly inputFile?: { readonly name: string; readonly sha256: string };
  /** When the run was made, ISO 8601. */
  readonly ranAt: string;
  /** What was run, e.g. `bagui evaluate rd_incentive --budget 4.07亿`. */
  readonly command?: string;
}

/** One applicant's explanation: its trace and the figures it leads to. */
export interface ExplanationRow {
  readonly id: string;
  readonly name?: string;
  /** Integer fen. */
  readonly entitlement: number;
  readonly award: number;
  readonly trace: readonly TraceStep[];
}

const TEXT = {
  zh: {
    parameters: '参数与来源',
    explanations: '说明',
    about: '关于',
    parameterColumns: ['项目', '参数', '名称', '取值', '单位', '生效', '来源', '假设'],
    explanationColumns: ['编号', '名称', '应得额', '资助额', '计算说明'],
    reform: '改革方案',
    assumption: '⚠ 假设',
    aboutRows: {
      engine: '引擎版本 (@bagui/core)',
      parameters: '参数版本',
      date: '适用日期',
      defaulted: '（未指定日期，按运行当天）',
      file: '输入文件',
      sha: '输入文件 SHA-256',
      ranAt: '运行时间',
      command: '命令',
    },
    aboutColumns: ['项目', '内容'],
  },
  en: {
    parameters: 'Parameters & sources',
    explanations: 'Explanations',
    about: 'About',
    parameterColumns: ['Programme', 'Parameter', 'Label', 'Value', 'Unit', 'In force from', 'Source', 'Assumption'],
    explanationColumns: ['ID', 'Name', 'Entitlement', 'Award', 'How it was computed'],
    reform: 'reform',
    assumption: '⚠ assumption',
    aboutRows: {
      engine: 'Engine version (@bagui/core)',
      parameters: 'Parameters version',
      date: 'Date used',
      defaulted: ' (no date given: the day of the run)',
      file: 'Input file',
      sha: 'Input file SHA-256',
      ranAt: 'Run at',
      command: 'Command',
    },
    aboutColumns: ['Item', 'Value'],
  },
} as const;

/**
 * An output workbook: result tables (one sheet per programme for a scenario), the parameters
 * used with their sources (⚠ assumptions marked), each applicant's explanation, and how the
 * output was made. Sheets are written in the order they are added, each once (so the same
 * builder streams in Node: `streamingResultWorkbook` in `@bagui/sheets/xlsx/stream`).
 */
export class ResultWorkbook {
  constructor(
    private readonly target: WorkbookTarget,
    readonly lang: Lang = 'zh',
  ) {}

  /** A result table: frozen header, filters, widths, yuan amounts, a totals row. */
  addTable(spec: TableSpec): Result<TableWritten> {
    return writeTable(this.target, spec);
  }

  /** The 参数与来源 sheet: each parameter's value, unit, date in force and source; assumptions filled and marked ⚠. */
  addParameters(groups: readonly { readonly programme: string; readonly parameters: readonly ResolvedParameter[] }[]): void {
    const t = TEXT[this.lang];
    const sheet = this.sheet(t.parameters, t.parameterColumns, [16, 40, 30, 24, 10, 12, 50, 12]);
    for (const { programme, parameters } of groups) {
      for (const p of parameters) {
        const d = p.definition;
        const row = sheet.addRow([
          programme,
          d.path,
          `${d.assumption ? '⚠ ' : ''}${d.label[this.lang]}`,
          p.display,
          d.unit,
          p.overridden ? t.reform : p.from,
          d.source.citation,
          d.assumption ? t.assumption : '',
        ]);
        row.alignment = { vertical: 'top', wrapText: true };
        if (d.assumption) row.eachCell({ includeEmpty: true }, (cell) => (cell.fill = ASSUMPTION_FILL));
        row.commit();
      }
    }
    commitSheet(sheet);
  }

  /** The 说明 sheet: one row per applicant, its explanation in the workbook's language. */
  addExplanations(rows: Iterable<ExplanationRow>, labels: ExplainLabels = {}): void {
    const t = TEXT[this.lang];
    const sheet = this.sheet(t.explanations, t.explanationColumns, [16, 24, 16, 16, 100]);
    for (const r of rows) {
      const row = sheet.addRow([r.id, r.name ?? '', null, null, cellText(explainTrace(r.trace, this.lang, labels))]);
      setCell(row.getCell(3), 'amount', r.entitlement);
      setCell(row.getCell(4), 'amount', r.award);
      row.alignment = { vertical: 'top', wrapText: true };
      row.commit();
    }
    commitSheet(sheet);
  }

  /** The "about" sheet: engine and parameters versions, the date used, the input file and its SHA-256, the time of the run. */
  addAbout(about: RunAbout): void {
    const t = TEXT[this.lang];
    const sheet = this.sheet(t.about, t.aboutColumns, [30, 80]);
    const rows: [string, string][] = [
      [t.aboutRows.engine, about.engineVersion],
      [t.aboutRows.parameters, about.parametersVersion],
      [t.aboutRows.date, `${about.date}${about.dateDefaulted === true ? t.aboutRows.defaulted : ''}`],
    ];
    if (about.inputFile !== undefined) rows.push([t.aboutRows.file, about.inputFile.name], [t.aboutRows.sha, about.inputFile.sha256]);
    rows.push([t.aboutRows.ranAt, about.ranAt]);
    if (about.command !== undefined) rows.push([t.aboutRows.command, about.command]);
    for (const values of rows) sheet.addRow(values.map(cellText)).commit();
    commitSheet(sheet);
  }

  /** Ends the workbook: its bytes when built in memory. */
  finish(): Promise<Uint8Array | undefined> {
    return this.target.finish();
  }

  /** The book's sheets have headers that do not wrap. */
  private sheet(name: string, columns: readonly string[], widths: readonly number[]): ExcelJS.Worksheet {
    return addHeadedSheet(this.target.workbook, name, columns, widths, { wrap: false });
  }
}

/** An output workbook built in memory (browser and Node): `finish()` gives its bytes. */
export function resultWorkbook(lang: Lang = 'zh'): ResultWorkbook {
  return new ResultWorkbook(inMemoryTarget(), lang);
}
