import { problem } from '@bagui/core/errors';
import type { Override, ParameterRegistry } from '@bagui/core/parameters';
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
  const overrides: Override[] = [];
  const found: OptionProblem[] = [];
  for (const set of sets) {
    const at = set.indexOf('=');
    const path = set.slice(0, Math.max(at, 0)).trim();
    if (at < 0 || path === '') {
      found.push(
        ...optionProblems('--set', [
          problem('OPTION.SET_SHAPE', 'expected PATH=VALUE, e.g. --set rd_incentive.firm_cap=8000000', { value: set }),
        ]),
      );
      continue;
    }
    overrides.push({ path, value: set.slice(at + 1) });
  }
  const reform = registry.validateReform(overrides);
  if (!reform.ok) found.push(...optionProblems('--set', reform.problems));
  return { overrides, problems: found };
}
