import request, { type Response } from 'supertest';
import { describe, expect, it } from 'vitest';
import { EVALUATE, expectDocumented, programmePath, sampleCsv, testApp, VECTORS_CSV } from './support.js';

const app = testApp();

/** The CSV with two columns no programme reads: 序号 first, 备注 last. */
function withExtraColumns(csv: string): string {
  const lines = csv.split(/\r?\n/u);
  return lines.map((line, i) => (line === '' ? line : i === 0 ? `序号,${line},备注` : `${i},${line},note ${i}`)).join('\n');
}

interface Warned {
  readonly warnings?: { code: string; message: string; line?: number; value?: string }[];
}

/** One warning, CSV.IGNORED_COLUMNS, naming 序号 and 备注 once each. */
function expectIgnoredColumns(body: Warned): void {
  expect(body.warnings).toHaveLength(1);
  const [warning] = body.warnings ?? [];
  expect(warning).toMatchObject({ code: 'CSV.IGNORED_COLUMNS', line: 1, value: '序号,备注' });
  expect(warning?.message.split('序号')).toHaveLength(2);
  expect(warning?.message.split('备注')).toHaveLength(2);
}

/**
 * POSTs `csv` to `url` as it is and with extra columns: the first answer has no warnings key; the
 * second is documented as `operationId`, warns once of the ignored columns and is otherwise the
 * first. Returns the second answer.
 */
async function expectWarnedOfExtraColumns(url: string, csv: string, operationId: string): Promise<Response> {
  const normal = await request(app).post(url).type('text/csv').send(csv);
  expect(normal.status, normal.text).toBe(200);
  expect(JSON.parse(normal.text)).not.toHaveProperty('warnings');
  const extra = await request(app).post(url).type('text/csv').send(withExtraColumns(csv));
  expect(extra.status, extra.text).toBe(200);
  expectDocumented(extra, operationId);
  const body = JSON.parse(extra.text) as Warned & Record<string, unknown>;
  expectIgnoredColumns(body);
  const { warnings: _, ...rest } = body;
  expect(rest).toEqual(JSON.parse(normal.text));
  return extra;
}

const budget = encodeURIComponent('2000万');

describe('warnings: columns a programme does not use, listed once in the JSON answer', () => {
  it('rd_incentive evaluate: a CSV with 序号 and 备注 is answered with the same figures and one warning; a normal CSV has no warnings key', async () => {
    const extra = await expectWarnedOfExtraColumns(`${EVALUATE}?budget=20000000&date=2021-06-30`, VECTORS_CSV, 'rdIncentiveEvaluate');
    expect(extra.text.endsWith('\n}\n')).toBe(true);

    const totals = await request(app)
      .post(`${EVALUATE}?totals_only=true`)
      .field('budget', '20000000')
      .field('date', '2021-06-30')
      .attach('enterprises', Buffer.from(withExtraColumns(VECTORS_CSV)), 'firms.csv');
    expect(totals.status, totals.text).toBe(200);
    expectDocumented(totals, 'rdIncentiveEvaluate');
    expectIgnoredColumns(JSON.parse(totals.text) as Warned);
  });

  it('a programme’s evaluate (talent): warnings with a CSV that has extra columns, none otherwise', async () => {
    await expectWarnedOfExtraColumns(`${programmePath('talent', 'evaluate')}?budget=${budget}`, sampleCsv('talent'), 'talentEvaluate');
  });

  it('compare and sweep carry the warnings too, and only when there are any', async () => {
    const reform = encodeURIComponent(
      JSON.stringify({ name: 'cap', overrides: [{ path: 'rd_incentive.increment.cap_above', value: '800万' }] }),
    );
    const compare = `${programmePath('rd_incentive', 'compare')}?budget=${budget}&date=2021-06-30&reform=${reform}`;
    const sweep = `${programmePath('rd_incentive', 'sweep')}?budget=${budget}&date=2021-06-30&path=rd_incentive.increment.cap_above&from=${encodeURIComponent('300万')}&to=${encodeURIComponent('800万')}&step=${encodeURIComponent('500万')}`;
    for (const [url, operationId] of [
      [compare, 'rdIncentiveCompare'],
      [sweep, 'rdIncentiveSweep'],
    ] as const) {
      await expectWarnedOfExtraColumns(url, VECTORS_CSV, operationId);
    }
  });
});
