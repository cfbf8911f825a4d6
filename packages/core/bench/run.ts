/**
 * `npm run bench` (core): the exact engine vs a float64 loop of the same rule vs a naive
 * decimal.js implementation, side by side on one generated population of 1,000,000 firms.
 * Prints a table and writes bench/results/engine.json. BENCH_FIRMS overrides the size.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { Decimal } from 'decimal.js';
import { allocate } from '../src/allocation/index.js';
import { unwrap } from '../src/errors/index.js';
import { fen } from '../src/money/index.js';
import {
  computeEntitlements,
  evaluateRdIncentive,
  GENERATED_HEADER,
  generateEnterpriseRows,
  parseEnterprisesCsv,
  resolveRdRule,
} from '../src/programmes/rd-incentive/index.js';
import { floatLoop, naiveDecimal, toFloatColumns } from './peers.js';

const FIRMS = Number(process.env.BENCH_FIRMS ?? 1_000_000);
const BUDGET_FEN = 40_700_000_000; // 4.07亿, the 2020 payout
const REPEAT = 5;

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function median(fn: () => unknown): number {
  fn(); // warm up
  const runs = Array.from({ length: REPEAT }, () => time(fn).ms).sort((a, b) => a - b);
  return runs[Math.floor(REPEAT / 2)] ?? Number.NaN;
}

console.log(`generating ${FIRMS.toLocaleString('en')} firms…`);
const csv = GENERATED_HEADER + '\n' + [...generateEnterpriseRows(FIRMS)].join('');
const parsed = time(() => unwrap(parseEnterprisesCsv(csv)));
const table = parsed.value;
const rule = unwrap(resolveRdRule('2021-06-30'));
const budget = fen(BUDGET_FEN);

const exactMs = median(() =>
  allocate({ method: 'pro_rata', budget, unit: rule.roundingUnit, entitlements: computeEntitlements(table, rule), ids: table.ids }),
);
const entitlementOnlyMs = median(() => computeEntitlements(table, rule));
const uniformMs = median(() => evaluateRdIncentive(table, rule, { budget, method: 'uniform_cap' }));
const rankedMs = time(() => evaluateRdIncentive(table, rule, { budget, method: 'ranked' })).ms;
const cols = toFloatColumns(table);
const floatMs = median(() => floatLoop(table, cols, BUDGET_FEN / 100));
const naive = time(() => naiveDecimal(table, rule, BUDGET_FEN));

// Where float64 is wrong: compare its awards and entitlements with the exact ones.
const exact = evaluateRdIncentive(table, rule, { budget, method: 'pro_rata' });
const floats = floatLoop(table, cols, BUDGET_FEN / 100);
let entitlementsWrong = 0;
let awardsWrong = 0;
let floatTotal = 0;
for (let i = 0; i < table.count; i++) {
  if (Math.round((floats.entitlements[i] ?? 0) * 100) !== exact.entitlements[i]) entitlementsWrong++;
  if (Math.round((floats.awards[i] ?? 0) * 100) !== exact.allocation.awards[i]) awardsWrong++;
  floatTotal += floats.awards[i] ?? 0;
}
let naiveMismatch = 0;
naive.value.forEach((a, i) => {
  if (!a.times(100).eq(new Decimal(exact.allocation.awards[i] ?? 0))) naiveMismatch++;
});

const results = {
  date: new Date().toISOString(),
  machine: `${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  firms: FIRMS,
  parseMs: Math.round(parsed.ms),
  exactMs: Number(exactMs.toFixed(1)),
  exactEntitlementsOnlyMs: Number(entitlementOnlyMs.toFixed(1)),
  exactUniformCapMs: Number(uniformMs.toFixed(1)),
  exactRankedMs: Math.round(rankedMs),
  floatMs: Number(floatMs.toFixed(1)),
  naiveDecimalMs: Math.round(naive.ms),
  exactOverFloat: Number((exactMs / floatMs).toFixed(2)),
  naiveOverFloat: Math.round(naive.ms / floatMs),
  floatEntitlementsWrong: entitlementsWrong,
  floatAwardsWrong: awardsWrong,
  floatTotalAwarded: floatTotal.toFixed(6),
  exactTotalAwarded: (exact.totals.awarded / 100).toFixed(2),
  naiveDecimalAwardsDifferingFromExact: naiveMismatch,
};
console.table(results);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/engine.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
