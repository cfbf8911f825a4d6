import { BUDGET_PATH } from '@bagui/core/compare';
import { formatJson, parseAmount } from '@bagui/core/money';
import type { ParameterDefinition } from '@bagui/core/parameters';
import { findProgramme } from '@bagui/core/programmes';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SweepAxisSpec, SweepView } from '../../engine/protocol';
import type { Lang } from '../../i18n';
import { usePlanner } from '../../state/planner';
import { findEntry } from '../../state/scenario-edit';
import { useEngine } from '../../state/use-engine';
import { heatmapOption, lineOption } from '../../ui/chart-options';
import { moneyText } from '../../ui/money';

export const METRICS = ['cost', 'funded', 'capped', 'unallocated'] as const;
export type Metric = (typeof METRICS)[number];
const MONEY: Readonly<Record<Metric, boolean>> = { cost: true, funded: false, capped: false, unallocated: true };

/** What can be swept: the envelope and every parameter that steps (amounts, units, rates, decimals). */
export function sweepable(programmeKey: string | undefined): readonly ParameterDefinition[] {
  const programme = programmeKey === undefined ? undefined : findProgramme(programmeKey);
  return (programme?.parameters ?? []).filter((d) => ['amount', 'unit', 'rate', 'decimal'].includes(d.kind));
}

/**
 * A range to start from around a value: amounts from half to one and a half times it in twenty
 * steps (whole yuan), rates from 0 to 0.5 by 0.025. Only a suggestion: every field is editable.
 */
export function suggestedRange(kind: string, display: string): Omit<SweepAxisSpec, 'path'> {
  if (kind === 'amount' || kind === 'unit') {
    const fen = parseAmount(display);
    const value = fen.ok ? fen.value : 0;
    const step = Math.max(100, Math.floor(value / 20 / 100) * 100);
    const from = Math.max(0, value - 10 * step);
    return { from: formatJson(from), to: formatJson(from + 20 * step), step: formatJson(step) };
  }
  if (kind === 'rate') return { from: '0', to: '0.5', step: '0.025' };
  return { from: '0', to: display === '' ? '10' : display, step: '1' };
}

export function useSweep(id: string | undefined) {
  const { scenario } = usePlanner();
  const entry = id === undefined ? undefined : findEntry(scenario, id);
  const [asked, setAsked] = useState<readonly SweepAxisSpec[] | null>(null);
  const [metric, setMetric] = useState<Metric>('cost');
  const request =
    asked === null || id === undefined || asked[0] === undefined
      ? null
      : {
          kind: 'sweep' as const,
          scenario,
          programmeId: id,
          axes: asked[1] === undefined ? ([asked[0]] as const) : ([asked[0], asked[1]] as const),
        };
  const state = useEngine<'sweep'>(request, 300);
  return { entry, state, run: setAsked, metric, setMetric, budgetPath: BUDGET_PATH };
}

/** The chart of a sweep: lines of the four figures along one axis, or a heat map of one figure over two. */
export function useSweepChart(view: SweepView | undefined, metric: Metric, lang: Lang): EChartsCoreOption | undefined {
  const { t } = useTranslation();
  return useMemo(() => {
    if (view === undefined) return undefined;
    const [x, y] = view.axes;
    if (x === undefined) return undefined;
    const label = (kind: string, v: string): string => (kind === 'amount' || kind === 'unit' ? moneyText(fenOf(v), lang).short : v);
    const xs = x.values.map((v) => label(x.kind, v));
    if (y === undefined) {
      return lineOption(
        xs,
        METRICS.map((m) => ({ name: t(`sweep.${m}`), values: view.points.map((p) => p[m]), money: MONEY[m] })),
        lang,
      );
    }
    const ys = y.values.map((v) => label(y.kind, v));
    const cells = view.points.map((p, k): [number, number, number] => [Math.floor(k / y.values.length), k % y.values.length, p[metric]]);
    return heatmapOption(xs, ys, cells, t(`sweep.${metric}`), MONEY[metric], lang);
  }, [view, metric, lang, t]);
}

/** A swept amount (canonical yuan, as the engine returns it) in fen. */
export function fenOf(display: string): number {
  const v = parseAmount(display);
  return v.ok ? v.value : 0;
}
