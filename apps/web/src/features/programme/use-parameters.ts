import { parseParameterValue, displayValue, type ParameterDefinition, type ResolvedParameter } from '@bagui/core/parameters';
import { findProgramme, programmeRegistry, type Programme } from '@bagui/core/programmes';
import type { Problem } from '@bagui/core/errors';
import { useMemo } from 'react';
import { usePlanner } from '../../state/planner';
import { clearOverride, findEntry, setOverride } from '../../state/scenario-edit';

export interface ParameterRow {
  readonly definition: ParameterDefinition;
  /** In force on the programme's date, after the scenario's and the programme's reforms. */
  readonly resolved: ResolvedParameter | undefined;
  /** Set by this programme's reform (and so resettable here). */
  readonly edited: boolean;
}

/**
 * One programme's parameters as the scenario has them, and edits of them: each value checked by
 * core's parseParameterValue (its messages shown as they are) before it enters the scenario.
 */
export function useParameters(id: string | undefined) {
  const { scenario, update } = usePlanner();
  const entry = id === undefined ? undefined : findEntry(scenario, id);
  const programme: Programme | undefined = entry === undefined ? undefined : findProgramme(entry.programme);
  const date = entry?.date ?? scenario.date;
  const rows = useMemo((): ParameterRow[] => {
    if (programme === undefined || entry === undefined) return [];
    const registry = programmeRegistry(programme.key);
    const overrides = [...(scenario.reform ?? []).filter((o) => registry.has(o.path)), ...(entry.reform ?? [])].map((o) =>
      o.from === undefined ? { path: o.path, value: o.value } : { path: o.path, value: o.value, from: o.from },
    );
    const resolved = registry.resolve(date, overrides);
    const set = resolved.ok ? resolved.value : undefined;
    return programme.parameters.map((definition) => ({
      definition,
      resolved: set?.all().find((p) => p.definition.path === definition.path),
      edited: (entry.reform ?? []).some((o) => o.path === definition.path && o.from === undefined),
    }));
  }, [programme, entry, scenario.reform, date]);

  /** Checks a value as core does; sets it when valid. Returns the problems (empty when set). */
  const edit = (definition: ParameterDefinition, raw: unknown): readonly Problem[] => {
    const value = parseParameterValue(definition.kind, raw, [definition.path]);
    if (!value.ok) return value.problems;
    if (id !== undefined)
      update((file) => setOverride(file, id, { path: definition.path, value: displayValue(definition.kind, value.value) }));
    return [];
  };
  const reset = (path: string): void => {
    if (id !== undefined) update((file) => clearOverride(file, id, path));
  };
  return { entry, programme, date, rows, edit, reset };
}
