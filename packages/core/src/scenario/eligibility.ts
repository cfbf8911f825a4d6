import type { Eligibility } from '../programmes/programme.js';
import type { Scenario, ScenarioExclusion, ScenarioProgramme } from './parse.js';
import { nfc } from '../tabular/index.js';

/**
 * The scenario's exclusion list (公示 objections upheld, credit blacklists, …) as one programme
 * entry sees it: the exclusions that name the entry (by its id or programme key, or name none) and
 * are in force on its date (`from` and `until` inclusive). An applicant is excluded when its credit
 * code is an exclusion's `creditCode`, or its id an exclusion's `id`; the first such exclusion in
 * the list gives the reason. Undefined when the scenario has no exclusion list.
 */
export function exclusionsFor(
  scenario: Scenario,
  entry: ScenarioProgramme,
): (Eligibility & { listed: (id: string, code: string | undefined) => ScenarioExclusion | undefined }) | undefined {
  if (scenario.exclusions.length === 0) return undefined;
  const byCode = new Map<string, ScenarioExclusion>();
  const byId = new Map<string, ScenarioExclusion>();
  for (const e of scenario.exclusions) {
    if (!appliesTo(e, entry)) continue;
    if (e.creditCode !== undefined && !byCode.has(e.creditCode)) byCode.set(e.creditCode, e);
    // Applicant ids are read as NFC: an exclusion's id is matched the same way.
    const id = e.id === undefined ? undefined : nfc(e.id);
    if (id !== undefined && !byId.has(id)) byId.set(id, e);
  }
  const listed = (id: string, code: string | undefined): ScenarioExclusion | undefined => {
    const byItsCode = code === undefined ? undefined : byCode.get(code);
    const byItsId = byId.get(id);
    if (byItsCode === undefined || byItsId === undefined) return byItsCode ?? byItsId;
    return byItsCode.index <= byItsId.index ? byItsCode : byItsId;
  };
  return {
    listed,
    exclusion(id, code) {
      const e = listed(id, code);
      return e === undefined
        ? undefined
        : { kind: e.kind, reason: e.reason, ...(e.citation === undefined ? {} : { citation: e.citation }) };
    },
  };
}

function appliesTo(e: ScenarioExclusion, entry: ScenarioProgramme): boolean {
  if (e.programmes !== undefined && !e.programmes.includes(entry.id) && !e.programmes.includes(entry.programme.key)) return false;
  if (e.from !== undefined && entry.date < e.from) return false;
  return e.until === undefined || entry.date <= e.until;
}
