import type { EChartsCoreOption } from 'echarts/core';
import type { Lang } from '../i18n';
import { moneyText } from './money';

/**
 * Chart options from figures already computed by the engine. Bar heights are amounts in 万元 as
 * numbers — drawing only; every tooltip shows core's exact amount from the integer fen.
 */
const WAN = 1_000_000;
const PALETTE = ['#1f5f99', '#c0504d', '#6a8f3a', '#8064a2', '#d48a1a', '#2c8c8c'];

export interface BarSeries {
  readonly name: string;
  /** Integer fen when `money`, else counts. */
  readonly values: readonly number[];
  readonly money: boolean;
}

/** The tooltip of a chart with one category axis: the category, then each series' exact figure there. */
function axisTooltip(categories: readonly string[], series: readonly BarSeries[], lang: Lang) {
  return {
    trigger: 'axis',
    formatter: (items: readonly { dataIndex: number; seriesIndex: number; marker: string }[]) => {
      const first = items[0];
      if (first === undefined) return '';
      const lines = items.map((item) => {
        const s = series[item.seriesIndex];
        const v = s?.values[item.dataIndex] ?? 0;
        return `${item.marker}${s?.name ?? ''}: ${s?.money === true ? moneyText(v, lang).exact : v.toLocaleString(lang)}`;
      });
      return [categories[first.dataIndex] ?? '', ...lines].join('<br/>');
    },
  };
}

export function barOption(categories: readonly string[], series: readonly BarSeries[], lang: Lang, horizontal = false): EChartsCoreOption {
  // Money and counts never share a scale: with both, money is read on the first value axis and counts on the second.
  const mixed = series.some((s) => s.money) && series.some((s) => !s.money);
  const valueAxis = (money: boolean) => ({
    type: 'value',
    name: money ? (lang === 'zh-CN' ? '万元' : '10k yuan') : lang === 'zh-CN' ? '个' : 'count',
    axisLabel: { fontSize: 11 },
  });
  const valueAxes = mixed ? [valueAxis(true), valueAxis(false)] : valueAxis(series.every((s) => s.money));
  const categoryAxis = {
    type: 'category',
    data: categories,
    axisLabel: { fontSize: 11, interval: horizontal ? 0 : 'auto', rotate: horizontal ? 0 : categories.length > 6 ? 30 : 0 },
  };
  return {
    color: PALETTE,
    grid: { left: horizontal ? 140 : 72, right: mixed ? 72 : 24, top: 40, bottom: horizontal ? 32 : 80, containLabel: false },
    legend: { top: 0, data: series.map((s) => s.name) },
    tooltip: axisTooltip(categories, series, lang),
    xAxis: horizontal ? valueAxes : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxes,
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      ...(mixed ? { [horizontal ? 'xAxisIndex' : 'yAxisIndex']: s.money ? 0 : 1 } : {}),
      data: s.values.map((v) => (s.money ? v / WAN : v)),
    })),
  };
}

/** A line's figures: the same shape as a bar series. */
export type LineSeries = BarSeries;

/** Several figures along one axis: money on the left axis (万元), counts on the right. */
export function lineOption(xs: readonly string[], series: readonly LineSeries[], lang: Lang): EChartsCoreOption {
  return {
    color: PALETTE,
    grid: { left: 72, right: 64, top: 48, bottom: 48 },
    legend: { top: 0, data: series.map((s) => s.name) },
    tooltip: axisTooltip(xs, series, lang),
    xAxis: { type: 'category', data: xs, axisLabel: { fontSize: 11 } },
    yAxis: [
      { type: 'value', name: lang === 'zh-CN' ? '万元' : '10k yuan' },
      { type: 'value', name: lang === 'zh-CN' ? '个' : 'count' },
    ],
    series: series.map((s) => ({
      type: 'line',
      name: s.name,
      yAxisIndex: s.money ? 0 : 1,
      data: s.values.map((v) => (s.money ? v / WAN : v)),
    })),
  };
}

/** A grid of two swept parameters: one figure per cell. */
export function heatmapOption(
  xs: readonly string[],
  ys: readonly string[],
  cells: readonly (readonly [number, number, number])[],
  name: string,
  money: boolean,
  lang: Lang,
): EChartsCoreOption {
  const values = cells.map(([, , v]) => (money ? v / WAN : v));
  const exact = new Map(cells.map(([x, y, v]) => [`${x},${y}`, v]));
  return {
    grid: { left: 96, right: 24, top: 24, bottom: 96 },
    tooltip: {
      formatter: (p: { data: [number, number, number] }) => {
        const [x, y] = p.data;
        const v = exact.get(`${x},${y}`) ?? 0;
        return `${xs[x] ?? ''} × ${ys[y] ?? ''}<br/>${name}: ${money ? moneyText(v, lang).exact : v.toLocaleString(lang)}`;
      },
    },
    xAxis: { type: 'category', data: xs, axisLabel: { fontSize: 11, rotate: 30 } },
    yAxis: { type: 'category', data: ys, axisLabel: { fontSize: 11 } },
    visualMap: {
      min: Math.min(...values),
      max: Math.max(...values),
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
    },
    series: [{ type: 'heatmap', name, data: cells.map(([x, y, v]) => [x, y, money ? v / WAN : v]) }],
  };
}
