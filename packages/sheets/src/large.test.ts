import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { unwrap } from '@bagui/core/errors';
import { GENERATED_HEADER, generateEnterpriseRows, parseEnterprisesCsv } from '@bagui/core/programmes/rd-incentive';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCsvStream } from './csv/index.js';

const ROWS = 1_000_000;
const BAD_LINE = ROWS - 9; // the header is line 1: record k is on line k + 1

/**
 * Writes a generated population of ROWS enterprises in GBK, with Chinese headers, record BAD_LINE - 1
 * made invalid by `spoil`; returns the file. Written in pieces: the file is never one string here.
 */
async function write(
  dir: string,
  name: string,
  encode: (text: string) => Uint8Array,
  spoil: (line: string) => string,
  rows = ROWS,
): Promise<string> {
  const file = join(dir, name);
  const out = createWriteStream(file);
  const header = GENERATED_HEADER.replace('revenue', '主营业务收入').replace('city', '所属城市');
  out.write(encode(`${header}\r\n`));
  let line = 1;
  for (const chunk of generateEnterpriseRows(rows)) {
    const lines = chunk.split('\n');
    const text = lines
      .map((l) => {
        if (l === '') return l;
        line++;
        return line === BAD_LINE ? spoil(l) : l;
      })
      .join('\r\n');
    if (!out.write(encode(text))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}

describe('a 1,000,000-row CSV file with one bad row near the end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bagui-sheets-large-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('in GBK: decoded as a stream and read by core, the one bad cell is reported at its line', { timeout: 600_000 }, async () => {
    const file = await write(
      dir,
      'gbk.csv',
      (t) => iconv.encode(t, 'gbk'),
      (l) => l.replace(/^([^,]*,[^,]*,[^,]*,)[^,]*/u, '$1１２．３４５'),
    );
    const decoded = unwrap(await decodeCsvStream(createReadStream(file)));
    expect([decoded.encoding, decoded.source]).toEqual(['gb18030', 'detected']);
    const result = parseEnterprisesCsv(decoded.text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'AMOUNT.TOO_MANY_DECIMALS',
        location: { line: BAD_LINE, column: '主营业务收入', value: '１２．３４５' },
      }),
    ]);
  });

  it('in UTF-8 with one line in GBK at the end: refused as two encodings at that line', { timeout: 600_000 }, async () => {
    const utf8 = (t: string): Uint8Array => new TextEncoder().encode(t);
    // 100,000 rows are enough here (the decoder alone is tested, not core's parser).
    const rows = 100_000;
    const file = await write(dir, 'mixed.csv', utf8, (l) => l, rows);
    // One more row, its city in GBK bytes.
    const mixed = join(dir, 'mixed-tail.csv');
    const out = createWriteStream(mixed);
    for await (const chunk of createReadStream(file)) out.write(chunk);
    out.write(iconv.encode('GX-X,甲,above,1,1,1,,,,南宁,制造\r\n', 'gbk'));
    out.end();
    await once(out, 'finish');
    const result = await decodeCsvStream(createReadStream(mixed));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'CSV.ENCODING_INVALID', location: expect.objectContaining({ line: rows + 2 }) as unknown }),
    ]);
  });
});
