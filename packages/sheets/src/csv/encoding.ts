import { fail, ok, problem, type Result } from '@bagui/core/errors';

/** The encodings a CSV file is read in. GBK is read as GB18030, of which it is a subset. */
export type CsvEncoding = 'utf-8' | 'gbk' | 'gb18030';

/** Why that encoding: a byte-order mark, the caller's option, an HTTP charset, or detection. */
export type EncodingSource = 'bom' | 'option' | 'charset' | 'detected';

const NAMES: Readonly<Record<string, CsvEncoding>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  gbk: 'gbk',
  'x-gbk': 'gbk',
  gb2312: 'gbk',
  cp936: 'gbk',
  'windows-936': 'gbk',
  gb18030: 'gb18030',
};

/** An encoding's name as a person or an HTTP header writes it (`UTF8`, `GB2312`, `gbk`). */
export function parseEncodingName(name: string, from: 'option' | 'charset' = 'option'): Result<CsvEncoding> {
  const encoding = NAMES[name.trim().toLowerCase()];
  if (encoding !== undefined) return ok(encoding);
  const what =
    from === 'charset' ? `the charset ${JSON.stringify(name)} of the request's Content-Type` : `the encoding ${JSON.stringify(name)}`;
  return fail(
    problem('CSV.ENCODING_UNSUPPORTED', `${what} is not supported: CSV files are read as utf-8, gbk or gb18030 (GBK is read as GB18030)`, {
      value: name,
    }),
  );
}

/** The `charset=` of a Content-Type (`text/csv; charset="GBK"`), or undefined when there is none. */
export function charsetOf(contentType: string): string | undefined {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/iu.exec(contentType);
  const value = m?.[1] ?? m?.[2];
  return value === undefined || value === '' ? undefined : value;
}
