import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { usePlanner } from '../../state/planner';
import { useEngine } from '../../state/use-engine';
import { citationText } from '../../ui/citations';
import { formatCount, formatDate } from '../../ui/intl';
import { isAssumption, programmeName } from '../../ui/labels';
import { Figures } from '../../ui/Figures';
import { ProgrammePicker, useProgrammeId } from '../../ui/ProgrammePicker';
import { ProblemTable, Status } from '../../ui/Status';
import { useLang } from '../../ui/use-lang';
import { ParameterEditor } from './ParameterEditor';
import { useParameters } from './use-parameters';

/** A programme's rule in words and every parameter, editable, with the scenario's totals recomputed live. */
export default function ProgrammePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useProgrammeId(useParams().id);
  const { scenario } = usePlanner();
  const { entry, programme, date, rows, edit, reset } = useParameters(id);
  const state = useEngine<'evaluate'>({ kind: 'evaluate', scenario });
  if (id === undefined || entry === undefined || programme === undefined) return <h1>{t('programme.heading')}</h1>;
  const result = state.value?.programmes.find((p) => p.id === id);
  const name = programmeName(programme.key, lang);
  return (
    <>
      <h1>
        {t('programme.heading')} · {name}
      </h1>
      <ProgrammePicker current={id} base="/programme" />
      <section aria-labelledby="rule-heading">
        <h2 id="rule-heading">{t('programme.rule')}</h2>
        <p>{t(`rules.${programme.key}`)}</p>
        <p className="muted">{t('plan.section', { citation: citationText(entry.citation, lang) })}</p>
      </section>
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">{t('programme.totals')}</h2>
        <Status stale={state.stale} ms={state.ms} />
        {state.problems === undefined ? null : <ProblemTable problems={state.problems} />}
        {result === undefined ? null : (
          <Figures
            stale={state.stale}
            figures={[
              { label: t('common.envelope'), fen: result.envelope },
              { label: t('common.entitlement'), fen: result.entitlement },
              { label: t('common.awarded'), fen: result.awarded },
              { label: t('common.unallocated'), fen: result.unallocated },
              { label: t('common.funded'), text: `${formatCount(result.funded, lang)} / ${formatCount(result.recipients, lang)}` },
            ]}
          />
        )}
      </section>
      <section aria-labelledby="parameters-heading">
        <h2 id="parameters-heading">
          {t('programme.parameters')}（{formatDate(date, lang)}）
        </h2>
        <table className="parameters">
          <thead>
            <tr>
              <th scope="col">{t('programme.parameter')}</th>
              <th scope="col">{t('programme.value')}</th>
              <th scope="col">{t('programme.unit')}</th>
              <th scope="col">{t('programme.inForce')}</th>
              <th scope="col">{t('programme.source')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const { definition } = row;
              const label = lang === 'zh-CN' ? definition.label.zh : definition.label.en;
              return (
                <tr key={definition.path}>
                  <th scope="row">
                    {label}
                    <code className="path">{definition.path}</code>
                    {row.edited ? <span className="badge">{t('programme.edited')}</span> : null}
                  </th>
                  <td>
                    <ParameterEditor row={row} label={t('programme.editLabel', { label, path: definition.path })} edit={edit} />
                    {row.edited ? (
                      <button type="button" className="link" onClick={() => reset(definition.path)}>
                        {t('common.reset')}
                      </button>
                    ) : null}
                  </td>
                  <td>{t(`unit.${definition.unit}`, { defaultValue: definition.unit })}</td>
                  <td>
                    {row.edited
                      ? t('programme.reform')
                      : definition.values.map((v) => t('programme.from', { date: formatDate(v.from, lang) })).join('；')}
                  </td>
                  <td>
                    {definition.assumption || isAssumption(definition.source.citation) ? (
                      <abbr className="assumption" title={t('common.assumptionTitle')}>
                        {t('common.assumption')}
                      </abbr>
                    ) : null}{' '}
                    {citationText(definition.source.citation, lang)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
