import { useTranslation } from 'react-i18next';
import { usePlanner } from '../../state/planner';

import { groupName, groupValue, programmeName, sourceName } from '../../ui/labels';
import { findProgramme } from '@bagui/core/programmes';
import { ColumnHeads, CountCell, MoneyCell, num } from '../../ui/FigureTable';
import { OverridesEditor } from '../../ui/OverridesEditor';
import { ProblemTable, Status } from '../../ui/Status';
import { useLang } from '../../ui/use-lang';
import { useCompare } from './use-compare';

/** A baseline (the scenario) and several reforms side by side: what each does, what it costs, who gains and who loses. */
export default function ComparePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { scenario } = usePlanner();
  const { definitions, drafts, setDrafts, run, state } = useCompare();
  const value = state.value;
  const programmeOfId = (id: string) => findProgramme(scenario.programmes.find((p) => (p.id ?? p.programme) === id)?.programme ?? id);
  const programmeOf = (id: string): string =>
    programmeName(scenario.programmes.find((p) => (p.id ?? p.programme) === id)?.programme ?? id, lang);
  return (
    <>
      <h1>{t('compare.heading')}</h1>
      <p>{t('compare.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <h2>{t('compare.reforms')}</h2>
        {drafts.map((d, i) => (
          <section key={i} className="reform-draft" aria-label={t('compare.reform', { n: i + 1 })}>
            <label>
              {t('compare.name')} {i + 1}
              <input
                type="text"
                value={d.name}
                required
                onChange={(e) => setDrafts(drafts.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))}
              />
            </label>
            <OverridesEditor
              label={t('compare.reform', { n: i + 1 })}
              overrides={d.overrides}
              definitions={definitions}
              onChange={(overrides) => setDrafts(drafts.map((x, k) => (k === i ? { ...x, overrides } : x)))}
            />
            <button type="button" onClick={() => setDrafts(drafts.filter((_, k) => k !== i))}>
              {t('compare.removeReform', { name: d.name })}
            </button>
          </section>
        ))}
        <div className="actions">
          <button type="button" onClick={() => setDrafts([...drafts, { name: `reform-${drafts.length + 1}`, overrides: [] }])}>
            {t('compare.addReform')}
          </button>
          <button type="submit" className="primary" disabled={drafts.length === 0}>
            {t('compare.run')}
          </button>
        </div>
        {drafts.length === 0 ? <p>{t('compare.noReforms')}</p> : null}
      </form>
      <Status stale={state.stale} ms={state.ms} />
      {state.problems === undefined ? null : <ProblemTable problems={state.problems} />}
      {value === undefined ? null : (
        <div className={state.stale ? 'is-stale' : undefined}>
          <section aria-labelledby="compare-totals">
            <h2 id="compare-totals">{t('compare.totals')}</h2>
            <table className="figures">
              <ColumnHeads
                columns={[
                  '',
                  num(t('common.entitlement')),
                  num(t('common.awarded')),
                  num(t('common.unallocated')),
                  num(t('common.change')),
                ]}
              />
              <tbody>
                <tr>
                  <th scope="row">{t('common.baseline')}</th>
                  <MoneyCell fen={value.baseline.entitlement} />
                  <MoneyCell fen={value.baseline.awarded} />
                  <MoneyCell fen={value.baseline.unallocated} />
                  <td />
                </tr>
                {value.reforms.map((r) => (
                  <tr key={r.name}>
                    <th scope="row">{r.name}</th>
                    <MoneyCell fen={r.totals.entitlement} />
                    <MoneyCell fen={r.totals.awarded} />
                    <MoneyCell fen={r.totals.unallocated} />
                    <MoneyCell fen={r.change.awarded} signed />
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <div className="side-by-side">
            {value.reforms.map((r) => (
              <section key={r.name} className="reform-result" aria-label={r.name}>
                <h2>{r.name}</h2>
                <h3>{t('compare.summary')}</h3>
                <ul className="summary">
                  {(lang === 'zh-CN' ? r.summary.zh : r.summary.en).map((line, k) => (
                    <li key={k}>{line}</li>
                  ))}
                </ul>
                <table className="figures">
                  <caption>{t('compare.byProgramme')}</caption>
                  <ColumnHeads
                    columns={[t('common.programme'), num(t('common.change')), num(t('compare.winners')), num(t('compare.losers'))]}
                  />
                  <tbody>
                    {r.programmes.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">{programmeOf(p.id)}</th>
                        <MoneyCell fen={p.change} signed />
                        <CountCell n={p.winners} />
                        <CountCell n={p.losers} />
                      </tr>
                    ))}
                  </tbody>
                </table>
                <table className="figures">
                  <caption>{t('compare.bySource')}</caption>
                  <tbody>
                    {r.sources.map((s) => (
                      <tr key={s.key}>
                        <th scope="row">{sourceName(scenario, s.key, lang)}</th>
                        <MoneyCell fen={s.change} signed />
                      </tr>
                    ))}
                  </tbody>
                </table>
                <table className="figures">
                  <caption>{t('compare.bands')}</caption>
                  <tbody>
                    {r.bands.map((b) => (
                      <tr key={b.label.en}>
                        <th scope="row">{lang === 'zh-CN' ? b.label.zh : b.label.en}</th>
                        <CountCell n={b.recipients} />
                        <MoneyCell fen={b.change} signed />
                      </tr>
                    ))}
                  </tbody>
                </table>
                {r.groups.length === 0 ? null : (
                  <table className="figures">
                    <caption>{t('compare.groups')}</caption>
                    <ColumnHeads
                      columns={[t('results.group'), num(t('common.change')), num(t('compare.winners')), num(t('compare.losers'))]}
                    />
                    <tbody>
                      {[...r.groups]
                        .filter((g) => g.key === 'scale' || g.key === 'city')
                        .map((g) => (
                          <tr key={`${g.programme}-${g.key}-${g.value ?? ''}`}>
                            <th scope="row">
                              {groupName(programmeOfId(g.programme), g.key, lang)}：
                              {groupValue(programmeOfId(g.programme), g.key, g.value, lang)}
                            </th>
                            <MoneyCell fen={g.change} signed />
                            <CountCell n={g.winners} />
                            <CountCell n={g.losers} />
                          </tr>
                        ))}
                    </tbody>
                  </table>
                )}
              </section>
            ))}
          </div>
        </div>
      )}
    </>
  );
}
