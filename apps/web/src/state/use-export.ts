import { useState } from 'react';
import type { Problem } from '../engine/protocol';
import { tableFile } from '../io/tables';
import { download } from '../ui/download';
import { useLang } from '../ui/use-lang';
import { usePlanner } from './planner';

export type ExportFormat = 'csv' | 'xlsx';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Every recipient's result, downloaded: CSV (rows from the worker, written by io/tables) or an
 * XLSX workbook (written in the worker by @bagui/sheets, which loads only then), in the
 * planner's language. `exporting` says which is being made; `problems` why the last failed.
 */
export function useExportResults() {
  const { scenario, engine } = usePlanner();
  const lang = useLang();
  const [exporting, setExporting] = useState<ExportFormat | undefined>();
  const [problems, setProblems] = useState<readonly Problem[] | undefined>();

  const exportAs = async (format: ExportFormat): Promise<void> => {
    setExporting(format);
    setProblems(undefined);
    try {
      if (format === 'xlsx') {
        const ranAt = new Date().toISOString();
        const { result } = await engine.request({ kind: 'exportWorkbook', scenario, lang: lang === 'zh-CN' ? 'zh' : 'en', ranAt });
        if (!result.ok) return setProblems(result.problems);
        download(new Blob([result.value as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE }), `${scenario.name}-results.xlsx`);
      } else {
        const { result } = await engine.request({ kind: 'exportResults', scenario });
        if (!result.ok) return setProblems(result.problems);
        const { blob, name } = tableFile(result.value, `${scenario.name}-results`);
        download(blob, name);
      }
    } finally {
      setExporting(undefined);
    }
  };

  return { exportAs, exporting, problems };
}
