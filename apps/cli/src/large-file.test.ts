import { findPopulation, generateCsv } from '@bagui/core/generate';
import { describe, expect, it } from 'vitest';
import { run } from './cli.js';
import { memoryIo } from './test-support/memory-io.js';

// A million-row file with one bad row near the end: the whole file is read, the bad row is
// reported at its line, nothing is computed; --exclude-invalid computes on the rest.
describe('a 1,000,000-row CSV with one bad row near the end', () => {
  const population = findPopulation('rd_incentive');
  if (population === undefined) throw new Error('no rd_incentive population');
  const text =
    generateCsv({ population, count: 999_998, seed: 11 }) +
    'BAD-1,坏行,huge,1000000.00,10000.00,5000.00,false,false,true,南宁,制造\n' +
    'LAST-1,末行,below,1000000.00,10000.00,5000.00,false,false,true,南宁,制造\n';
  const args = ['evaluate', 'rd_incentive', '--applicants', 'big.csv', '--budget', '4.07亿', '--date', '2024-06-30', '--totals-only'];

  it('is refused at line 1,000,000 (the header is line 1), and only that row is listed', { timeout: 120_000 }, async () => {
    const io = memoryIo({ 'big.csv': text });
    expect(await run(args, io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err().split('\n')).toEqual([
      'error: 1 invalid row in big.csv; nothing was computed (--report FILE.xlsx marks them in a copy of the input)',
      'line 1000000, column scale, value "huge": scale (规模) must be above or below (规上 or 规下 in Chinese) [ENTERPRISE.SCALE_INVALID]',
      '',
    ]);
  });

  it('with --exclude-invalid, computes on the 999,999 others and names the row left out', { timeout: 120_000 }, async () => {
    const io = memoryIo({ 'big.csv': text });
    expect(await run([...args, '--exclude-invalid'], io)).toBe(0);
    const json = JSON.parse(io.out()) as { excludedRows: number; excluded: { line: number }[]; totals: { enterprises: number } };
    expect(json.excludedRows).toBe(1);
    expect(json.excluded.map((row) => row.line)).toEqual([1_000_000]);
    expect(json.totals.enterprises).toBe(999_999);
  });
});
