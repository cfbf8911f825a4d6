// The end-to-end peer: a plain script that splits the same CSV and computes the rule and the
// pro-rata envelope in float64, with no validation, no exactness and no explanation.
import { readFileSync } from 'node:fs';

const [file, budgetText] = process.argv.slice(2);
const budget = Number(budgetText);
const lines = readFileSync(file, 'utf8').split('\n');
const header = lines[0].split(',');
const col = (name) => header.indexOf(name);
const [cRev, cRd, cPrev, cScale, cHt, cGz, cSd] = [
  'revenue',
  'rd_expense',
  'rd_expense_prev',
  'scale',
  'high_tech',
  'gazelle',
  'super_deduction',
].map(col);
const ent = [];
let total = 0;
for (let i = 1; i < lines.length; i++) {
  const line = lines[i];
  if (line === '') continue;
  const c = line.split(',');
  if (c[cSd] !== 'true') {
    ent.push(0);
    continue;
  }
  const rev = Number(c[cRev]);
  const rd = Number(c[cRd]);
  const prev = Number(c[cPrev]);
  const increment = Math.max(0, rd - prev);
  const intensity = rev > 0 ? rd / rev : 0;
  let inc;
  if (c[cScale] === 'above') {
    const rate = intensity >= 0.05 ? 0.2 : intensity >= 0.03 ? 0.15 : 0.1;
    inc = Math.min(increment * rate, 5_000_000);
  } else inc = Math.min(increment * 0.08, 2_000_000);
  const ht = c[cHt] === 'true' || c[cGz] === 'true' ? Math.min(rd * 0.2, 500_000) : 0;
  let e = Math.max(inc, ht);
  if (c[cScale] === 'above' && rd >= 100_000_000 && rd >= 0.9 * prev && intensity >= 0.03) e += Math.min(rd * 0.02, 3_000_000);
  e = Math.floor(Math.min(e, 8_000_000) * 100) / 100;
  ent.push(e);
  total += e;
}
let awarded = 0;
for (const e of ent) awarded += total <= budget ? e : Math.floor((e * budget * 100) / total) / 100;
console.log(
  JSON.stringify({
    entitlement: total.toFixed(2),
    awarded: awarded.toFixed(2),
    unallocated: (budget - awarded).toFixed(2),
    enterprises: ent.length,
  }),
);
