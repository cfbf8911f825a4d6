import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Chart } from '../../ui/Chart';
import { ColumnHeads, CountCell, MoneyCell, num } from '../../ui/FigureTable';
import { ExportButtons } from '../../ui/ExportButtons';
import { Figures } from '../../ui/Figures';
import { formatCount, formatShare } from '../../ui/intl';
import { programmeName } from '../../ui/labels';
import { ProgrammePicker, useProgrammeId } from '../../ui/ProgrammePicker';
import { ProblemTable, Status } from '../../ui/Status';
import { useLang } from '../../ui/use-lang';
import { useResults } from './use-results';

/** Totals and unallocated, the envelope method switch and the three methods side by side, the charts, the export. */
export default function ResultsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useProgrammeId(useParams().id);
  const { entry, programme, view, chooseMethod, charts } = useResults(id);
  if (id === undefined || entry === undefined || programme === undefined) return <h1>{t('results.heading')}</h1>;
  const v = view.value;
  const method = entry.method ?? programme.defaultMethod;
  const chosen = v?.methods.find((m) => m.method === method);
  return (
    <>
      <h1>
        {t('results.heading')} · {programmeName(programme.key, lang)}
      </h1>
      <ProgrammePicker current={id} base="/results" />
      <fieldset className="methods">
        <legend>{t('results.methodSwitch')}</legend>
        {programme.methods.map((m) => (
          <label key={m}>
            <input type="radio" name="method" value={m} checked={m === method} onChange={() => chooseMethod(m)} />
            {t(`method.${m}`)}
          </label>
        ))}
      </fieldset>
      <Status stale={view.stale} ms={view.ms} />
      {view.problems === undefined ? null : <ProblemTable problems={view.problems} />}
      {v === undefined ? null : (
        <div className={view.stale ? 'is-stale' : undefined}>
          <Figures
            figures={[
              { label: t('common.envelope'), fen: v.totals.envelope },
              { label: t('common.entitlement'), fen: v.totals.entitlement },
              { label: t('common.awarded'), fen: v.totals.awarded },
              { label: t('common.unallocated'), fen: v.totals.unallocated },
              { label: t('common.funded'), text: `${formatCount(v.totals.funded, lang)} / ${formatCount(v.totals.recipients, lang)}` },
            ]}
          />
          <section aria-labelledby="methods-heading">
            <h2 id="methods-heading">{t('results.sideBySide')}</h2>
            <table className="figures">
              <ColumnHeads
                columns={[
                  t('common.method'),
                  num(t('common.awarded')),
                  num(t('common.unallocated')),
                  num(t('common.funded')),
                  num(t('common.fullyFunded')),
                ]}
              />
              <tbody>
                {v.methods.map((m) => (
                  <tr key={m.method} className={m.method === method ? 'chosen' : undefined}>
                    <th scope="row">{t(`method.${m.method}`)}</th>
                    <MoneyCell fen={m.awarded} />
                    <MoneyCell fen={m.unallocated} />
                    <CountCell n={m.funded} />
                    <CountCell n={m.fullyFunded} />
                  </tr>
                ))}
              </tbody>
            </table>
            {chosen === undefined ? null : (
              <table className="figures">
                <caption>{t('results.band')}</caption>
                <ColumnHeads
                  columns={[
                    t('results.band'),
                    num(t('common.recipients')),
                    ...v.methods.map((m) => num(`${t('applicants.share')} · ${t(`method.${m.method}`)}`, m.method)),
                  ]}
                />
                <tbody>
                  {chosen.bands.map((b, k) => (
                    <tr key={b.label.en}>
                      <th scope="row">{lang === 'zh-CN' ? b.label.zh : b.label.en}</th>
                      <CountCell n={b.recipients} />
                      {v.methods.map((m) => (
                        <td key={m.method} className="num">
                          {formatShare(m.bands[k]?.share ?? null, lang)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {charts === undefined ? null : (
            <section aria-labelledby="charts-heading" className="charts">
              <h2 id="charts-heading" className="visually-hidden">
                {t('results.distribution')}
              </h2>
              <Chart title={t('results.distribution')} option={charts.distribution} file={`${id}-distribution`} />
              <Chart title={t('results.cappedVsScaled')} option={charts.cappedVsScaled} file={`${id}-capped-vs-scaled`} />
              {charts.groups.map((g) => (
                <Chart key={g.key} title={g.title} option={g.option} file={`${id}-by-${g.key}`} height={g.height} />
              ))}
            </section>
          )}
        </div>
      )}
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{t('results.export')}</h2>
        <p className="muted">{t('results.exportHint')}</p>
        <ExportButtons />
      </section>
    </>
  );
}
