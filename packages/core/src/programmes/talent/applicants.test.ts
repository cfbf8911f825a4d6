import { describe, expect, it } from 'vitest';
import { problemsOf, valueOf, where, wherePath } from '../common/test-support/index.js';
import { talentLines } from './index.js';

describe('talent lines from CSV', () => {
  it('reads Chinese headers and Chinese programme names', () => {
    const csv = '编号,人才项目,人数,所属城市,依托单位\r\nT1,八桂学者,3,南宁市,广西大学\r\nT2,农业科技人才服务,0,,\r\n';
    expect(valueOf(talentLines.fromCsv(csv))).toEqual([
      { id: 'T1', programme: 'bagui_scholar', head_count: 3, city: '南宁市', institution: '广西大学' },
      { id: 'T2', programme: 'agri_tech_service', head_count: 0, city: undefined, institution: undefined },
    ]);
  });

  it('reads English headers, in any column order, and programme keys in any case', () => {
    const csv = 'head_count,programme,id\n12,ACADEMICIAN_RESERVE,A-1\n';
    expect(valueOf(talentLines.fromCsv(csv))).toEqual([
      { id: 'A-1', programme: 'academician_reserve', head_count: 12, city: undefined, institution: undefined },
    ]);
  });

  it('reports every invalid cell at once, with line, column, value and code', () => {
    const csv = [
      '编号,人才项目,人数',
      'T1,八桂学者,3',
      'T2,院士后备,2', // not a programme the letter names
      'T3,bagui_scholar,-1', // negative head count
      'T4,agri_tech_service,2.5', // not a whole number
      'T1,agri_tech_service,', // duplicate id and empty head count
      'T6,特聘专家,1万', // not digits
    ].join('\n');
    expect(where(talentLines.fromCsv(csv))).toEqual([
      ['APPLICANT.CHOICE_INVALID', 3, '人才项目', '院士后备'],
      ['APPLICANT.COUNT_INVALID', 4, '人数', '-1'],
      ['APPLICANT.COUNT_INVALID', 5, '人数', '2.5'],
      ['APPLICANT.ID_DUPLICATE', 6, '编号', 'T1'],
      ['APPLICANT.REQUIRED', 6, '人数', ''],
      ['APPLICANT.COUNT_INVALID', 7, '人数', '1万'],
    ]);
  });

  it('pins the messages: what was wrong and what would be right', () => {
    const csv = '编号,人才项目,人数\nT1,院士后备,2\nT1,八桂学者,-1\n';
    expect(problemsOf(talentLines.fromCsv(csv)).map((p) => p.message)).toEqual([
      'programme (人才项目) must be one of bagui_scholar (八桂学者), academician_reserve (院士后备人选工程), agri_tech_service (农业科技人才服务), distinguished_expert (特聘专家)',
      'id (编号) "T1" is already used by line 2: every line needs its own id',
      'head_count (人数) must be a whole number, e.g. 0 or 12',
    ]);
  });

  it('refuses a missing required column, suggesting the unused column meant', () => {
    const csv = '编号,人才项目,人员\nT1,八桂学者,3\n';
    expect(where(talentLines.fromCsv(csv))).toEqual([['CSV.MISSING_COLUMN', 1, 'head_count', undefined]]);
  });
});

describe('talent lines from JSON', () => {
  it('reads numbers and strings for the head count', () => {
    expect(
      valueOf(
        talentLines.fromRecords([
          { id: 'A', programme: 'bagui_scholar', head_count: 3, city: '柳州市' },
          { id: 'B', programme: 'distinguished_expert', head_count: '4' },
        ]),
      ),
    ).toEqual([
      { id: 'A', programme: 'bagui_scholar', head_count: 3, city: '柳州市', institution: undefined },
      { id: 'B', programme: 'distinguished_expert', head_count: 4, city: undefined, institution: undefined },
    ]);
  });

  it('refuses an unknown field, so that a misspelt one is never dropped', () => {
    const r = talentLines.fromRecords([{ id: 'A', programme: 'bagui_scholar', head_count: 3, headcount: 4 }], ['lines']);
    expect(wherePath(r)).toEqual([['APPLICANT.UNKNOWN_FIELD', ['lines', 0, 'headcount'], '4']]);
    expect(problemsOf(r)[0]?.message).toBe(
      'unknown field "headcount": the accepted fields are id, programme, head_count, city, institution, credit_code',
    );
  });

  it('locates each problem by its JSON path', () => {
    const r = talentLines.fromRecords([
      { id: 'A', programme: 'unknown_programme', head_count: 1 },
      { id: 'B', programme: 'bagui_scholar', head_count: -2 },
      { id: 'C', programme: 'bagui_scholar', head_count: true },
      { id: 'C', programme: 'bagui_scholar', head_count: 1.5 },
    ]);
    expect(wherePath(r)).toEqual([
      ['APPLICANT.CHOICE_INVALID', [0, 'programme'], 'unknown_programme'],
      ['APPLICANT.COUNT_INVALID', [1, 'head_count'], '-2'],
      ['APPLICANT.WRONG_TYPE', [2, 'head_count'], 'true'],
      ['APPLICANT.ID_DUPLICATE', [3, 'id'], 'C'],
      ['APPLICANT.COUNT_INVALID', [3, 'head_count'], '1.5'],
    ]);
  });
});
