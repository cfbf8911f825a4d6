import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Chart } from '../../ui/Chart';
import { ExportButtons } from '../../ui/ExportButtons';
import { Figures } from '../../ui/Figures';
import { formatCount, formatShare } from '../../ui/intl';
import { programmeName } from '../../ui/labels';
import { Money } from '../../ui/Money';
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
              <thead>
                <tr>
                  <th scope="col">{t('common.method')}</th>
                  <th scope="col" className="num">
                    {t('common.awarded')}
                  </th>
                  <th scope="col" className="num">
                    {t('common.unallocated')}
                  </th>
                  <th scope="col" className="num">
                    {t('common.funded')}
                  </th>
                  <th scope="col" className="num">
                    {t('common.fullyFunded')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {v.methods.map((m) => (
                  <tr key={m.method} className={m.method === method ? 'chosen' : undefined}>
                    <th scope="row">{t(`method.${m.method}`)}</th>
                    <td className="num">
                      <Money fen={m.awarded} />
                    </td>
                    <td className="num">
                      <Money fen={m.unallocated} />
                    </td>
                    <td className="num">{formatCount(m.funded, lang)}</td>
                    <td className="num">{formatCount(m.fullyFunded, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {chosen === undefined ? null : (
              <table className="figures">
                <caption>{t('results.band')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('results.band')}</th>
                    <th scope="col" className="num">
                      {t('common.recipients')}
                    </th>
                    {v.methods.map((m) => (
                      <th key={m.method} scope="col" className="num">
                        {t('applicants.share')} · {t(`method.${m.method}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {chosen.bands.map((b, k) => (
                    <tr key={b.label.en}>
                      <th scope="row">{lang === 'zh-CN' ? b.label.zh : b.label.en}</th>
                      <td className="num">{formatCount(b.recipients, lang)}</td>
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
