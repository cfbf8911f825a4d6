/**
 * npm run bench (apps/web): the planner's recompute and a 20-point sweep on 10,000 and 100,000
 * generated R&D firms — in the Web Worker in Chromium (the built planner, served by the API) and
 * the same engine calls in Node — side by side, with the ratio. Goals: the worker within 2× of
 * Node, and a 10,000-firm recompute under 50 ms.
 *
 * A recompute is what an edit of a parameter costs: the scenario checked, the rule and the
 * envelope run, the ledger built — the applicants were read once before (no parse). Each timed
 * call alternates between two cap values, so none is answered from the engine's last result.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { checkGenerateRequest, generateCsv } from '@bagui/core/generate';
import type { ScenarioFile } from '@bagui/core/scenario';
import { PlannerEngine } from '../src/engine/engine';
import type { EngineRequest, WorkerResponse } from '../src/engine/protocol';
import { launch, startServer } from '../test/browser/harness';
import { ROOT } from '../test/support';

const SIZES = [10_000, 100_000];
const RECOMPUTES = 21;
const SWEEPS = 5;
const WARM_UP = 3;

function scenario(cap: string): ScenarioFile {
  return {
    schemaVersion: 1,
    name: 'bench',
    title: 'bench',
    date: '2021-06-30',
    sources: [{ key: 'innovation_fund', label: { zh: '创新驱动发展专项资金', en: 'Innovation fund' }, citation: 'bench' }],
    programmes: [
      {
        programme: 'rd_incentive',
        envelope: '4.07亿',
        citation: 'bench',
        method: 'pro_rata',
        reform: [{ path: 'rd_incentive.increment.cap_above', value: cap }],
        funding: { innovation_fund: '4.07亿' },
        applicants: { file: 'firms.csv' },
      },
    ],
  };
}

/** The timed requests: recomputes alternating two caps, then sweeps of the cap over 20 points. */
function requests(): { recompute: EngineRequest[]; sweep: EngineRequest[] } {
  const recompute = Array.from({ length: WARM_UP + RECOMPUTES }, (_, i): EngineRequest => ({
    kind: 'evaluate',
    scenario: scenario(i % 2 === 0 ? '5000000' : '5000001'),
  }));
  const sweep = Array.from({ length: WARM_UP + SWEEPS }, (_, i): EngineRequest => ({
    kind: 'sweep',
    scenario: scenario(i % 2 === 0 ? '5000000' : '5000001'),
    programmeId: 'rd_incentive',
    axes: [{ path: 'rd_incentive.increment.cap_above', from: '1000000', to: '20000000', step: '1000000' }],
  }));
  return { recompute, sweep };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

function timeInNode(csv: string): { recompute: number; sweep: number } {
  const engine = new PlannerEngine();
  const loaded = engine.loadApplicants('rd_incentive', 'firms.csv', csv);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const { recompute, sweep } = requests();
  const time = (list: EngineRequest[]): number =>
    median(
      list
        .map((r) => {
          if (r.kind === 'exportWorkbook') throw new Error('the benchmark times recomputes and sweeps only');
          const start = performance.now();
          const result = engine.handle(r);
          if (!result.ok) throw new Error(JSON.stringify(result.problems));
          return performance.now() - start;
        })
        .slice(WARM_UP),
    );
  return { recompute: time(recompute), sweep: time(sweep) };
}

interface BrowserTimes {
  /** Page → worker → page, as the planner waits for it. */
  readonly roundTrip: { recompute: number; sweep: number };
  /** Inside the worker (what the worker reports). */
  readonly worker: { recompute: number; sweep: number };
}

async function main(): Promise<void> {
  const assets = readdirSync(`${ROOT}apps/web/dist/assets`);
  const worker = assets.find((f) => /^worker-.*\.js$/u.test(f));
  if (worker === undefined) throw new Error('no built worker: run npm run build');
  const server = await startServer();
  const browser = await launch();
  const rows: string[] = [];
  const results: Record<string, unknown>[] = [];
  try {
    const page = await browser.newPage();
    // tsx names the functions it compiles through a helper the page lacks: give the page one.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(server.url);
    for (const n of SIZES) {
      const request = checkGenerateRequest('rd_incentive', n, 2021);
      if (!request.ok) throw new Error('bad request');
      const csv = generateCsv(request.value);
      const node = timeInNode(csv);
      const timed = requests();
      const inBrowser = await page.evaluate(
        async ({ url, csv: text, recompute, sweep, warmUp }) => {
          const w = new Worker(url, { type: 'module' });
          let id = 0;
          const ask = (request: unknown): Promise<{ response: WorkerResponse; roundTrip: number }> =>
            new Promise((resolve, reject) => {
              const start = performance.now();
              const mine = ++id;
              w.onmessage = (event: MessageEvent<WorkerResponse>) => {
                if (event.data.id !== mine) return;
                if (!event.data.result.ok) reject(new Error(JSON.stringify(event.data.result.problems)));
                resolve({ response: event.data, roundTrip: performance.now() - start });
              };
              w.postMessage({ id: mine, request });
            });
          await ask({ kind: 'loadApplicants', programme: 'rd_incentive', path: 'firms.csv', text });
          const run = async (list: unknown[]) => {
            const out = { roundTrip: [] as number[], worker: [] as number[] };
            for (const r of list) {
              const { response, roundTrip } = await ask(r);
              out.roundTrip.push(roundTrip);
              out.worker.push(response.ms);
            }
            return { roundTrip: out.roundTrip.slice(warmUp), worker: out.worker.slice(warmUp) };
          };
          const result = { recompute: await run(recompute), sweep: await run(sweep) };
          w.terminate();
          return result;
        },
        { url: `${server.url}/assets/${worker}`, csv, recompute: timed.recompute, sweep: timed.sweep, warmUp: WARM_UP },
      );
      const b: BrowserTimes = {
        roundTrip: { recompute: median(inBrowser.recompute.roundTrip), sweep: median(inBrowser.sweep.roundTrip) },
        worker: { recompute: median(inBrowser.recompute.worker), sweep: median(inBrowser.sweep.worker) },
      };
      for (const op of ['recompute', 'sweep'] as const) {
        const label = op === 'recompute' ? 'one recompute (rule + envelope)' : '20-point sweep of cap_above';
        const ratio = b.roundTrip[op] / node[op];
        rows.push(
          `| ${label} | ${n.toLocaleString('en-US')} | ${node[op].toFixed(1)} | ${b.worker[op].toFixed(1)} | ${b.roundTrip[op].toFixed(1)} | ${ratio.toFixed(2)}× |`,
        );
        results.push({ operation: op, firms: n, nodeMs: node[op], workerMs: b.worker[op], roundTripMs: b.roundTrip[op], ratio });
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const table = [
    '| operation | firms | Node (ms) | in the worker (ms) | page → worker → page (ms) | round trip ÷ Node |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
  console.log(table);
  const small = results.find((r) => r.operation === 'recompute' && r.firms === 10_000);
  console.log(
    `goals: worker within 2× of Node: ${results.every((r) => (r.ratio as number) <= 2) ? 'met' : 'NOT met'}; ` +
      `10,000-firm recompute under 50 ms: ${(small?.roundTripMs as number) < 50 ? 'met' : 'NOT met'}`,
  );
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('results/bench.json', import.meta.url),
    `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`,
  );
}

await main();
