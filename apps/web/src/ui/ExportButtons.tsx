import { useTranslation } from 'react-i18next';
import { useExportResults } from '../state/use-export';
import { ProblemTable } from './Status';

/** Export every result as CSV or as an Excel workbook, saying while the workbook is being made. */
export function ExportButtons() {
  const { t } = useTranslation();
  const { exportAs, exporting, problems } = useExportResults();
  return (
    <>
      <div className="actions">
        <button type="button" onClick={() => void exportAs('csv')} disabled={exporting !== undefined}>
          {t('results.exportCsv')}
        </button>
        <button type="button" onClick={() => void exportAs('xlsx')} disabled={exporting !== undefined}>
          {t('results.exportXlsx')}
        </button>
      </div>
      <p role="status" className="muted">
        {exporting === 'xlsx' ? t('results.exportingXlsx') : ''}
      </p>
      {problems === undefined ? null : <ProblemTable problems={problems} />}
    </>
  );
}
