import { programmeRegistry } from '@bagui/core/programmes';
import { useMemo, useState } from 'react';
import type { ReformFile } from '../../engine/protocol';
import { usePlanner } from '../../state/planner';
import type { Override } from '../../state/scenario-edit';
import { useEngine } from '../../state/use-engine';

export interface ReformDraft {
  readonly name: string;
  readonly overrides: readonly Override[];
}

/** Two reforms of the R&D incentive to start from: the caps the letter names, raised; a flatter tier. */
const STARTERS: readonly ReformDraft[] = [
  { name: 'cap-800', overrides: [{ path: 'rd_incentive.increment.cap_above', value: '8000000' }] },
  { name: 'below-10pct', overrides: [{ path: 'rd_incentive.increment.rate_below', value: '0.10' }] },
];

/** The reforms being drafted, the ones compared, and the comparison (recomputed when the scenario changes). */
export function useCompare() {
  const { scenario } = usePlanner();
  const definitions = useMemo(
    () => [...new Set(scenario.programmes.map((p) => p.programme))].flatMap((key) => programmeRegistry(key).definitions()),
    [scenario.programmes],
  );
  const [drafts, setDrafts] = useState<readonly ReformDraft[]>(STARTERS);
  const [compared, setCompared] = useState<readonly ReformFile[] | null>(null);
  const state = useEngine<'compare'>(compared === null ? null : { kind: 'compare', scenario, reforms: compared });
  const run = (): void =>
    setCompared(
      drafts.map((d) => ({
        name: d.name,
        overrides: d.overrides.map((o) => (o.from === undefined ? { path: o.path, value: o.value } : { ...o, from: o.from })),
      })),
    );
  return { definitions, drafts, setDrafts, run, state, compared };
}
