import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, readCsvPieces } from './csv-stream.js';
import { readCsv, type CsvVisitor } from './csv.js';

/** Every call a visitor receives, in order. */
function recorder(): { visitor: CsvVisitor; calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    visitor: {
      header: (cells) => calls.push(['header', [...cells]]),
      record: (cells, line) => calls.push(['record', [...cells], line]),
      problem: (found) => calls.push(['problem', found]),
    },
  };
}

const reference = (text: string): unknown[] => {
  const r = recorder();
  readCsv(text, r.visitor);
  return r.calls;
};

/** Read in pieces; with `spans`, the visitor takes records as spans where CsvReader offers them. */
const streamed = (pieces: readonly string[], spans = false): unknown[] => {
  const r = recorder();
  const visitor: CsvVisitor = spans
    ? {
        ...r.visitor,
        spans: (record, line) => {
          const cells: string[] = [];
          for (let i = 0; i < record.length; i++) cells.push(record.text.substring(record.starts[i] ?? 0, record.ends[i] ?? 0));
          r.visitor.record(cells, line);
        },
      }
    : r.visitor;
  readCsvPieces(pieces, visitor);
  return r.calls;
};

/** The text cut at the given offsets. */
const cut = (text: string, at: readonly number[]): string[] => {
  const offsets = [...new Set(at.map((a) => a % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const offset of offsets) {
    pieces.push(text.slice(from, offset));
    from = offset;
  }
  pieces.push(text.slice(from));
  return pieces;
};

// Inputs built from the characters that matter to a CSV splitter.
const csvText = fc
  .array(fc.constantFrom('a', 'b', '万', ' ', '\t', ',', ',', '"', '"', '""', '\n', '\n', '\r\n', '\r', '\u3000', '1'), { maxLength: 40 })
  .chain((parts) => fc.constantFrom('', '\uFEFF').map((bom) => bom + parts.join('')));
// (Two byte-order marks are left out: the reference strips both but counts lines after only the
// first, so it puts every record on the line before its own; CsvReader strips both and counts right.)

const CASES = [
  '',
  '\n',
  ' \n',
  '\n\na,b\n1,2\n',
  'a,b\n1,2\n3,4\n',
  'a,b\n1,2',
  'a,b\r\n1,2\r\n',
  'a,b\r1,2\r',
  '\uFEFFa,b\n1,2\n',
  'a,b\n"x, y","1\n2"\n3,4\n',
  'a,b\n"x ""y""",2\n',
  'a,b\n"x"y,2\n3,4\n',
  'a,b\n"x" ,2\n"y" \r\n',
  'a,b\n"open,2\n3,4\n',
  'a,b\n1,2\n\n3,4\n\n\n',
  'a,b\n1\n1,2,3\n',
  'a,b\n"x"\u3000,2\n',
  'a,b\n"x""',
  'a,b\n"x"',
  '"a,b\n',
  '"a"b,c\n1,2\n',
  'a,b\n1,"2"x\n"3",4\n',
];

describe('CsvReader: the same reading as readCsv, however the text is cut', () => {
  it.each(CASES.map((text) => [text]))('%j whole and cut at every offset', (text) => {
    const expected = reference(text);
    expect(streamed([text])).toEqual(expected);
    expect(streamed([text], true)).toEqual(expected);
    for (let i = 0; i <= text.length; i++) {
      expect(streamed([text.slice(0, i), text.slice(i)])).toEqual(expected);
      expect(streamed([text.slice(0, i), text.slice(i)], true)).toEqual(expected);
    }
    expect(streamed([...text])).toEqual(expected);
  });

  it('on random text with quotes, commas and line breaks, cut anywhere', () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (text, at, spans) => {
        expect(streamed(cut(text, at), spans)).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('a quoted field of megabytes, closed or not, read in 64 KiB pieces as whole', () => {
    const long = 'x,\n'.repeat(700_000);
    for (const text of [`a,b\n1,"${long}"\n2,3\n`, `a,b\n1,"${long}\n2,3\n`]) {
      const pieces: string[] = [];
      for (let at = 0; at < text.length; at += 65_536) pieces.push(text.slice(at, at + 65_536));
      expect(streamed(pieces)).toEqual(reference(text));
    }
  });

  it('refuses text after the end', () => {
    const reader = new CsvReader(recorder().visitor);
    reader.end();
    expect(() => reader.write('a')).toThrow(/after end/u);
  });
});
