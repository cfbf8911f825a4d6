import { parseAmount } from '@bagui/core/money';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import type { ScenarioView } from '../../engine/protocol';
import type { Lang } from '../../i18n';
import { usePlanner } from '../../state/planner';
import { entryId } from '../../state/scenario-edit';
import { useEngine } from '../../state/use-engine';
import { moneyText } from '../../ui/money';
import { isAssumption, programmeName, sourceName } from '../../ui/labels';

export interface PlanRow {
  readonly id: string;
  readonly programme: string;
  readonly name: string;
  readonly citation: string;
  readonly assumption: boolean;
  /** From the file, before any result: the envelope as written, read by core (undefined if it cannot be). */
  readonly envelope: number | undefined;
  readonly result: ScenarioView['programmes'][number] | undefined;
}

/** The plan as the scenario file states it — known before the worker answers — joined with the worker's result. */
export function usePlan(lang: Lang) {
  const { scenario } = usePlanner();
  const state = useEngine<'evaluate'>({ kind: 'evaluate', scenario });
  const rows = useMemo(
    (): PlanRow[] =>
      scenario.programmes.map((p) => {
        const envelope = parseAmount(String(p.envelope));
        const id = entryId(p);
        return {
          id,
          programme: p.programme,
          name: programmeName(p.programme, lang),
          citation: p.citation,
          assumption: isAssumption(p.citation),
          envelope: envelope.ok ? envelope.value : undefined,
          result: state.value?.programmes.find((r) => r.id === id),
        };
      }),
    [scenario, lang, state.value],
  );
  const sankey = useMemo(
    () => (state.value === undefined ? undefined : ledgerSankey(state.value, scenario, lang)),
    [state.value, scenario, lang],
  );
  return { scenario, rows, state, sankey };
}

/** The funding-source ledger as a sankey: sources on the left, programmes on the right, links by amount allocated. */
function ledgerSankey(view: ScenarioView, scenario: ReturnType<typeof usePlanner>['scenario'], lang: Lang): EChartsCoreOption {
  const programmeLabel = (id: string): string => {
    const p = scenario.programmes.find((x) => entryId(x) === id);
    return p === undefined ? id : programmeName(p.programme, lang);
  };
  const sources = [...new Set(view.flows.map((f) => f.source))];
  const programmes = [...new Set(view.flows.map((f) => f.programme))];
  const nodes = [
    ...sources.map((s) => ({ name: `s:${s}`, label: sourceName(scenario, s, lang) })),
    ...programmes.map((p) => ({ name: `p:${p}`, label: programmeLabel(p) })),
  ];
  const labelOf = new Map(nodes.map((n) => [n.name, n.label]));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params: { dataType?: string; name?: string; data?: { source?: string; target?: string; fen?: number } }) => {
        const d = params.data;
        if (params.dataType === 'edge' && d?.source !== undefined && d.target !== undefined) {
          return `${labelOf.get(d.source) ?? ''} → ${labelOf.get(d.target) ?? ''}<br/>${moneyText(d.fen ?? 0, lang).exact}`;
        }
        return labelOf.get(params.name ?? '') ?? '';
      },
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 230,
        nodeGap: 10,
        emphasis: { focus: 'adjacency' },
        data: nodes.map((n) => ({ name: n.name })),
        label: { formatter: (p: { name: string }) => labelOf.get(p.name) ?? p.name, fontSize: 12 },
        // Chart widths only: the amounts themselves stay integer fen in the tooltip and the table.
        links: view.flows.map((f) => ({
          source: `s:${f.source}`,
          target: `p:${f.programme}`,
          value: f.allocated / 1_000_000,
          fen: f.allocated,
        })),
        lineStyle: { color: 'source', opacity: 0.35 },
      },
    ],
  };
}
