import { parseAssignments, type Override, type ParameterRegistry } from '@bagui/core/parameters';
import { optionProblems, type OptionProblem } from './input-error.js';

/**
 * `--set PATH=VALUE` options as a reform. The value stays text: the registry parses it by the
 * parameter's kind (an amount in any accepted spelling, a rate, tiers as JSON) and names the
 * path in every problem.
 */
export function parseSetOptions(
  sets: readonly string[],
  registry: ParameterRegistry,
): { readonly overrides: readonly Override[]; readonly problems: readonly OptionProblem[] } {
  const { overrides, problems } = parseAssignments(sets);
  const found: OptionProblem[] = [...optionProblems('--set', problems)];
  const reform = registry.validateReform(overrides);
  if (!reform.ok) found.push(...optionProblems('--set', reform.problems));
  return { overrides, problems: found };
}
