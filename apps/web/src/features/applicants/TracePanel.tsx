import { programmeRegistry, type Programme } from '@bagui/core/programmes';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlanner } from '../../state/planner';
import { useEngine } from '../../state/use-engine';
import { citationText } from '../../ui/citations';
import { groupValue } from '../../ui/labels';
import { ProblemTable, Status } from '../../ui/Status';
import { useLang } from '../../ui/use-lang';
import { ArgView, Phrases } from './TraceText';
import { branchPhrases, inputArg, parameterArg, resultArg, type Arg } from './trace-words';

/**
 * One recipient's explanation trace, step by step, every word in the planner's language (core's
 * rule text is quoted as written, marked as English), every amount in 万元 / 亿元 with the exact
 * yuan and fen on hover and on copy.
 */
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
  const colon = lang === 'zh-CN' ? '：' : ': ';
  const definitions = programme === undefined ? [] : programmeRegistry(programme.key).definitions();
  const fieldLabel = (name: string): string => {
    const field = programme?.applicantFields.find((f) => f.name === name);
    if (lang === 'zh-CN' && field !== undefined) return `${field.zh}（${name}）`;
    return t(`traceInput.${name}`, { defaultValue: name.replace(/_/gu, ' ') });
  };
  const parameterLabel = (path: string): string => {
    if (path === 'enterpriseCap') return t('trace.enterprise_cap');
    const d = definitions.find((x) => x.path === path);
    return d === undefined ? path : lang === 'zh-CN' ? d.label.zh : d.label.en;
  };
  const inputValue = (name: string, value: string): Arg => {
    const field = programme?.applicantFields.find((f) => f.name === name);
    const worded = field !== undefined && (field.choices !== undefined || field.kind === 'scale' || field.kind === 'boolean');
    return worded ? { kind: 'text', text: groupValue(programme, name, value, lang) } : inputArg(name, value);
  };
  const parameterValue = (path: string, value: string) => {
    const shown = parameterArg(definitions.find((x) => x.path === path)?.unit, value);
    return Array.isArray(shown) ? <Phrases phrases={shown} /> : <ArgView arg={shown as Arg} />;
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
              <span className="muted">
                {t('applicants.ruleText')}
                {colon}
              </span>
              <span lang="en">{step.rule}</span>
            </p>
            {step.inputs === undefined ? null : (
              <dl className="pairs">
                {Object.entries(step.inputs).map(([name, value]) => (
                  <div key={name}>
                    <dt>{fieldLabel(name)}</dt>
                    <dd>
                      <ArgView arg={inputValue(name, value)} />
                    </dd>
                  </div>
                ))}
              </dl>
            )}
            {step.parameters === undefined ? null : (
              <ul className="params">
                {step.parameters.map((p) => (
                  <li key={p.path}>
                    {parameterLabel(p.path)} = {parameterValue(p.path, p.value)}{' '}
                    <span className="muted">{lang === 'zh-CN' ? `（${citationText(p.source, lang)}）` : `(${p.source})`}</span>
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
                {t('applicants.branch')}
                {colon}
                <Phrases phrases={branchPhrases(step.branch)} />
              </p>
            )}
            {step.bound === undefined ? null : (
              <p className="bound">
                {t('applicants.bound')}
                {colon}
                {parameterLabel(step.bound)}
              </p>
            )}
            <p>
              <strong>
                {t('applicants.result')}
                {colon}
                <ArgView arg={resultArg(step.step, step.result)} />
              </strong>
            </p>
          </li>
        ))}
      </ol>
    </aside>
  );
}
