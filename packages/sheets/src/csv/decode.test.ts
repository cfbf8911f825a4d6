import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CsvDecoder, decodeCsv, decodeCsvStream, charsetOf } from './index.js';
import { utf8 } from '../test-support/bytes.js';

const gbk = (text: string): Uint8Array => new Uint8Array(iconv.encode(text, 'gbk'));
const bom = (bytes: Uint8Array): Uint8Array => Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);

const TABLE = 'id,企业名称,规模,研发费用\nE1,南宁甲科技有限公司,规上,500万\nE2,柳州乙,规下,"1,200.50"\n';

function decoded(bytes: Uint8Array, options = {}): { text: string; encoding: string; source: string; bom: boolean } {
  const r = decodeCsv(bytes, options);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

/** Feeds `bytes` to a decoder in pieces cut at `cuts`. */
function inPieces(bytes: Uint8Array, cuts: readonly number[], options = {}): { text: string; decoder: CsvDecoder } {
  const decoder = new CsvDecoder(options);
  let text = '';
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    text += decoder.write(bytes.subarray(from, Math.max(from, cut)));
    from = Math.max(from, cut);
  }
  text += decoder.write(bytes.subarray(from)) + decoder.end();
  return { text, decoder };
}

describe('decodeCsv: detection', () => {
  it('reads UTF-8, with or without a byte-order mark, and says which', () => {
    expect(decoded(utf8(TABLE))).toEqual({ text: TABLE, encoding: 'utf-8', source: 'detected', bom: false });
    expect(decoded(bom(utf8(TABLE)))).toEqual({ text: TABLE, encoding: 'utf-8', source: 'bom', bom: true });
  });

  it('reads GBK (Chinese Excel\'s "CSV (逗号分隔)") as GB18030 when it is not UTF-8', () => {
    expect(decoded(gbk(TABLE))).toEqual({ text: TABLE, encoding: 'gb18030', source: 'detected', bom: false });
  });

  it('reads GB18030 characters outside GBK (four-byte sequences)', () => {
    const text = 'id,name\nE1,𠀀㐀€\n';
    expect(decoded(new Uint8Array(iconv.encode(text, 'gb18030')))).toMatchObject({ text, encoding: 'gb18030' });
  });

  it('switches to GB18030 at the first Chinese line even after a long ASCII start, losing nothing', () => {
    const ascii = Array.from({ length: 5000 }, (_, i) => `E${i},plain,above,${i}\n`).join('');
    const text = `id,name,scale,rd\n${ascii}E9999,南宁,规上,5\n`;
    const bytes = gbk(text);
    expect(decoded(bytes).text).toBe(text);
    // In 64 KiB chunks as a file stream gives them.
    const cuts = Array.from({ length: Math.floor(bytes.length / 65536) }, (_, i) => (i + 1) * 65536);
    const piece = inPieces(bytes, cuts);
    expect(piece.text).toBe(text);
    expect(piece.decoder.encoding).toBe('gb18030');
  });

  it('gives the same text however the bytes are cut into chunks (UTF-8, BOM, GBK, CRLF, no final line break)', () => {
    const samples = [utf8(TABLE), bom(utf8(TABLE)), gbk(TABLE), gbk(TABLE.replaceAll('\n', '\r\n')), utf8(TABLE.trimEnd()), gbk('a\n')];
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(fc.nat({ max: 200 }), { maxLength: 12 }), (bytes, cuts) => {
        expect(inPieces(bytes, cuts).text).toBe(decoded(bytes).text);
      }),
      { numRuns: 500 },
    );
  });

  it('holds a file without line feeds (CR line ends) until it ends, and decodes it whole', () => {
    const text = Array.from({ length: 200_000 }, (_, i) => `E${i},南宁\r`).join('');
    const bytes = gbk(text);
    const cuts = Array.from({ length: Math.floor(bytes.length / 4096) }, (_, i) => (i + 1) * 4096);
    const piece = inPieces(bytes, cuts);
    expect(piece.text).toBe(text);
    expect(piece.decoder.encoding).toBe('gb18030');
  });

  it('reads an empty file as empty text', () => {
    expect(decoded(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8', source: 'detected', bom: false });
  });
});

describe('decodeCsv: the encoding given', () => {
  it('takes an encoding option, in any usual spelling', () => {
    expect(decoded(gbk(TABLE), { encoding: 'GBK' })).toMatchObject({ text: TABLE, encoding: 'gbk', source: 'option' });
    expect(decoded(gbk(TABLE), { encoding: 'gb2312' })).toMatchObject({ encoding: 'gbk' });
    expect(decoded(utf8(TABLE), { encoding: 'utf8' })).toMatchObject({ text: TABLE, encoding: 'utf-8', source: 'option' });
  });

  it("honours an HTTP Content-Type's charset, and the option over it", () => {
    expect(decoded(gbk(TABLE), { contentType: 'text/csv; charset="GB18030"' })).toMatchObject({ encoding: 'gb18030', source: 'charset' });
    expect(decoded(utf8(TABLE), { contentType: 'text/csv;charset=utf-8', encoding: 'utf-8' })).toMatchObject({ source: 'option' });
    expect(decoded(utf8(TABLE), { contentType: 'text/csv' })).toMatchObject({ source: 'detected' });
    expect(charsetOf('text/csv; header=present; charset=GBK')).toBe('GBK');
  });

  it('lets a byte-order mark decide over the option (WHATWG)', () => {
    expect(decoded(bom(utf8(TABLE)), { encoding: 'gbk' })).toMatchObject({ text: TABLE, encoding: 'utf-8', source: 'bom' });
  });

  it('refuses an encoding it does not read', () => {
    expect(decodeCsv(utf8(TABLE), { encoding: 'latin1' })).toEqual({
      ok: false,
      problems: [
        {
          code: 'CSV.ENCODING_UNSUPPORTED',
          message: 'the encoding "latin1" is not supported: CSV files are read as utf-8, gbk or gb18030 (GBK is read as GB18030)',
          location: { value: 'latin1' },
        },
      ],
    });
    expect(decodeCsv(utf8(TABLE), { contentType: 'text/csv; charset=iso-8859-1' })).toMatchObject({
      problems: [{ message: expect.stringContaining('the charset "iso-8859-1" of the request\'s Content-Type is not supported') }],
    });
  });

  it('locates bytes that are not of the encoding given, at their line', () => {
    expect(decodeCsv(gbk(TABLE), { encoding: 'utf-8' })).toEqual({
      ok: false,
      problems: [
        {
          code: 'CSV.ENCODING_INVALID',
          message:
            'this line is not valid UTF-8, the encoding given: give the encoding the file was saved in (utf-8, gbk or gb18030), ' +
            'or save it again as "CSV UTF-8 (逗号分隔)"',
          location: { line: 1, value: expect.stringMatching(/^id,.*\uFFFD/u) as unknown },
        },
      ],
    });
    const late = decodeCsv(Uint8Array.from([...utf8('a,b\n1,2\n'), 0xff, ...utf8(',3\n')]), { encoding: 'utf-8' });
    expect(late).toMatchObject({ ok: false, problems: [{ location: { line: 3, value: '\uFFFD,3' } }] });
  });

  it('keeps the first problem when a chunk completes a held line that is invalid and brings more lines', () => {
    const decoder = new CsvDecoder({ encoding: 'utf-8' });
    expect(decoder.write(utf8('a,b\n1,'))).toBe('a,b\n');
    decoder.write(Uint8Array.from([0xff, ...utf8(',2\n3,\u5357\n4,'), 0xfe, ...utf8('\n')]));
    expect(decoder.problem).toMatchObject({ code: 'CSV.ENCODING_INVALID', location: { line: 2, value: '1,\uFFFD,2' } });
  });

  it('refuses a file that mixes UTF-8 and GBK, at the first line that is not UTF-8', () => {
    const bytes = Uint8Array.from([...utf8('id,name\nE1,南宁\nE2,x\n'), ...gbk('E3,柳州\n')]);
    const r = decodeCsv(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ code: 'CSV.ENCODING_INVALID', location: { line: 4 } });
    expect(r.problems[0]?.message).toBe(
      'this line is not UTF-8 although the lines before it were UTF-8 text beyond ASCII: the file mixes two encodings; ' +
        'save it again as "CSV UTF-8 (逗号分隔)" from Excel or WPS',
    );
  });

  it('refuses UTF-16 text and workbooks with what to do', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x69, 0, 0x64, 0]);
    expect(decodeCsv(utf16)).toMatchObject({ ok: false, problems: [{ code: 'CSV.UTF16' }] });
    expect(decodeCsv(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]))).toMatchObject({ ok: false, problems: [{ code: 'CSV.IS_XLSX' }] });
    expect(decodeCsv(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toMatchObject({ ok: false, problems: [{ code: 'CSV.IS_XLS' }] });
  });
});

describe('decodeCsvStream', () => {
  it('decodes an async stream of chunks', async () => {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      const bytes = gbk(TABLE);
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    expect(await decodeCsvStream(chunks())).toEqual({
      ok: true,
      value: { text: TABLE, encoding: 'gb18030', source: 'detected', bom: false },
    });
  });
});
