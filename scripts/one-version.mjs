// Fails when two workspaces ask for different versions of one dependency (npm test runs it).
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const root = JSON.parse(readFileSync('package.json', 'utf8'));
const folders = ['.', ...root.workspaces.flatMap((glob) => listWorkspaces(glob))];
const ranges = new Map();
for (const folder of folders) {
  const manifest = JSON.parse(readFileSync(`${folder}/package.json`, 'utf8'));
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      const seen = ranges.get(name) ?? new Map();
      seen.set(folder, range);
      ranges.set(name, seen);
    }
  }
}
const split = [...ranges].filter(([, seen]) => new Set(seen.values()).size > 1);
for (const [name, seen] of split) {
  console.error(`${name}: ${[...seen].map(([folder, range]) => `${range} in ${folder}`).join(', ')}; give every workspace one range`);
}
process.exitCode = split.length > 0 ? 1 : 0;

function listWorkspaces(glob) {
  if (!glob.endsWith('/*')) return [glob];
  const parent = glob.slice(0, -2);
  return readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`${parent}/${entry.name}/package.json`))
    .map((entry) => `${parent}/${entry.name}`);
}
