import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { readCsv as readCsvText } from '../../tabular/index.js';
import { MAX_PROBLEMS } from '../../tabular/index.js';
import {
  applicantTableReader,
  readApplicantRecords,
  readApplicantsCsv,
  type ApplicantField,
  type ApplicantSchema,
} from './applicant-reader.js';
import { problemsOf, valueOf, where, wherePath } from './test-support/index.js';

// One field of every kind, and a check across fields.
const FIELDS = [
  { name: 'id', zh: '编号', kind: 'id', required: true },
  {
    name: 'kind',
    zh: '类别',
    kind: 'choice',
    required: true,
    choices: [
      { value: 'zone', zh: '园区' },
      { value: 'lab', zh: '实验室' },
    ],
  },
  { name: 'amount', zh: '金额', kind: 'amount', required: false, default: '0' },
  { name: 'flag', zh: '标记', kind: 'boolean', required: false, default: 'false' },
  { name: 'robots', zh: '台数', kind: 'count', required: false, default: '0' },
  { name: 'score', zh: '得分', kind: 'decimal', required: false },
  { name: 'note', zh: '备注', kind: 'text', required: false },
] as const satisfies readonly ApplicantField[];

const SCHEMA: ApplicantSchema<typeof FIELDS> = {
  noun: 'thing',
  fields: FIELDS,
  check(row, report) {
    if (row.kind === 'lab' && row.score === undefined) report('score', 'THING.SCORE_FOR_LAB', 'a lab needs a score');
  },
};

const csv = (...lines: string[]): string => `${lines.join('\n')}\n`;
const readCsv = (text: string) => readApplicantsCsv(SCHEMA, text);
const SCHEMA_TABLE = () => applicantTableReader(SCHEMA);
const readJson = (records: unknown[]) => readApplicantRecords(SCHEMA, records, ['things']);

describe('readApplicantsCsv', () => {
  it('reads every kind, in either language, with defaults for empty and absent cells', () => {
    const rows = valueOf(readCsv(csv('编号,类别,金额,标记,台数,得分,备注', ' T1 ,园区,500万,是,12,72.5, 说明 ', 'T2,LAB,,,,0,')));
    expect(rows).toEqual([
      { id: 'T1', kind: 'zone', amount: 500_000_000, flag: true, robots: 12, score: new Decimal('72.5'), note: '说明' },
      { id: 'T2', kind: 'lab', amount: 0, flag: false, robots: 0, score: new Decimal(0), note: undefined },
    ]);
    expect(valueOf(readCsv(csv('id,kind', 'T1,zone')))).toEqual([
      { id: 'T1', kind: 'zone', amount: 0, flag: false, robots: 0, score: undefined, note: undefined },
    ]);
    expect(where(readCsv(csv('id,kind')))).toEqual([['TABLE.NO_ROWS', 2, undefined, undefined]]);
  });

  it('pins the message of each invalid cell kind', () => {
    const r = readCsv(csv('id,kind,amount,flag,robots,score', 'T1,park,1e3,maybe,1.5,x', 'T2,lab,,,-1,'));
    expect(where(r)).toEqual([
      ['APPLICANT.CHOICE_INVALID', 2, 'kind', 'park'],
      ['AMOUNT.EXPONENT', 2, 'amount', '1e3'],
      ['APPLICANT.BOOLEAN_INVALID', 2, 'flag', 'maybe'],
      ['APPLICANT.COUNT_INVALID', 2, 'robots', '1.5'],
      ['APPLICANT.DECIMAL_INVALID', 2, 'score', 'x'],
      ['APPLICANT.COUNT_INVALID', 3, 'robots', '-1'],
    ]);
    expect(problemsOf(r).map((p) => p.message)).toEqual([
      'kind (类别) must be one of zone (园区), lab (实验室)',
      'amount (金额): exponent notation is not accepted; write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元',
      'flag (标记) must be true or false (also 1/0, yes/no, y/n, 是/否), or empty for the default (false)',
      'robots (台数) must be a whole number, e.g. 0 or 12',
      'score (得分) must be a number of 0 or more, e.g. 85 or 72.5: digits with an optional decimal point, no sign or exponent',
      'robots (台数) must be a whole number, e.g. 0 or 12',
    ]);
  });

  it('runs the cross-field check only on rows whose cells are valid, and locates it at the field', () => {
    const r = readCsv(csv('id,kind,score,robots', 'T1,lab,,0', 'T2,lab,,x'));
    expect(where(r)).toEqual([
      ['THING.SCORE_FOR_LAB', 2, 'score', ''],
      ['APPLICANT.COUNT_INVALID', 3, 'robots', 'x'],
    ]);
  });

  it('ignores unknown and unnamed columns, refuses repeated and missing ones, suggesting the one meant', () => {
    const r = readCsv(csv('ID,Kinds,,金额,amount,remark', 'T1,zone,,1,1,x'));
    expect(where(r)).toEqual([
      ['CSV.DUPLICATE_COLUMN', 1, 'amount', 'amount'],
      ['CSV.MISSING_COLUMN', 1, 'kind', undefined],
    ]);
    expect(problemsOf(r).map((p) => p.message.split(':')[0])).toEqual([
      'column "amount" repeats column 4 ("金额")',
      'the required column kind (类别) is missing (did you mean the column "Kinds"? head it 类别)',
    ]);
    const table = SCHEMA_TABLE();
    readCsvText(csv('序号,ID,KIND,remark,', '1,T1,zone,x,'), table);
    const read = table.finish();
    expect(read.ok && read.value.warnings.map((w) => [w.code, w.message])).toEqual([
      ['CSV.IGNORED_COLUMNS', '3 columns not used here were ignored: 序号, remark, column 5 (no header)'],
    ]);
    expect(read.ok && read.value.value.map((row) => row.id)).toEqual(['T1']);
  });

  it('passes on the problems of the CSV itself', () => {
    expect(where(readCsv(''))).toEqual([['CSV.NO_HEADER', 1, undefined, undefined]]);
    expect(where(readCsv(csv('id,kind', 'T1,zone,extra')))).toEqual([['CSV.FIELD_COUNT', 2, undefined, undefined]]);
  });

  it(`lists ${MAX_PROBLEMS} problems and then says how many more there were`, () => {
    const rows = Array.from({ length: MAX_PROBLEMS + 5 }, (_, i) => `T${i},nowhere`);
    const problems = problemsOf(readCsv(csv('id,kind', ...rows)));
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems.at(-1)).toEqual({
      code: 'PROBLEMS.TRUNCATED',
      message: `5 more problems (${MAX_PROBLEMS + 5} in all) are not listed: fix the ones above and read the input again`,
    });
  });
});

describe('readApplicantRecords', () => {
  it('reads JSON values of their natural types and as strings', () => {
    const rows = valueOf(readJson([{ id: 'T1', kind: '实验室', amount: 1234.5, flag: true, robots: 10, score: 99.25, note: null }]));
    expect(rows).toEqual([
      { id: 'T1', kind: 'lab', amount: 123_450, flag: true, robots: 10, score: new Decimal('99.25'), note: undefined },
    ]);
  });

  it('refuses records that are not objects, values of the wrong JSON type, and names other records by path', () => {
    const r = readJson([
      [1, 2],
      { id: 7, kind: 'zone', flag: 'yes', robots: 2.5, amount: true },
      { id: 'T1', kind: 'zone' },
      { id: 'T1', kind: 'zone', score: '1e2' },
    ]);
    expect(wherePath(r)).toEqual([
      ['APPLICANT.NOT_AN_OBJECT', ['things', 0], '[1,2]'],
      ['APPLICANT.WRONG_TYPE', ['things', 1, 'id'], '7'],
      ['APPLICANT.WRONG_TYPE', ['things', 1, 'amount'], 'true'],
      ['APPLICANT.COUNT_INVALID', ['things', 1, 'robots'], '2.5'],
      ['APPLICANT.ID_DUPLICATE', ['things', 3, 'id'], 'T1'],
      ['APPLICANT.DECIMAL_INVALID', ['things', 3, 'score'], '1e2'],
    ]);
    expect(problemsOf(r).map((p) => p.message)).toEqual([
      'each applicant must be a JSON object with the fields id, kind, amount, flag, robots, score, note',
      'id (编号) must be a string, not a number',
      'amount (金额) must be a string such as "5000000.00" or "500万", or an exact JSON number, not a boolean',
      'robots (台数) must be a whole number, e.g. 0 or 12',
      'id (编号) "T1" is already used by the record at things.2: every thing needs its own id',
      'score (得分) must be a number of 0 or more, e.g. 85 or 72.5: digits with an optional decimal point, no sign or exponent',
    ]);
  });
});

describe('the credit_code kind (统一社会信用代码, GB 32100-2015)', () => {
  const CODED = {
    noun: 'firm',
    fields: [
      { name: 'id', zh: '编号', kind: 'id', required: true },
      { name: 'credit_code', zh: '统一社会信用代码', kind: 'credit_code', required: false },
    ],
  } as const satisfies ApplicantSchema<readonly ApplicantField[]>;

  it('reads a valid code in capitals, leaves an empty one out, and refuses a mistyped one at its cell or path', () => {
    expect(valueOf(readApplicantsCsv(CODED, csv('编号,统一社会信用代码', 'A,91350100m000100y43', 'B,')))).toEqual([
      { id: 'A', credit_code: '91350100M000100Y43' },
      { id: 'B', credit_code: undefined },
    ]);
    expect(where(readApplicantsCsv(CODED, csv('id,credit_code', 'A,91350100M000100Y4', 'B,91350100M000100Y44')))).toEqual([
      ['CREDIT_CODE.LENGTH', 2, 'credit_code', '91350100M000100Y4'],
      ['CREDIT_CODE.CHECK_CHARACTER', 3, 'credit_code', '91350100M000100Y44'],
    ]);
    const json = readApplicantRecords(CODED, [{ id: 'A', credit_code: 913501 }], ['firms']);
    expect(wherePath(json)).toEqual([['APPLICANT.WRONG_TYPE', ['firms', 0, 'credit_code'], '913501']]);
    expect(problemsOf(json)[0]?.message).toBe('credit_code (统一社会信用代码) must be a string, not a number');
  });
});

describe('ids and text in Unicode NFC', () => {
  const composed = 'caf\u00e9';
  const decomposed = 'cafe\u0301';

  it('reads them as NFC from CSV and JSON: two spellings of one id are one applicant, echoed composed', () => {
    expect(problemsOf(readCsv(csv('id,kind,note', `${decomposed},zone,`, `${composed},zone,`)))).toEqual([
      {
        code: 'APPLICANT.ID_DUPLICATE',
        message: `id (编号) "${composed}" is already used by line 2: every thing needs its own id`,
        location: { line: 3, column: 'id', value: composed },
      },
    ]);
    const rows = valueOf(readJson([{ id: decomposed, kind: 'zone', note: `${decomposed}!` }]));
    expect([rows[0]?.id, rows[0]?.note]).toEqual([composed, `${composed}!`]);
    expect(
      problemsOf(
        readJson([
          { id: composed, kind: 'zone' },
          { id: decomposed, kind: 'lab', score: 1 },
        ]),
      ).map((p) => p.code),
    ).toEqual(['APPLICANT.ID_DUPLICATE']);
  });
});
