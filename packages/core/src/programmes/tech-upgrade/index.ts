import { ParameterRegistry } from '../../parameters/index.js';
import { TECH_UPGRADE_PARAMETERS } from './parameters.js';

export { UPGRADE_FIELDS, upgradeProjects, type UpgradeProject } from './applicants.js';
export { TECH_UPGRADE_PARAMETERS, PATHS as TECH_UPGRADE_PATHS } from './parameters.js';
export { compileUpgradeRule, rankByEquipmentInvestment, upgradeEntitlement, type UpgradeRule } from './rule.js';
export { TECH_UPGRADE_BUDGET_2021, techUpgradeProgramme } from './programme.js';

/** The registry of the tech-upgrade parameters, with their dated defaults and sources. */
export const techUpgradeRegistry = new ParameterRegistry(TECH_UPGRADE_PARAMETERS);
