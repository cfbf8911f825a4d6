import { ParameterRegistry } from '../parameters/index.js';
import { digitalSubsidyProgramme } from './digital-subsidy/programme.js';
import { guidanceFundProgramme } from './guidance-fund/programme.js';
import { hitechZonesProgramme } from './hitech-zones/programme.js';
import { nevSupportProgramme } from './nev-support/programme.js';
import type { Programme } from './programme.js';
import { rdIncentiveProgramme } from './rd-incentive/programme.js';
import { talentProgramme } from './talent/programme.js';
import { techUpgradeProgramme } from './tech-upgrade/programme.js';

/**
 * Every fiscal programme of the letter, in the order of fiscal-items.md. Scenarios, the CLI and
 * the API find programmes here, never by importing one folder.
 */
export const PROGRAMMES: readonly Programme[] = [
  guidanceFundProgramme,
  techUpgradeProgramme,
  rdIncentiveProgramme,
  nevSupportProgramme,
  hitechZonesProgramme,
  talentProgramme,
  digitalSubsidyProgramme,
];

export const PROGRAMME_KEYS: readonly string[] = PROGRAMMES.map((p) => p.key);

export function findProgramme(key: string): Programme | undefined {
  return PROGRAMMES.find((p) => p.key === key);
}

/**
 * One registry over every programme's parameters: for listing them all and for validating a
 * reform that spans programmes. A programme's parameters are resolved with its own registry
 * (`programmeRegistry`), because the programmes' values start on different dates: guidance_fund
 * has none before 2021-01-01 and hitech_zones none before 2021-08-04, so one registry over all
 * of them would refuse an R&D scenario dated 2019.
 */
export const parameterRegistry = new ParameterRegistry(PROGRAMMES.flatMap((p) => p.parameters));

const registries = new Map(PROGRAMMES.map((p) => [p.key, new ParameterRegistry(p.parameters)]));

/** The registry of one programme's parameters; throws for a key that is not in PROGRAMMES (a bug). */
export function programmeRegistry(key: string): ParameterRegistry {
  const registry = registries.get(key);
  if (registry === undefined) throw new Error(`no programme ${key}; known: ${PROGRAMME_KEYS.join(', ')}`);
  return registry;
}

/** The programme whose parameter `path` is, e.g. `rd_incentive` for `rd_incentive.firm_cap`. */
export function programmeOfParameter(path: string): Programme | undefined {
  return PROGRAMMES.find((p) => p.parameters.some((d) => d.path === path));
}
