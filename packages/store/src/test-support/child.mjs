/**
 * A store in a process of its own, for the tests that need two processes or a killed one. It
 * runs the built package (dist/, which the tests' global set-up builds) with plain Node, so that
 * it starts in a second rather than through a TypeScript loader.
 *
 *   node child.mjs open LOCATION_JSON
 *     opens the store (running any migration) and prints {"migrated": [...]}.
 *   node child.mjs burst LOCATION_JSON SCENARIO_JSON WORKERS WRITES
 *     WORKERS concurrent loops, each creating a scenario from the file and then revising it (a
 *     new description each time), WRITES writes in all at most; after each commit prints
 *     `create ID` or `revise ID N`, and `done` at the end.
 */
import { openStore } from '../../dist/index.js';

const [command, locationJson, fileJson = '{}', workersText = '1', writesText = '1'] = process.argv.slice(2);
const store = await openStore(JSON.parse(locationJson));

if (command === 'open') {
  process.stdout.write(`${JSON.stringify({ migrated: store.migrated })}\n`);
} else if (command === 'burst') {
  const file = JSON.parse(fileJson);
  const write = { actor: `k_${String(process.pid).padStart(10, '0')}` };
  let left = Number(writesText);
  const worker = async (w) => {
    left -= 1;
    const created = await store.scenarios.create({ file, name: `burst ${process.pid} ${w}` }, write);
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    const { id } = created.value.scenario;
    process.stdout.write(`create ${id}\n`);
    for (let n = 2; left > 0; n++) {
      left -= 1;
      const revised = await store.scenarios.revise(id, { file: { ...file, description: `revision ${n}` } }, n - 1, write);
      if (!revised.ok) throw new Error(JSON.stringify(revised.problems));
      process.stdout.write(`revise ${id} ${n}\n`);
    }
  };
  await Promise.all(Array.from({ length: Number(workersText) }, (_, w) => worker(w)));
  process.stdout.write('done\n');
} else {
  throw new Error(`unknown command ${command}`);
}
await store.close();
