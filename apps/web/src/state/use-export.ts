import { tableFile, type TableFormat } from '../io/tables';
import { download } from '../ui/download';
import { usePlanner } from './planner';

/** Every recipient's result, computed in the worker, written by io/tables, downloaded. */
export function useExportResults() {
  const { scenario, engine } = usePlanner();
  return async (format: TableFormat = 'csv'): Promise<boolean> => {
    const { result } = await engine.request({ kind: 'exportResults', scenario });
    if (!result.ok) return false;
    const { blob, name } = tableFile(result.value, `${scenario.name}-results`, format);
    download(blob, name);
    return true;
  };
}
