import { parseCsv } from '@bagui/core/tabular';
import { describe, expect, it } from 'vitest';
import { csvCell, decodeApplicantsFile, tableToCsv } from './tables';

describe('CSV out', () => {
  it('neutralises text a spreadsheet would run, keeping it visible, and leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('-1234.50')).toBe('-1234.50');
    expect(csvCell('南宁市')).toBe('南宁市');
    expect(csvCell('a,b')).toBe('"a,b"');
  });

  it('starts with a byte-order mark, ends lines with CRLF, and reads back through core', () => {
    const text = tableToCsv([
      ['id', 'name', 'award'],
      ['E1', '广西"八桂"科技, 有限公司', '5000000.00'],
      ['E2', '=1+2', '-3.00'],
    ]);
    expect(text.startsWith('\uFEFFid,name,award\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = parseCsv(text);
    if (!parsed.ok) throw new Error('unreadable');
    expect(parsed.value.records.map((r) => r.cells)).toEqual([
      ['E1', '广西"八桂"科技, 有限公司', '5000000.00'],
      ['E2', "'=1+2", '-3.00'],
    ]);
  });
});

describe('files in', () => {
  it('reads UTF-8 and says which line of a GBK file is not', () => {
    const utf8 = new TextEncoder().encode('id,规模\nE1,规上\n');
    expect(decodeApplicantsFile('a.csv', utf8)).toEqual({ ok: true, text: 'id,规模\nE1,规上\n' });
    const gbk = Uint8Array.from([...new TextEncoder().encode('id,scale\n'), 0xb9, 0xe6, 0xc9, 0xcf, 0x0a]);
    const read = decodeApplicantsFile('gbk.csv', gbk);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problems[0]?.code).toBe('FILE.NOT_UTF8');
      expect(read.problems[0]?.location?.line).toBe(2);
    }
  });

  it('refuses an Excel workbook by name, saying what to do instead', () => {
    const read = decodeApplicantsFile('firms.xlsx', new Uint8Array([0x50, 0x4b]));
    expect(read.ok ? '' : read.problems[0]?.message).toBe(
      'reading .xlsx files is not supported yet: save the sheet as "CSV UTF-8 (comma delimited)" and import the .csv file',
    );
  });
});
