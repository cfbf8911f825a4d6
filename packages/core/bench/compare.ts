/**
 * `npm run bench` (core), second part: reform comparison and sweeps side by side with a single
 * evaluation, in one run, on one generated population of 100,000 firms (BENCH_FIRMS overrides).
 * Prints a table and writes bench/results/compare.json.
 *
 *   (a) one evaluation as `bagui evaluate` makes it: parse the CSV, then the rule and the envelope
 *   (b) the same evaluation on the parsed table
 *   (c) compare with 3 reforms (baseline once, each reform once, every per-firm diff)
 *   (d) a 20-point sweep of cap_above (300万 … 1250万), the table parsed once; also with every
 *       point broken down by every group, and a 20-point sweep of the budget (entitlements reused)
 *   (e) 20 separate evaluations, each parsing the file again: what (d) replaces
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { compare, parseReform, rdIncentiveEvaluator, sweep, sweepAxis, type Reform } from '../src/compare/index.js';
import { unwrap } from '../src/errors/index.js';
import { fen } from '../src/money/index.js';
import {
  compileRule,
  evaluateRdIncentive,
  GENERATED_HEADER,
  generateEnterpriseRows,
  parseEnterprisesCsv,
  rdIncentiveProgramme,
  rdIncentiveRegistry,
} from '../src/programmes/rd-incentive/index.js';

const FIRMS = Number(process.env.BENCH_FIRMS ?? 100_000);
const BUDGET = fen(40_700_000_000); // 4.07亿, the 2020 payout
const DATE = '2021-09-23';
const REPEAT = 5;

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function median(fn: () => unknown, repeat = REPEAT): number {
  fn(); // warm up
  const runs = Array.from({ length: repeat }, () => time(fn).ms).sort((a, b) => a - b);
  return runs[Math.floor(repeat / 2)] ?? Number.NaN;
}

console.log(`generating ${FIRMS.toLocaleString('en')} firms…`);
const csv = `${GENERATED_HEADER}\n${[...generateEnterpriseRows(FIRMS)].join('')}`;
const parameters = unwrap(rdIncentiveRegistry.resolve(DATE));
const evaluateOnce = (table: ReturnType<typeof parse>) =>
  evaluateRdIncentive(table, compileRule(parameters), { budget: BUDGET, method: 'pro_rata' });
const parse = () => unwrap(parseEnterprisesCsv(csv));
const table = parse();

const reform = (name: string, overrides: unknown[]): Reform => unwrap(parseReform({ name, overrides }, rdIncentiveRegistry));
const reforms = [
  reform('cap-above-800', [{ path: 'rd_incentive.increment.cap_above', value: '800万' }]),
  reform('high-tech-15', [{ path: 'rd_incentive.high_tech.rate', value: '15%' }]),
  unwrap(
    parseReform(
      {
        name: 'both',
        layers: [
          { name: 'cap', overrides: [{ path: 'rd_incentive.increment.cap_above', value: '800万' }] },
          { name: 'rate', overrides: [{ path: 'rd_incentive.high_tech.rate', value: '15%' }] },
        ],
      },
      rdIncentiveRegistry,
    ),
  ),
];
const baseline = { programme: rdIncentiveProgramme, registry: rdIncentiveRegistry, parameters, budget: BUDGET, method: 'pro_rata' };
const capAxis = unwrap(sweepAxis(rdIncentiveRegistry, 'rd_incentive.increment.cap_above', { from: '300万', to: '1250万', step: '50万' }));
const budgetAxis = unwrap(sweepAxis(rdIncentiveRegistry, 'budget', { from: '1亿', to: '10.5亿', step: '5000万' }));
const sweepBaseline = { registry: rdIncentiveRegistry, parameters, budget: BUDGET, method: 'pro_rata' };

const single = median(() => evaluateOnce(parse()));
const noParse = median(() => evaluateOnce(table));
const parseOnly = median(parse);
const compared = median(() => unwrap(compare(baseline, reforms, table)), 3);
const comparedWithMethods = median(() => unwrap(compare(baseline, reforms, table, { methods: ['pro_rata', 'uniform_cap', 'ranked'] })), 3);
const swept = median(() => unwrap(sweep(rdIncentiveEvaluator(table), sweepBaseline, [capAxis])), 3);
const sweptWithParse = median(() => unwrap(sweep(rdIncentiveEvaluator(parse()), sweepBaseline, [capAxis])), 3);
const sweptByGroup = median(() => unwrap(sweep(rdIncentiveEvaluator(table), sweepBaseline, [capAxis], { groups: true })), 3);
const budgetSwept = median(() => unwrap(sweep(rdIncentiveEvaluator(table), sweepBaseline, [budgetAxis])), 3);
const points = capAxis.values.length;
const naive = time(() => {
  for (const value of capAxis.values) {
    const set = unwrap(rdIncentiveRegistry.resolve(DATE, [{ path: capAxis.path, value }]));
    evaluateRdIncentive(parse(), compileRule(set), { budget: BUDGET, method: 'pro_rata' });
  }
}).ms;

const round = (ms: number): number => Number(ms.toFixed(1));
const results = {
  date: new Date().toISOString(),
  machine: `${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  firms: FIRMS,
  points,
  singleEvaluationWithParseMs: round(single),
  parseMs: round(parseOnly),
  singleEvaluationMs: round(noParse),
  compare3ReformsMs: round(compared),
  compare3ReformsAnd3MethodsMs: round(comparedWithMethods),
  sweepMs: round(swept),
  sweepWithOneParseMs: round(sweptWithParse),
  sweepByEveryGroupMs: round(sweptByGroup),
  budgetSweepMs: round(budgetSwept),
  separateEvaluationsMs: round(naive),
  sweepWithParseOverKSingle: Number((sweptWithParse / (points * single)).toFixed(3)),
  sweepOverKSingleWithoutParse: Number((swept / (points * noParse)).toFixed(2)),
  compareOver4SingleWithParse: Number((compared / (4 * single)).toFixed(3)),
  compareOver4SingleWithoutParse: Number((compared / (4 * noParse)).toFixed(2)),
};
console.table(results);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/compare.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
