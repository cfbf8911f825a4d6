/** Small scenario files for the tests, in the format `bagui run` takes. */

/** One programme, its applicants as records (README of core's scenario module). */
export function talentScenario(envelope = '1000万'): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: 'two-funds',
    title: 'Talent money from two funds',
    description: '人才项目 paid from two funds',
    date: '2021-06-30',
    sources: [
      { key: 'talent_fund', label: { zh: '人才项目资金', en: 'Talent fund' }, citation: 'letter 一(五)' },
      { key: 'innovation_fund', label: { zh: '创新驱动发展专项资金', en: 'Innovation fund' }, citation: 'letter 一(一)四' },
    ],
    programmes: [
      {
        programme: 'talent',
        envelope,
        citation: '⚠ assumption: an example',
        method: 'pro_rata',
        funding: { talent_fund: envelope, innovation_fund: 0 },
        applicants: { records: [{ id: 'T1', programme: 'bagui_scholar', head_count: 3 }] },
      },
    ],
  };
}

/** R&D incentives for the firms of a CSV file beside the scenario file. */
export function fileScenario(path = 'firms.csv'): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: 'rd-from-file',
    title: 'R&D incentives for uploaded firms',
    date: '2021-06-30',
    sources: [{ key: 'innovation_fund', label: { zh: '创新驱动发展专项资金', en: 'Innovation fund' }, citation: 'letter 一(一)' }],
    programmes: [
      {
        programme: 'rd_incentive',
        envelope: '2000万',
        citation: 'letter 一(一)三',
        funding: { innovation_fund: '2000万' },
        applicants: { file: path },
      },
    ],
  };
}

export const FIRMS_CSV = `id,scale,revenue,rd_expense,rd_expense_prev
GX-0001,above,120000000,9000000,7000000
GX-0002,below,30000000,2000000,1500000
`;
