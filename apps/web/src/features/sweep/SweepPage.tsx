import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { SweepAxisSpec } from '../../engine/protocol';
import { useParameters } from '../programme/use-parameters';
import { Chart } from '../../ui/Chart';
import { ColumnHeads, CountCell, MoneyCell, num } from '../../ui/FigureTable';

import { programmeName } from '../../ui/labels';
import { Money } from '../../ui/Money';
import { ProgrammePicker, useProgrammeId } from '../../ui/ProgrammePicker';
import { ProblemTable, Status } from '../../ui/Status';
import { useLang } from '../../ui/use-lang';
import { fenOf, METRICS, suggestedRange, sweepable, useSweep, useSweepChart, type Metric } from './use-sweep';

type AxisDraft = SweepAxisSpec;

/** Any parameter over a range: cost, funded, capped, unallocated as lines; two parameters as a heat map. */
export default function SweepPage() {
  const id = useProgrammeId(useParams().id);
  // A new programme starts a new form: its parameters and ranges are its own.
  return <SweepScreen key={id ?? ''} id={id} />;
}

function SweepScreen({ id }: { readonly id: string | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { entry, state, run, metric, setMetric, budgetPath } = useSweep(id);
  const { rows } = useParameters(id);
  const definitions = sweepable(entry?.programme);
  const displayOf = (path: string): { kind: string; display: string } => {
    if (path === budgetPath) return { kind: 'amount', display: String(entry?.envelope ?? '0') };
    const row = rows.find((r) => r.definition.path === path);
    return { kind: row?.definition.kind ?? 'amount', display: row?.resolved?.display ?? '0' };
  };
  const axisFor = (path: string): AxisDraft => {
    const { kind, display } = displayOf(path);
    return { path, ...suggestedRange(kind, display) };
  };
  const firstPath = definitions.find((d) => d.path.endsWith('cap_above'))?.path ?? definitions[0]?.path ?? budgetPath;
  const [first, setFirst] = useState<AxisDraft>(() => axisFor(firstPath));
  const [second, setSecond] = useState<AxisDraft | null>(null);
  const chart = useSweepChart(state.value, metric, lang);
  if (id === undefined || entry === undefined) return <h1>{t('sweep.heading')}</h1>;

  const options = [
    { path: budgetPath, label: t('sweep.budget') },
    ...definitions.map((d) => ({ path: d.path, label: `${lang === 'zh-CN' ? d.label.zh : d.label.en} — ${d.path}` })),
  ];
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    run(second === null ? [first] : [first, second]);
  };
  const parameterOptions = options.map((o) => (
    <option key={o.path} value={o.path}>
      {o.label}
    </option>
  ));
  const axisFields = (axis: AxisDraft, set: (a: AxisDraft) => void, n: number) => (
    <div className="axis">
      {(['from', 'to', 'step'] as const).map((field) => (
        <label key={field}>
          {t(`sweep.${field}`)} {n}
          <input type="text" value={axis[field]} required spellCheck={false} onChange={(e) => set({ ...axis, [field]: e.target.value })} />
        </label>
      ))}
    </div>
  );
  return (
    <>
      <h1>
        {t('sweep.heading')} · {programmeName(entry.programme, lang)}
      </h1>
      <ProgrammePicker current={id} base="/sweep" />
      <p>{t('sweep.intro')}</p>
      <form onSubmit={submit}>
        <label>
          {t('sweep.parameter')}
          <select value={first.path} onChange={(e) => setFirst(axisFor(e.target.value))}>
            {parameterOptions}
          </select>
        </label>
        {axisFields(first, setFirst, 1)}
        <label>
          {t('sweep.second')}
          <select value={second?.path ?? ''} onChange={(e) => setSecond(e.target.value === '' ? null : axisFor(e.target.value))}>
            <option value="">{t('common.none')}</option>
            {parameterOptions}
          </select>
        </label>
        {second === null ? null : axisFields(second, setSecond, 2)}
        {second === null ? null : (
          <label>
            {t('sweep.metric')}
            <select value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
              {METRICS.map((m) => (
                <option key={m} value={m}>
                  {t(`sweep.${m}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="actions">
          <button type="submit" className="primary">
            {t('sweep.run')}
          </button>
        </div>
      </form>
      <Status stale={state.stale} ms={state.ms} />
      {state.problems === undefined ? null : <ProblemTable problems={state.problems} />}
      {state.value === undefined || chart === undefined ? null : (
        <div className={state.stale ? 'is-stale' : undefined}>
          <p className="muted">{t('sweep.points', { count: state.value.points.length })}</p>
          <Chart title={t('sweep.heading')} option={chart} file={`${id}-sweep`} height={380} />
          {state.value.axes.length === 1 ? (
            <table className="figures">
              <ColumnHeads columns={[state.value.axes[0]?.path ?? '', ...METRICS.map((m) => num(t(`sweep.${m}`), m))]} />
              <tbody>
                {state.value.points.map((p) => (
                  <tr key={p.values.join('|')}>
                    <th scope="row">
                      {state.value?.axes[0]?.kind === 'amount' || state.value?.axes[0]?.kind === 'unit' ? (
                        <Money fen={fenOf(p.values[0] ?? '0')} />
                      ) : (
                        p.values[0]
                      )}
                    </th>
                    <MoneyCell fen={p.cost} />
                    <CountCell n={p.funded} />
                    <CountCell n={p.capped} />
                    <MoneyCell fen={p.unallocated} />
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      )}
    </>
  );
}
