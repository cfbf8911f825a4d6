import { programmeRegistry, type Programme } from '@bagui/core/programmes';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlanner } from '../../state/planner';
import { useEngine } from '../../state/use-engine';
import { ProblemTable, Status } from '../../ui/Status';
import { useLang } from '../../ui/use-lang';

/** One recipient's explanation trace, step by step, in the planner's language (core's rule text quoted as written). */
export function TracePanel({
  programmeId,
  programme,
  index,
  id,
  onClose,
}: {
  readonly programmeId: string;
  readonly programme: Programme | undefined;
  readonly index: number;
  readonly id: string;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { scenario } = usePlanner();
  const trace = useEngine<'trace'>({ kind: 'trace', scenario, programmeId, index }, 0);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [index]);
  const definitions = programme === undefined ? [] : programmeRegistry(programme.key).definitions();
  const fieldLabel = (name: string): string => {
    const field = programme?.applicantFields.find((f) => f.name === name);
    return lang === 'zh-CN' && field !== undefined ? `${field.zh}（${name}）` : name;
  };
  const parameterLabel = (path: string): string => {
    const d = definitions.find((x) => x.path === path);
    return d === undefined ? path : lang === 'zh-CN' ? d.label.zh : d.label.en;
  };
  return (
    <aside className="trace" aria-labelledby="trace-heading" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="trace-head">
        <h2 id="trace-heading" tabIndex={-1} ref={heading}>
          {t('applicants.traceHeading', { id })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <Status stale={trace.stale} ms={trace.ms} />
      {trace.problems === undefined ? null : <ProblemTable problems={trace.problems} />}
      <ol className="steps">
        {(trace.value ?? []).map((step, k) => (
          <li key={k}>
            <h3>{t(`trace.${step.step}`, { defaultValue: step.step })}</h3>
            <p>{t(`traceHelp.${step.step}`, { defaultValue: '' })}</p>
            <p className="rule">
              <span className="muted">{t('applicants.ruleText')}：</span>
              {step.rule}
            </p>
            {step.inputs === undefined ? null : (
              <dl className="pairs">
                {Object.entries(step.inputs).map(([name, value]) => (
                  <div key={name}>
                    <dt>{fieldLabel(name)}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            )}
            {step.parameters === undefined ? null : (
              <ul className="params">
                {step.parameters.map((p) => (
                  <li key={p.path}>
                    {parameterLabel(p.path)} = <code>{p.value}</code> <span className="muted">（{p.source}）</span>
                    {p.assumption ? (
                      <abbr className="assumption" title={t('common.assumptionTitle')}>
                        {t('common.assumption')}
                      </abbr>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {step.branch === undefined ? null : (
              <p>
                {t('applicants.branch')}：{step.branch}
              </p>
            )}
            {step.bound === undefined ? null : (
              <p className="bound">
                {t('applicants.bound')}：{parameterLabel(step.bound)}
              </p>
            )}
            <p>
              <strong>
                {t('applicants.result')}：{step.result}
              </strong>
            </p>
          </li>
        ))}
      </ol>
    </aside>
  );
}
