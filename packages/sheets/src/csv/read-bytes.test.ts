import type { Problem } from '@bagui/core/errors';
import { rdIncentiveProgramme } from '@bagui/core/programmes';
import { readCsv, utf8Text, type CsvByteSpans, type CsvSpans, type CsvVisitor } from '@bagui/core/tabular';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvBytesReader, decodeCsv } from './index.js';
import { cut, utf8 } from '../test-support/bytes.js';

/**
 * CsvBytesReader's byte-level path (records split on the UTF-8 bytes and given undecoded to a
 * visitor's `bytes`) against the reference: the whole file decoded (decodeCsv), then core's
 * papaparse-based readCsv. Same header, records (cell texts), lines and problems, in the same
 * order, or the same decoding failure, on any text and any cuts.
 */

type Event = readonly ['header', readonly string[]] | readonly ['record', readonly string[], number] | readonly ['problem', Problem];

interface Recorder extends CsvVisitor {
  readonly events: Event[];
  /** Records given as bytes. */
  byteRecords: number;
}

function recorder(withBytes: boolean): Recorder {
  const events: Event[] = [];
  const r: Recorder = {
    events,
    byteRecords: 0,
    header: (cells) => events.push(['header', [...cells]]),
    record: (cells, line) => events.push(['record', [...cells], line]),
    spans: (record: CsvSpans, line) => {
      const cells: string[] = [];
      for (let i = 0; i < record.length; i++) cells.push(record.text.substring(record.starts[i] ?? 0, record.ends[i] ?? 0));
      events.push(['record', cells, line]);
    },
    problem: (found) => events.push(['problem', found]),
  };
  if (withBytes) {
    r.bytes = (record: CsvByteSpans, line) => {
      r.byteRecords++;
      const cells: string[] = [];
      for (let i = 0; i < record.length; i++) cells.push(utf8Text(record.bytes, record.starts[i] ?? 0, record.ends[i] ?? 0));
      events.push(['record', cells, line]);
    };
  }
  return r;
}

function reference(bytes: Uint8Array, encoding?: string): unknown {
  const decoded = decodeCsv(bytes, encoding === undefined ? {} : { encoding });
  if (!decoded.ok) return { decoding: decoded.problems };
  const r = recorder(false);
  readCsv(decoded.value.text, r);
  return { events: r.events, encoding: decoded.value.encoding, bom: decoded.value.bom };
}

function byBytes(chunks: readonly Uint8Array[], encoding?: string, visitor = recorder(true)): unknown {
  const csv = new CsvBytesReader(visitor, encoding === undefined ? {} : { encoding });
  for (const chunk of chunks) {
    csv.write(chunk);
    if (csv.failed) break;
  }
  const read = csv.end();
  if (!read.ok) return { decoding: read.problems };
  return { events: visitor.events, encoding: read.value.encoding, bom: read.value.bom };
}

/** Cells mostly plain, sometimes anything a CSV file can hold: quotes, breaks, spaces, CJK, astral characters, BOMs. */
const cell = fc.oneof(
  { arbitrary: fc.constantFrom('G1', 'above', '5000000.00', '82279.0681万', '南宁', 'true', ''), weight: 8 },
  {
    arbitrary: fc.constantFrom(
      ' ',
      '\u3000',
      '\u00a0',
      '\uFEFF',
      '"a,b"',
      '"x""y"',
      '"line\nbreak"',
      'a"b',
      '\r',
      '𠀀',
      '１２３',
      '"',
      '"open',
    ),
    weight: 2,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 1 },
);
const line = fc.oneof(
  { arbitrary: fc.array(cell, { minLength: 3, maxLength: 3 }), weight: 8 },
  { arbitrary: fc.array(cell, { maxLength: 5 }), weight: 1 },
);
const file = fc.record({
  bom: fc.boolean(),
  lines: fc.array(line, { maxLength: 14 }),
  crlf: fc.boolean(),
  finalBreak: fc.boolean(),
});

function textOf(f: typeof file extends fc.Arbitrary<infer F> ? F : never): string {
  const nl = f.crlf ? '\r\n' : '\n';
  const text = ['id,b,c', ...f.lines.map((cells) => cells.join(','))].join(nl) + (f.finalBreak ? nl : '');
  return (f.bom ? '\uFEFF' : '') + text;
}

/** Bytes that are not UTF-8 (a lone continuation, a truncated sequence, an overlong form, a surrogate, beyond U+10FFFF, GBK). */
const BAD_BYTES = [[0x80], [0xe5, 0x8d], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc4, 0xcf], [0xff]];

describe('CsvBytesReader on the bytes: the same reading as decodeCsv + readCsv', () => {
  it('on any text (quotes, breaks, whitespace, CJK, astral characters, BOMs), cut anywhere, encoding detected or given', () => {
    fc.assert(
      fc.property(file, fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom(undefined, 'utf-8'), (f, at, encoding) => {
        const bytes = utf8(textOf(f));
        expect(byBytes(cut(bytes, at), encoding)).toEqual(reference(bytes, encoding));
      }),
      { numRuns: 1500 },
    );
  });

  it('with bytes that are not UTF-8 anywhere: the same failure, or the same switch to GB18030', () => {
    fc.assert(
      fc.property(
        file,
        fc.nat(),
        fc.constantFrom(...BAD_BYTES),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.constantFrom(undefined, 'utf-8'),
        (f, where, bad, at, encoding) => {
          const good = utf8(textOf(f));
          const i = where % (good.length + 1);
          const bytes = new Uint8Array([...good.subarray(0, i), ...bad, ...good.subarray(i)]);
          expect(byBytes(cut(bytes, at), encoding)).toEqual(reference(bytes, encoding));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('cut at every byte offset of small files', () => {
    const files = [
      'id,name,city\nG1,南宁甲,柳州\r\nG2,"乙, ""丙""\n公司",𠀀\n\nG3,x,y\nG4,\u3000,\n',
      '\uFEFFid,b\nA,1\nA,2,3\n \t,\nB,"q"\nC,\uFEFF\n',
      'id,b\r\nG1,a"b\r\nG2,\r\n\r\n',
    ];
    for (const text of files) {
      const bytes = utf8(text);
      const expected = reference(bytes);
      for (let i = 0; i <= bytes.length; i++) {
        for (const j of [i, Math.min(bytes.length, i + 1), Math.min(bytes.length, i + 7)]) {
          expect(byBytes([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)])).toEqual(expected);
        }
      }
    }
  });

  it('reads plain records on the bytes, and again after a record it cannot (a quoted field) further than 64 KiB on', () => {
    const lines = ['id,name,city,revenue'];
    for (let i = 0; i < 6000; i++) {
      if (i % 1500 === 7) lines.push(`G${i},"名称, 带逗号\n跨行",南宁,1.5`);
      else if (i === 3000) lines.push('');
      else lines.push(`G${i},企业${i},柳州,${i}.25`);
    }
    const bytes = utf8(`${lines.join('\n')}\n`);
    const expected = reference(bytes);
    for (const size of [1 << 20, 4096, 1000, 77]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const visitor = recorder(true);
      expect(byBytes(chunks, undefined, visitor)).toEqual(expected);
      expect(visitor.byteRecords).toBeGreaterThan(5000);
    }
  });

  it('gives GB18030 files and readers without `bytes` to the text path only', () => {
    const visitor = recorder(true);
    const gbk = new Uint8Array([...utf8('id,b\n1,'), 0xc4, 0xcf, 0x0a, ...utf8('2,x\n')]);
    expect(byBytes([gbk], undefined, visitor)).toEqual(reference(gbk));
    expect(visitor.byteRecords).toBe(0);
  });
});

describe("rd_incentive's table read on the bytes", () => {
  it('gives the same table, warnings and problems as read from the text, on a population with 万, full-width digits, quotes and bad cells', () => {
    const rows = ['id,name,scale,revenue,rd_expense,rd_expense_prev,high_tech,gazelle,super_deduction,city,industry'];
    const amounts = [
      '5000000',
      '82279.0681万',
      '１２３４',
      '3000 万',
      '"1,234.50"',
      '0.05亿元',
      '-5',
      '1.234',
      '',
      '12345.6',
      ' 7 ',
      '5万元',
      '123456789012.34',
    ];
    const booleans = ['true', 'false', '是', '否', 'TRUE', '', 'maybe', ' true'];
    const scales = ['above', 'below', '规上', '规模以下', 'ABOVE', '', 'x'];
    const cities = ['南宁', '柳州', ' 南宁 ', '', 'Guilin', '南宁\u3000'];
    for (let i = 0; i < 3000; i++) {
      const pick = <T>(list: readonly T[], k: number): T => list[(i * k) % list.length] as T;
      const id = i % 401 === 5 ? 'G1' : i % 397 === 3 ? ' Ｇ７ ' : `G${i}`;
      const amount = (k: number): string => (i % 5 === 0 ? pick(amounts, k) : `${i * k}.${k}`);
      rows.push(
        [
          id,
          `企业${i}`,
          pick(scales, 3),
          amount(7),
          amount(11),
          amount(13),
          pick(booleans, 5),
          pick(booleans, 2),
          'true',
          pick(cities, 17),
          pick(cities, 19),
        ].join(','),
      );
    }
    const bytes = utf8(`${rows.join('\r\n')}\r\n`);
    for (const keepNames of [true, false]) {
      for (const excludeInvalid of [true, false]) {
        const options = { keepNames, excludeInvalid };
        const text = rdIncentiveProgramme.applicantTable(options);
        const decoded = decodeCsv(bytes);
        if (!decoded.ok) throw new Error('not decoded');
        readCsv(decoded.value.text, text);
        const onBytes = rdIncentiveProgramme.applicantTable(options);
        let calls = 0;
        const counted: CsvVisitor = {
          header: (cells) => onBytes.header(cells),
          record: (cells, line) => onBytes.record(cells, line),
          problem: (found) => onBytes.problem(found),
          bytes: (record, line) => {
            calls++;
            onBytes.bytes?.(record, line);
          },
        };
        const csv = new CsvBytesReader(counted);
        for (let i = 0; i < bytes.length; i += 5000) csv.write(bytes.subarray(i, i + 5000));
        expect(csv.end().ok).toBe(true);
        expect(calls).toBeGreaterThan(1000);
        expect(onBytes.finish()).toEqual(text.finish());
      }
    }
  });
});
