import type { Result } from '../../errors/index.js';
import { ParameterRegistry, type Override } from '../../parameters/index.js';
import { RD_INCENTIVE_PARAMETERS } from './parameters.js';
import { compileRule, type RdRule } from './rule.js';

export * from './enterprises.js';
export { evaluateRdIncentive, rankByIntensity, type RdEvaluation, type RdEvaluationOptions, type RdTotals } from './evaluate.js';
export { explainEntitlement } from './explain.js';
export { GENERATED_HEADER, generateEnterpriseRows, seededRandom } from './generate.js';
export { BOUND_FIRM_CAP, BOUND_HIGH_TECH_CAP, BOUND_INCREMENT_CAP, BOUND_SPECIAL_CAP, computeEntitlements } from './kernel.js';
export { toCsvChunks, toJsonChunks, toJsonObject, toJsonParts, type OutputOptions } from './output.js';
export { RD_INCENTIVE_PARAMETERS } from './parameters.js';
export { compileRule, PATHS, type RdRule } from './rule.js';
export type { TraceParameter, TraceStep } from '../trace.js';
export { rdIncentiveProgramme } from './programme.js';

/** The registry of the rule's parameters, with their dated defaults and sources. */
export const rdIncentiveRegistry = new ParameterRegistry(RD_INCENTIVE_PARAMETERS);

/** The rule as in force on `date` (YYYY-MM-DD), with a reform applied: validated first. */
export function resolveRdRule(date: string, reform: readonly Override[] = []): Result<RdRule> {
  const parameters = rdIncentiveRegistry.resolve(date, reform);
  return parameters.ok ? { ok: true, value: compileRule(parameters.value) } : parameters;
}
