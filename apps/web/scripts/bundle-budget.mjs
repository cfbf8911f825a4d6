// The first screen's JavaScript, gzipped, must stay within budget: the entry chunk and every chunk it
// imports statically (read from Vite's manifest). Charts, the worker and its chunks load later and are listed apart.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 500 * 1024;
const dist = new URL('../dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const gz = (file) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;

const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
const first = new Set();
const visit = (key) => {
  const chunk = manifest[key] ?? Object.values(manifest).find((c) => c.file === key);
  if (chunk === undefined || first.has(chunk.file)) return;
  first.add(chunk.file);
  for (const next of chunk.imports ?? []) visit(next);
};
visit(Object.keys(manifest).find((k) => manifest[k] === entry));

const all = new Set(
  Object.values(manifest)
    .flatMap((c) => [c.file, ...(c.assets ?? [])])
    .filter((f) => f.endsWith('.js')),
);
// The worker's own chunks (its code-split workbook writer) are not in the page's manifest: listed too.
for (const file of readdirSync(new URL('assets/', dist))) if (file.endsWith('.js')) all.add(`assets/${file}`);
const rows = [...all].map((file) => ({ file, gzip: gz(file), first: first.has(file) })).sort((a, b) => b.gzip - a.gzip);
const firstTotal = rows.filter((r) => r.first).reduce((n, r) => n + r.gzip, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
for (const r of rows) console.log(`${r.first ? 'first screen' : 'later       '}  ${kb(r.gzip).padStart(9)}  ${r.file}`);
console.log(`first screen: ${kb(firstTotal)} gzipped JavaScript (budget ${kb(BUDGET)})`);
writeFileSync(
  new URL('bundle-sizes.json', dist),
  `${JSON.stringify({ budget: BUDGET, firstScreen: firstTotal, chunks: rows }, null, 2)}\n`,
);
if (firstTotal > BUDGET) {
  console.error(`the first screen loads ${kb(firstTotal)} of gzipped JavaScript, over the ${kb(BUDGET)} budget`);
  process.exit(1);
}
