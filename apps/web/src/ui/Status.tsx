import { useTranslation } from 'react-i18next';
import type { Problem } from '../engine/protocol';

/** Marks a result being recomputed (and says so to screen readers), or how long the last took. */
export function Status({ stale, ms }: { readonly stale: boolean; readonly ms: number | undefined }) {
  const { t } = useTranslation();
  return (
    <p className={stale ? 'status stale' : 'status'} role="status" aria-live="polite">
      {stale ? t('status.stale') : ms === undefined ? t('status.notYet') : t('status.computed', { ms: Math.max(1, Math.round(ms)) })}
    </p>
  );
}

/** Every problem of an input where it is: line, column, value and reason (or the JSON path). */
export function ProblemTable({ problems, file = false }: { readonly problems: readonly Problem[]; readonly file?: boolean }) {
  const { t } = useTranslation();
  const byLine = problems.some((p) => p.location?.line !== undefined);
  // A workbook's problems name their cell (`申报表!D7`): the first column then says where in the book.
  const cellOf = (p: Problem): string | undefined => (p.location as { readonly cell?: string } | undefined)?.cell;
  const byCell = problems.some((p) => cellOf(p) !== undefined);
  return (
    <section className="problems" role="alert" aria-labelledby="problems-heading">
      <h3 id="problems-heading">{t(file ? 'problems.fileHeading' : 'problems.heading', { count: problems.length })}</h3>
      <table>
        <thead>
          <tr>
            {byLine ? (
              <>
                <th scope="col">{t(byCell ? 'problems.cell' : 'problems.line')}</th>
                <th scope="col">{t('problems.column')}</th>
              </>
            ) : (
              <th scope="col">{t('problems.where')}</th>
            )}
            <th scope="col">{t('problems.value')}</th>
            <th scope="col">{t('problems.reason')}</th>
            <th scope="col">{t('problems.code')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              {byLine ? (
                <>
                  <td>{(byCell ? cellOf(p) : undefined) ?? p.location?.line ?? ''}</td>
                  <td>{p.location?.column ?? ''}</td>
                </>
              ) : (
                <td>{p.location?.path?.join('.') ?? ''}</td>
              )}
              <td>{p.location?.value ?? ''}</td>
              <td>{p.message}</td>
              <td>
                <code>{p.code}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
