/**
 * A store in a process of its own, for the tests that need two processes or a killed one.
 *
 *   node --import tsx child.ts open LOCATION_JSON
 *     opens the store (running any migration) and prints {"migrated": [...]}.
 *   node --import tsx child.ts burst LOCATION_JSON WORKERS WRITES
 *     WORKERS concurrent loops, each creating a scenario and then revising it, WRITES writes in
 *     all at most; after each commit prints `create ID` or `revise ID N`, then `done` at the end.
 */
import { openStore, type StoreLocation } from '../open.js';
import { talentScenario } from './scenario-files.js';

const [command, locationJson, workersText = '1', writesText = '1'] = process.argv.slice(2);
const location = JSON.parse(locationJson ?? '{}') as StoreLocation;
const store = await openStore(location);

if (command === 'open') {
  process.stdout.write(`${JSON.stringify({ migrated: store.migrated })}\n`);
} else if (command === 'burst') {
  let left = Number(writesText);
  const write = { actor: `k_child${process.pid}`.slice(0, 12) };
  const worker = async (w: number): Promise<void> => {
    const created = await store.scenarios.create({ file: talentScenario(), name: `burst ${process.pid} ${w}` }, write);
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    const { id } = created.value.scenario;
    process.stdout.write(`create ${id}\n`);
    left -= 1;
    for (let n = 2; left > 0; n++) {
      left -= 1;
      const revised = await store.scenarios.revise(id, { file: talentScenario(`${1000 + n}万`) }, n - 1, write);
      if (!revised.ok) throw new Error(JSON.stringify(revised.problems));
      process.stdout.write(`revise ${id} ${n}\n`);
    }
  };
  await Promise.all(Array.from({ length: Number(workersText) }, (_, w) => worker(w)));
  process.stdout.write('done\n');
} else {
  throw new Error(`unknown command ${String(command)}`);
}
await store.close();
