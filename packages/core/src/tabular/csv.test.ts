import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../errors/index.js';
import { parseCsv, readCsv, type CsvTable } from './index.js';

const table = (text: string): CsvTable => {
  const r = parseCsv(text);
  if (!r.ok) throw new Error(`expected the CSV to parse: ${JSON.stringify(r.problems)}`);
  return r.value;
};
const problemsOf = (text: string): readonly Problem[] => {
  const r = parseCsv(text);
  return r.ok ? [] : r.problems;
};

describe('parseCsv: reading', () => {
  it('gives the header and each record with its line, the header being line 1', () => {
    expect(table('a,b\n1,2\n3,4\n')).toEqual({
      header: ['a', 'b'],
      records: [
        { cells: ['1', '2'], line: 2 },
        { cells: ['3', '4'], line: 3 },
      ],
    });
  });

  it('reads a last record with no line break after it', () => {
    expect(table('a,b\n1,2').records).toEqual([{ cells: ['1', '2'], line: 2 }]);
  });

  it('strips a UTF-8 BOM', () => {
    expect(table('\uFEFFid,名称\nE1,甲\n')).toEqual({ header: ['id', '名称'], records: [{ cells: ['E1', '甲'], line: 2 }] });
  });

  it('reads CRLF line endings without leaving a CR in the last cell', () => {
    expect(table('a,b\r\n1,2\r\n"3","4"\r\n')).toEqual({
      header: ['a', 'b'],
      records: [
        { cells: ['1', '2'], line: 2 },
        { cells: ['3', '4'], line: 3 },
      ],
    });
  });

  it('reads a file that mixes CRLF and LF', () => {
    expect(table('a,b\r\n1,2\n3,4\r\n').records).toEqual([
      { cells: ['1', '2'], line: 2 },
      { cells: ['3', '4'], line: 3 },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, keeping later line numbers right', () => {
    const text = 'id,name\nE1,"Acme, Ltd"\nE2,"say ""hi"""\nE3,"two\nlines"\nE4,"three\r\nCRLF\r\nlines"\r\nE5,plain\n';
    expect(table(text).records).toEqual([
      { cells: ['E1', 'Acme, Ltd'], line: 2 },
      { cells: ['E2', 'say "hi"'], line: 3 },
      { cells: ['E3', 'two\nlines'], line: 4 },
      { cells: ['E4', 'three\r\nCRLF\r\nlines'], line: 6 },
      { cells: ['E5', 'plain'], line: 9 },
    ]);
  });

  it('reads a file with no LF split on CR', () => {
    expect(table('a,b\r1,2\r').records).toEqual([{ cells: ['1', '2'], line: 2 }]);
  });

  it('ignores blank lines, and rows of empty cells, after the last record', () => {
    expect(table('a,b\n1,2\n\n  \n,\r\n\n').records).toEqual([{ cells: ['1', '2'], line: 2 }]);
  });

  it('gives each record to the visitor as it is read, the header first', () => {
    const seen: string[] = [];
    readCsv('a,b\n1,2\n3\n4,5\n', {
      header: (cells) => seen.push(`header ${cells.join('|')}`),
      record: (cells, line) => seen.push(`${line}: ${cells.join('|')}`),
      problem: (found) => seen.push(`${found.location?.line}: ${found.code}`),
    });
    expect(seen).toEqual(['header a|b', '2: 1|2', '3: CSV.FIELD_COUNT', '4: 4|5']);
  });

  it('reads back any table written with quotes, with the line where each record starts', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '甲', ',', '"', '\n', '\r\n', ' ', '1'), maxLength: 6 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.tuple(
            fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '列'), minLength: 1, maxLength: 3 }), {
              minLength: width,
              maxLength: width,
            }),
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 8 }),
          ),
        ),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        ([header, rows], newline, bom) => {
          // A record of empty cells at the end is a blank line, which is ignored: keep one cell.
          const records = rows.map((cells) => (cells.every((c) => c.trim() === '') ? ['x', ...cells.slice(1)] : cells));
          const quote = (c: string): string => `"${c.replaceAll('"', '""')}"`;
          const lines = [header.join(','), ...records.map((cells) => cells.map(quote).join(','))];
          const text = (bom ? '\uFEFF' : '') + lines.join(newline) + newline;
          let line = 2;
          const expected = records.map((cells) => {
            const at = line;
            line += 1 + cells.join('').split('\n').length - 1;
            return { cells, line: at };
          });
          expect(table(text)).toEqual({ header, records: expected });
        },
      ),
    );
  });
});

describe('parseCsv: problems', () => {
  it('refuses an empty file', () => {
    expect(problemsOf('')).toEqual([
      {
        code: 'CSV.NO_HEADER',
        message: 'the file is empty: the first line must be the header naming the columns, separated by commas',
        location: { line: 1 },
      },
    ]);
    expect(problemsOf('\uFEFF\r\n\n').map((p) => p.code)).toEqual(['CSV.NO_HEADER']);
  });

  it('refuses a file whose first line is blank', () => {
    expect(problemsOf('\na,b\n1,2\n')).toEqual([
      {
        code: 'CSV.NO_HEADER',
        message: 'the first line is blank: it must be the header naming the columns, separated by commas',
        location: { line: 1 },
      },
    ]);
  });

  it('reports a record with the wrong number of cells, at its line', () => {
    expect(problemsOf('a,b\n1,2\n1,2,3\n"x\ny"\n')).toEqual([
      {
        code: 'CSV.FIELD_COUNT',
        message:
          'this record has 3 cells but the header has 2: give every record one cell per column, ' +
          'and put a value that contains a comma inside double quotes ("…")',
        location: { line: 3 },
      },
      expect.objectContaining({ code: 'CSV.FIELD_COUNT', location: { line: 4 } }),
    ]);
  });

  it('reports a blank line inside the table', () => {
    expect(problemsOf('a,b\n1,2\n\n3,4\n')).toEqual([
      {
        code: 'CSV.BLANK_LINE',
        message: 'blank line inside the table: delete it (blank lines are allowed only after the last record)',
        location: { line: 3 },
      },
    ]);
  });

  it('reports a quoted field that is never closed, at the line where it starts', () => {
    expect(problemsOf('a,b\n1,2\n3,"four\n5,6\n')).toEqual([
      {
        code: 'CSV.UNCLOSED_QUOTE',
        message:
          'a quoted field that starts on this line is never closed, so the rest of the file would be one cell: ' +
          'end the field with a double quote, and write a quote inside a quoted field as two quotes ("")',
        location: { line: 3, value: '3,"four' },
      },
    ]);
  });

  it('reports text after a closing quote, at the line where the record starts', () => {
    expect(problemsOf('a,b\n1,"x"y"\n3,4,5\n')).toEqual([
      {
        code: 'CSV.MALFORMED_QUOTE',
        message:
          'a quoted field has text after its closing quote: put the whole cell inside double quotes ' +
          'and write a quote inside it as two quotes (""), e.g. "firm ""A"" ltd"',
        location: { line: 2, value: '1,"x"y"' },
      },
      expect.objectContaining({ code: 'CSV.FIELD_COUNT', location: { line: 3 } }),
    ]);
  });

  it('says how far a malformed quote carries its record, and reads on from there', () => {
    expect(problemsOf('a,b\r\n1,"x"y\r\n2,"z",w\r\n3,4,5\r\n')).toEqual([
      {
        code: 'CSV.MALFORMED_QUOTE',
        message:
          'a quoted field has text after its closing quote (as written, its quotes make this record run on to line 3): ' +
          'put the whole cell inside double quotes and write a quote inside it as two quotes (""), e.g. "firm ""A"" ltd"',
        location: { line: 2, value: '1,"x"y' },
      },
      expect.objectContaining({ code: 'CSV.FIELD_COUNT', location: { line: 4 } }),
    ]);
  });

  it('reports every structural problem, not just the first', () => {
    expect(problemsOf('a,b\n1\n\n2,3\n4,5,6\n').map((p) => [p.code, p.location?.line])).toEqual([
      ['CSV.FIELD_COUNT', 2],
      ['CSV.BLANK_LINE', 3],
      ['CSV.FIELD_COUNT', 5],
    ]);
  });
});
