import type { ScenarioFile } from '../schema.js';
import { GUANGXI_2020_2022 } from './guangxi-2020-2022.js';
import { GUANGXI_2021 } from './guangxi-2021.js';

export { GUANGXI_2020_2022, GUANGXI_2021 };

/** The scenarios that ship with Bagui: `bagui scenarios` lists them, `bagui run NAME` runs one. */
export const BUILTIN_SCENARIOS: readonly ScenarioFile[] = [GUANGXI_2021, GUANGXI_2020_2022];

export function findBuiltinScenario(name: string): ScenarioFile | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.name === name);
}
