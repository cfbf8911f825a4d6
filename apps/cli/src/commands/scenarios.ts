import { BUILTIN_SCENARIOS, findBuiltinScenario } from '@bagui/core/scenario';
import { InputError } from '../input-error.js';
import type { Io } from '../io.js';
import { writeResult } from '../output.js';
import { alignColumns } from '../table.js';

/** `bagui scenarios`: the built-in scenarios, by name and title. */
export async function listScenarios(io: Io): Promise<void> {
  const rows = [
    ['NAME', 'TITLE', 'DATE', 'PROGRAMMES'],
    ...BUILTIN_SCENARIOS.map((s) => [s.name, s.title, s.date, String(s.programmes.length)]),
  ];
  await io.stdout.write(
    [
      ...alignColumns(rows),
      '',
      'Run one with: bagui run NAME. Print it as a scenario file to copy and edit with: bagui scenarios show NAME',
      '',
    ].join('\n'),
  );
}

/** `bagui scenarios show NAME`: the built-in scenario as a scenario file, which `bagui run FILE` accepts. */
export async function showScenario(name: string, options: { readonly out?: string }, io: Io): Promise<void> {
  const scenario = findBuiltinScenario(name);
  if (scenario === undefined) {
    throw new InputError(
      `no built-in scenario named ${JSON.stringify(name)}; the built-in scenarios are ${BUILTIN_SCENARIOS.map((s) => s.name).join(', ')}`,
    );
  }
  await writeResult(
    [`${JSON.stringify(scenario, null, 2)}\n`],
    options.out,
    io,
    `the scenario ${name}; run it with bagui run ${options.out ?? ''}`,
  );
}
