import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Chart } from '../../ui/Chart';
import { ColumnHeads, CountCell, MoneyCell, num } from '../../ui/FigureTable';
import { formatCount } from '../../ui/intl';
import { Money } from '../../ui/Money';
import { ProblemTable, Status } from '../../ui/Status';
import { citationText } from '../../ui/citations';
import { sourceName } from '../../ui/labels';
import { useLang } from '../../ui/use-lang';
import { usePlan } from './use-plan';

/** Home: the 2021 plan, every programme of the letter with its money and its section, and the funding ledger. */
export function PlanPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { scenario, rows, state, sankey } = usePlan(lang);
  const totals = state.value?.totals;
  return (
    <>
      <h1>{t('plan.heading')}</h1>
      <p>{t('plan.intro')}</p>
      <p className="muted">{t('plan.scenario', { title: citationText(scenario.title, lang) })}</p>
      <Status stale={state.stale} ms={state.ms} />
      {state.problems === undefined ? null : <ProblemTable problems={state.problems} />}
      <section aria-labelledby="plan-programmes">
        <h2 id="plan-programmes">{t('plan.programmes')}</h2>
        <table className={state.stale ? 'figures is-stale' : 'figures'} aria-busy={state.stale}>
          <ColumnHeads
            columns={[
              t('common.programme'),
              num(t('common.envelope')),
              num(t('common.awarded')),
              num(t('common.unallocated')),
              num(t('common.recipients')),
              t('common.method'),
            ]}
          />
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <Link to={`/programme/${row.id}`} aria-label={t('plan.open', { name: row.name })}>
                    {row.name}
                  </Link>
                  <small className="citation">
                    {row.assumption ? (
                      <abbr className="assumption" title={t('common.assumptionTitle')}>
                        {t('common.assumption')}
                      </abbr>
                    ) : null}{' '}
                    {t('plan.section', { citation: citationText(row.citation, lang) })}
                  </small>
                </th>
                <td className="num">{row.envelope === undefined ? '—' : <Money fen={row.envelope} />}</td>
                <td className="num">{row.result === undefined ? '…' : <Money fen={row.result.awarded} />}</td>
                <td className="num">{row.result === undefined ? '…' : <Money fen={row.result.unallocated} />}</td>
                <td className="num">{row.result === undefined ? '…' : formatCount(row.result.recipients, lang)}</td>
                <td className="nowrap">
                  {row.result === undefined ? '…' : t(`method.${row.result.method}`, { defaultValue: row.result.method })}
                </td>
              </tr>
            ))}
          </tbody>
          {totals === undefined ? null : (
            <tfoot>
              <tr>
                <th scope="row">{t('common.total')}</th>
                <MoneyCell fen={totals.envelope} />
                <MoneyCell fen={totals.awarded} />
                <MoneyCell fen={totals.unallocated} />
                <CountCell n={totals.recipients} />
                <td />
              </tr>
            </tfoot>
          )}
        </table>
      </section>
      <section aria-labelledby="plan-ledger">
        <h2 id="plan-ledger">{t('plan.ledger')}</h2>
        {sankey === undefined ? null : <Chart title={t('plan.ledger')} option={sankey} file="ledger-sankey" height={420} />}
        {state.value === undefined ? null : (
          <table className="figures">
            <caption>{t('plan.ledgerTable')}</caption>
            <ColumnHeads
              columns={[
                t('plan.source'),
                t('common.programme'),
                num(t('common.envelope')),
                num(t('common.awarded')),
                num(t('common.unallocated')),
              ]}
            />
            <tbody>
              {state.value.flows.map((f) => (
                <tr key={`${f.source}-${f.programme}`}>
                  <td>{sourceName(scenario, f.source, lang)}</td>
                  <td>{rows.find((r) => r.id === f.programme)?.name ?? f.programme}</td>
                  <MoneyCell fen={f.allocated} />
                  <MoneyCell fen={f.awarded} />
                  <MoneyCell fen={f.unallocated} />
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
