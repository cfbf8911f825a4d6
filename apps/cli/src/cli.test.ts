import { BaguiError, problem } from '@bagui/core/errors';
import { ENGINE_VERSION } from '@bagui/core/version';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from './cli.js';
import { fen } from './test-support/fen.js';
import { memoryIo } from './test-support/memory-io.js';

const HEADER = 'id,scale,revenue,rd_expense,rd_expense_prev';
// A: above, intensity 4% → tier 15%: (400万 − 200万) × 15% = 30万. B: below: 50万 × 8% = 4万.
const TWO_FIRMS = `${HEADER}\nA,above,1亿,400万,200万\nB,below,500万,100万,50万\n`;

async function evaluate(args: readonly string[], files: Record<string, string | Uint8Array> = { 'firms.csv': TWO_FIRMS }) {
  const io = memoryIo(files);
  const code = await run(['evaluate', 'rd_incentive', '--enterprises', 'firms.csv', ...args], io);
  return { code, stdout: io.out(), stderr: io.err(), io };
}

interface Output {
  budget: string;
  method: string;
  totals: { entitlement: string; awarded: string; unallocated: string; enterprises: number };
  enterprises: { id: string; entitlement: string; award: string; trace: { step: string }[] }[];
}

describe('bagui evaluate (in memory)', () => {
  it('cuts an oversubscribed envelope pro rata: 30万 and 4万 share 17万 as 15万 and 2万', async () => {
    const { code, stdout, stderr } = await evaluate(['--budget', '17万']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as Output;
    expect(out.totals).toEqual({ entitlement: '340000.00', awarded: '170000.00', unallocated: '0.00', enterprises: 2 });
    expect(out.enterprises.map(({ id, entitlement, award }) => ({ id, entitlement, award }))).toEqual([
      { id: 'A', entitlement: '300000.00', award: '150000.00' },
      { id: 'B', entitlement: '40000.00', award: '20000.00' },
    ]);
    expect(out.enterprises[0]?.trace.at(-1)?.step).toBe('envelope');
  });

  it('uses the parameters in force today when --date is absent', async () => {
    const io = memoryIo({ 'firms.csv': TWO_FIRMS });
    const today = '2019-06-30';
    const code = await run(['evaluate', 'rd_incentive', '--enterprises', 'firms.csv', '--budget', '1'], { ...io, today: () => today });
    expect(code).toBe(2);
    expect(io.err()).toContain(
      '--date: value "2019-06-30": 13 parameters have no value on 2019-06-30; the earliest values are in force from 2019-07-01: choose a date on or after it [PARAMETER.NO_VALUE_ON_DATE]',
    );
  });

  it('reports every wrong option at once, and reads no file', async () => {
    const { code, stdout, stderr } = await evaluate(
      ['--budget', '1.234', '--method', 'lottery', '--format', 'xml', '--set', 'rd_incentive.firm_cap'],
      {},
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      'error: invalid --budget, --method, --format, --set; nothing was computed',
      '--budget: value "1.234": an amount has at most two decimals of a yuan (to the fen) once its unit is applied; write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元 [AMOUNT.TOO_MANY_DECIMALS]',
      '--method: value "lottery": rd_incentive shares its envelope by pro_rata, uniform_cap, ranked [METHOD.UNKNOWN]',
      '--format: value "xml": unknown output format; choose one of json, csv, xlsx, table [OPTION.UNKNOWN_FORMAT]',
      '--set: value "rd_incentive.firm_cap": expected PATH=VALUE, e.g. rd_incentive.firm_cap=8000000 [OVERRIDE.SHAPE]',
      '',
    ]);
  });

  it('reads a GBK file (detected), and refuses it when --encoding utf8 says otherwise, naming the line', async () => {
    // 南 in GBK is C4 CF.
    const gbk = Uint8Array.from([...new TextEncoder().encode(`${HEADER},name\nA,above,100000000,4000000,2000000,`), 0xc4, 0xcf, 0x0a]);
    const read = await evaluate(['--budget', '1亿', '--format', 'csv'], { 'firms.csv': gbk });
    expect(read.code).toBe(0);
    expect(read.stdout.split('\n')[1]?.startsWith('A,南,above,300000.00,300000.00,')).toBe(true);
    const { code, stderr } = await evaluate(['--budget', '1', '--encoding', 'utf8'], { 'firms.csv': gbk });
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('error: cannot read firms.csv as CSV text; nothing was computed');
    expect(stderr.split('\n')[1]).toMatch(/^line 2\b.*\[CSV\.[A-Z_]+\]$/u);
  });

  it('writes the same JSON bytes to --out (as UTF-8 bytes) as to stdout (as text)', async () => {
    const printed = await evaluate(['--budget', '17万']);
    const written = await evaluate(['--budget', '17万', '--out', 'awards.json']);
    expect(written.code).toBe(0);
    expect(written.io.written.get('awards.json')).toBe(printed.stdout);
  });

  it('--trace compact: every step without its rule and parameters, the parameters listed once', async () => {
    const full = JSON.parse((await evaluate(['--budget', '17万'])).stdout) as Output;
    const { code, stdout } = await evaluate(['--budget', '17万', '--trace', 'compact']);
    expect(code).toBe(0);
    const compact = JSON.parse(stdout) as Output & { trace: string; parameters: { path: string }[] };
    expect(compact.trace).toBe('compact');
    expect(compact.parameters.map((p) => p.path)).toContain('rd_incentive.increment.tiers_above');
    expect(compact.enterprises).toEqual(
      full.enterprises.map((e) => ({ ...e, trace: e.trace.map(({ rule: _r, parameters: _p, ...rest }: Record<string, unknown>) => rest) })),
    );
  });

  it('refuses a --trace form that does not exist, and compact where there is no JSON trace to shorten', async () => {
    const unknown = await evaluate(['--budget', '17万', '--trace', 'short']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--trace short is not a trace form; use full or compact');
    const csv = await evaluate(['--budget', '17万', '--trace', 'compact', '--format', 'csv']);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain("--trace compact is for rd_incentive's JSON answer");
  });

  it('writes --out through the atomic writer, and nothing to stdout', async () => {
    const { code, stdout, stderr, io } = await evaluate(['--budget', '17万', '--out', 'awards.csv', '--format', 'csv', '--totals-only']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(io.written.get('awards.csv')).toBe(
      '\uFEFFprogram,budget,method,entitlement,awarded,unallocated,enterprises\nrd_incentive,170000.00,pro_rata,340000.00,170000.00,0.00,2\n',
    );
    expect(stderr).toBe('wrote awards.csv: 2 enterprises, awarded 17万元 of 17万元\n');
  });

  it('turns a file system refusal of --out into an input error, and anything else into an internal one', async () => {
    const refused = memoryIo({ 'firms.csv': TWO_FIRMS });
    const denied = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    const args = ['evaluate', 'rd_incentive', '--enterprises', 'firms.csv', '--budget', '1', '--out', '/root/x.json'];
    expect(await run(args, { ...refused, writeFileAtomically: () => Promise.reject(denied) })).toBe(2);
    expect(refused.err()).toBe('error: cannot write /root/x.json: permission denied; nothing was written\n');

    const broken = memoryIo({ 'firms.csv': TWO_FIRMS });
    expect(await run(args, { ...broken, writeFileAtomically: () => Promise.reject(new Error('disk on fire')) })).toBe(1);
    expect(broken.err()).toContain('internal error: disk on fire\n');
  });

  it('shows the stack of an internal error only with BAGUI_DEBUG=1', async () => {
    const failing = (env: Record<string, string>) => {
      const io = memoryIo({}, env);
      return {
        io,
        run: run(['evaluate', 'rd_incentive', '--enterprises', 'x.csv', '--budget', '1'], {
          ...io,
          readFile: () => Promise.reject(new Error('disk on fire')),
        }),
      };
    };
    const quiet = failing({});
    expect(await quiet.run).toBe(1);
    expect(quiet.io.err()).toBe(
      'internal error: disk on fire\n(this is a bug in bagui; run again with BAGUI_DEBUG=1 to see where it happened)\n',
    );
    const debug = failing({ BAGUI_DEBUG: '1' });
    expect(await debug.run).toBe(1);
    expect(debug.io.err()).toMatch(/^internal error: Error: disk on fire\n\s+at /u);
  });

  it('treats problems that core throws as a BaguiError as wrong input', async () => {
    const io = memoryIo();
    const thrown = new BaguiError([problem('X.BAD', 'bad value', { path: ['p'] })]);
    const code = await run(['evaluate', 'rd_incentive', '--enterprises', 'x.csv', '--budget', '1'], {
      ...io,
      readFile: () => Promise.reject(thrown),
    });
    expect(code).toBe(2);
    expect(io.err()).toBe('error: invalid input; nothing was computed\nat p: bad value [X.BAD]\n');
  });

  it('without a command, shows the usage on stderr as a usage error', async () => {
    const io = memoryIo();
    expect(await run([], io)).toBe(2);
    expect(io.err()).toContain('Usage: bagui [options] [command]');
  });

  it('prints the engine version', async () => {
    const io = memoryIo();
    expect(await run(['--version'], io)).toBe(0);
    expect(io.out()).toBe(`${ENGINE_VERSION}\n`);
  });

  it('balances the envelope to the fen in what it prints, for any budget and method (JSON and CSV agree)', async () => {
    const firms = [
      HEADER,
      'A,above,1亿,400万,200万',
      'B,below,500万,100万,50万',
      'C,above,3亿,2000万,1000万',
      'D,below,0,33.33,0',
      'E,below,1,0.07,0',
    ].join('\n');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 300_000_000 }),
        fc.constantFrom('pro_rata', 'uniform_cap', 'ranked'),
        async (budgetFen, method) => {
          const budget = `${Math.floor(budgetFen / 100)}.${String(budgetFen % 100).padStart(2, '0')}`;
          const json = await evaluate(['--budget', budget, '--method', method], { 'firms.csv': firms });
          const csv = await evaluate(['--budget', budget, '--method', method, '--format', 'csv'], { 'firms.csv': firms });
          expect(json.code).toBe(0);
          const out = JSON.parse(json.stdout) as Output;
          const awards = out.enterprises.map((e) => fen(e.award));
          expect(awards.reduce((a, b) => a + b, 0) + fen(out.totals.unallocated)).toBe(budgetFen);
          out.enterprises.forEach((e) => expect(fen(e.award)).toBeLessThanOrEqual(fen(e.entitlement)));
          const csvAwards = csv.stdout
            .trim()
            .split('\n')
            .slice(1)
            .map((line) => line.split(',')[4]);
          expect(csvAwards).toEqual(out.enterprises.map((e) => e.award));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('bagui parameters (in memory)', () => {
  it('shows a reform given with --set as in force from "reform"', async () => {
    const io = memoryIo();
    expect(await run(['parameters', '--format', 'json', '--set', 'rd_incentive.firm_cap=1000万'], io)).toBe(0);
    const firmCap = (JSON.parse(io.out()) as { path: string; value: unknown; from: string }[]).find(
      (p) => p.path === 'rd_incentive.firm_cap',
    );
    expect(firmCap).toMatchObject({ value: '10000000.00', from: 'reform' });
  });
});
