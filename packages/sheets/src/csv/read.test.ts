import type { Result } from '@bagui/core/errors';
import { findProgramme, rdIncentiveProgramme } from '@bagui/core/programmes';
import { readCsv, type TableReader, type TableReading } from '@bagui/core/tabular';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CsvBytesReader, decodeCsv, readCsvBytes, readCsvStream } from './index.js';
import { cut, utf8 } from '../test-support/bytes.js';

/**
 * The one CSV reader of the CLI and the API (CsvBytesReader: decoding and splitting in chunks,
 * records as spans for rd_incentive) against today's reader, kept as the reference: the whole
 * file decoded (decodeCsv), then core's papaparse-based readCsv. Same table, same warnings, same
 * problems (line, column, value, reason), on generated populations.
 */

type Reading = Result<TableReading<unknown>> | { readonly decoding: unknown };

function reference(bytes: Uint8Array, reader: TableReader<unknown>, encoding?: string): Reading {
  const decoded = decodeCsv(bytes, encoding === undefined ? {} : { encoding });
  if (!decoded.ok) return { decoding: decoded.problems };
  readCsv(decoded.value.text, reader);
  return reader.finish();
}

function streamed(chunks: readonly Uint8Array[], reader: TableReader<unknown>, encoding?: string): Reading {
  const csv = new CsvBytesReader(reader, encoding === undefined ? {} : { encoding });
  for (const chunk of chunks) csv.write(chunk);
  const read = csv.end();
  if (!read.ok) return { decoding: read.problems };
  return reader.finish();
}

const rd = (excludeInvalid = false): TableReader<unknown> => rdIncentiveProgramme.applicantTable({ excludeInvalid });
const talent = (): TableReader<unknown> => findProgramme('talent')?.applicantTable() ?? rd();

const gbk = (text: string): Uint8Array => new Uint8Array(iconv.encode(text, 'gbk'));
const BOM = [0xef, 0xbb, 0xbf];

const AMOUNTS = [
  '5000000',
  '5000000.00',
  '82279.0681万',
  '3000 万',
  '0.05亿元',
  '5,000,000.50',
  '¥5,000,000',
  '１２３４５６７',
  '12345.6',
  '',
  '-5',
  '1.234',
  'abc',
  '1e6',
  '"1,234,567"',
];
const BOOLEANS = ['true', 'false', '是', '否', '√', '×', 'Y', 'n', '1', '0', 'TRUE', ' yes ', '', 'maybe'];
const SCALES = ['above', 'below', '规上', '规下', '规模以上', 'ABOVE', '', 'middle'];
const NAMES = ['firm', '南宁某某科技有限公司', '"a, b"', '"line\nbreak"', '"say ""hi"""', '', '  spaced  '];
const CITIES = ['南宁', '柳州', '', 'Guilin'];

/** Mostly the commonest spellings (the reader's fast path), sometimes any of `others`. */
const mostly = (common: fc.Arbitrary<string>, others: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof({ arbitrary: common, weight: 6 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
const plainAmount = fc.oneof(
  fc.nat(10 ** 9).map(String),
  fc.nat(10 ** 9).map((n) => `${n}.${String(n % 100).padStart(2, '0')}`),
);

const row = fc.record({
  id: fc.oneof(
    { arbitrary: fc.nat(10 ** 6).map((n) => `G${n}`), weight: 20 },
    { arbitrary: fc.constantFrom('', '  G1 ', 'Ｇ７', 'x'.repeat(70), 'G1'), weight: 1 },
  ),
  name: fc.constantFrom(...NAMES),
  scale: mostly(fc.constantFrom('above', 'below'), SCALES),
  revenue: mostly(plainAmount, AMOUNTS),
  rd: mostly(plainAmount, AMOUNTS),
  prev: mostly(plainAmount, AMOUNTS),
  highTech: mostly(fc.constantFrom('true', 'false'), BOOLEANS),
  city: fc.constantFrom(...CITIES),
  extra: fc.constantFrom('', 'note', '"a,b"'),
  broken: fc.constantFrom(...Array<string>(30).fill(''), 'blank', 'short', 'quote'),
});

const HEADERS = [
  'id,name,scale,revenue,rd_expense,rd_expense_prev,high_tech,city,备注',
  '企业编号,企业名称,规模,主营业务收入,研发费用,上年研发费用,高新技术企业,所属城市,备注',
  '企业编号,企业名称,规模,主营业务收入（元）,研发费用(万元),上年研发费用,高新技术企业,所属城市,序号',
];

const population = fc.record({
  header: fc.constantFrom(...HEADERS),
  rows: fc.array(row, { maxLength: 12 }),
  crlf: fc.boolean(),
  finalBreak: fc.boolean(),
});

function csvOf(p: typeof population extends fc.Arbitrary<infer P> ? P : never): string {
  const lines = [p.header];
  for (const r of p.rows) {
    if (r.broken === 'blank') lines.push('');
    if (r.broken === 'short') {
      lines.push(`${r.id},${r.name}`);
      continue;
    }
    const cells = [r.id, r.name, r.scale, r.revenue, r.rd, r.prev, r.highTech, r.city, r.extra];
    if (r.broken === 'quote') cells[1] = `"unclosed ${r.name}`;
    lines.push(cells.join(','));
  }
  const nl = p.crlf ? '\r\n' : '\n';
  return lines.join(nl) + (p.finalBreak ? nl : '');
}

describe('CsvBytesReader: the same reading as decodeCsv + readCsv', () => {
  it('on generated populations (万, full width, quotes, bad cells, blank and short lines), in UTF-8, with a BOM, in GBK, cut anywhere', () => {
    fc.assert(
      fc.property(
        population,
        fc.constantFrom('utf8', 'bom', 'gbk'),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.boolean(),
        (p, how, at, exclude) => {
          const text = csvOf(p);
          const bytes = how === 'gbk' ? gbk(text) : how === 'bom' ? new Uint8Array([...BOM, ...utf8(text)]) : utf8(text);
          expect(streamed(cut(bytes, at), rd(exclude))).toEqual(reference(bytes, rd(exclude)));
          expect(streamed([bytes], talent())).toEqual(reference(bytes, talent()));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('cut at every byte offset of small files, in UTF-8 and GBK, valid and invalid', () => {
    const files = [
      'id,name,scale,revenue,rd_expense,rd_expense_prev\nG1,南宁甲,规上,3000 万,"1,234,567",１２３\r\nG2,"乙, ""丙""\n公司",below,5000000.00,100,abc\n',
      '\uFEFF企业编号,规模,主营业务收入,研发费用,上年研发费用\nA,above,1,1,1\nA,上,2,2,2\n\nB,below,3,3\n',
      'id,scale,revenue,rd_expense,rd_expense_prev\nG1,above,"5"x,1,1\nG2,below,1,1,1',
    ];
    for (const text of files) {
      for (const bytes of [utf8(text), gbk(text)]) {
        const expected = reference(bytes, rd());
        for (let i = 0; i <= bytes.length; i++) {
          expect(streamed([bytes.subarray(0, i), bytes.subarray(i)], rd())).toEqual(expected);
        }
      }
    }
  });

  it('refuses bytes that are not text as decodeCsv does, with an encoding given or not', () => {
    const mixed = new Uint8Array([...utf8('id,name\n1,南\n2,'), 0xc4, 0xcf, 0x0a]);
    for (const encoding of [undefined, 'utf-8']) {
      const expected = reference(mixed, rd(), encoding);
      expect(expected).toHaveProperty('decoding');
      expect(streamed([mixed], rd(), encoding)).toEqual(expected);
    }
    expect(readCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]), rd())).toMatchObject({
      ok: false,
      problems: [{ code: 'CSV.IS_XLSX' }],
    });
  });

  it('readCsvStream reads an async stream of chunks the same way', async () => {
    const bytes = gbk('企业编号,规模,主营业务收入,研发费用,上年研发费用\nA,规上,3000万,1,1\n');
    async function* chunks(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    const reader = rd();
    const read = await readCsvStream(chunks(), reader);
    expect(read).toEqual({ ok: true, value: { encoding: 'gb18030', source: 'detected', bom: false } });
    expect(reader.finish()).toEqual(reference(bytes, rd()));
  });
});
