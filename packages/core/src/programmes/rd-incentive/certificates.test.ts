import { describe, expect, it } from 'vitest';
import { unwrap } from '../../errors/index.js';
import { certificatesOn, highTechExpiry } from './certificates.js';
import { enterprisesFromRecords, parseDay } from './enterprises.js';
import { evaluateRdIncentive } from './evaluate.js';
import { fen } from '../../money/index.js';
import { resolveRdRule } from './index.js';

// A 规上 firm: revenue 1亿, R&D 200万, last year 190万. Increment 10万 at intensity 2% (the 10% tier) = 1万.
// As a high-tech firm: 20% × 200万 = 40万 (under the 50万 cap), the larger: 40万. Without a valid certificate: 1万.
const FIRM = { scale: 'above', revenue: '1亿', rd_expense: '200万', rd_expense_prev: '190万' };

function entitlementOn(date: string, firm: Record<string, unknown>): { entitlement: number; steps: string[]; branch?: string } {
  const table = unwrap(enterprisesFromRecords([{ id: 'E1', ...FIRM, ...firm }]));
  const evaluation = evaluateRdIncentive(table, unwrap(resolveRdRule(date)), { budget: fen(1e12), method: 'pro_rata' });
  const trace = evaluation.trace(0);
  const certificates = trace.find((s) => s.step === 'certificates');
  return {
    entitlement: evaluation.entitlements[0] ?? -1,
    steps: trace.map((s) => s.step),
    ...(certificates?.branch === undefined ? {} : { branch: certificates.branch }),
  };
}

describe('高企 and 瞪羚 certificates, checked on the programme’s date', () => {
  it('a high-tech certificate counts for three years from its date: 2018-11-30 up to 2021-11-29', () => {
    const certified = { high_tech: true, high_tech_date: '2018-11-30' };
    expect(entitlementOn('2021-11-29', certified)).toEqual({
      entitlement: 40_000_000,
      steps: [
        'eligibility',
        'increment',
        'intensity',
        'increment_award',
        'certificates',
        'high_tech_award',
        'base',
        'special_award',
        'firm_cap',
        'rounding',
        'envelope',
      ],
      branch: 'high-tech certificate of 2018-11-30 valid until 2021-11-29',
    });
    expect(entitlementOn('2021-11-30', certified)).toMatchObject({
      entitlement: 1_000_000,
      branch: 'high-tech certificate of 2018-11-30 expired on 2021-11-30: not high-tech on 2021-11-30',
    });
    // Not yet issued on the date.
    expect(entitlementOn('2019-11-30', { high_tech: true, high_tech_date: '2019-12-01' })).toMatchObject({
      entitlement: 1_000_000,
      branch: 'high-tech certificate dated 2019-12-01, after 2019-11-30: not yet high-tech',
    });
  });

  it('a certificate of 29 February counts up to 28 February three years on', () => {
    const issued = parseDay('2020-02-29') ?? 0;
    expect(highTechExpiry(issued)).toBe(parseDay('2023-03-01'));
    expect(highTechExpiry(parseDay('2019-01-01') ?? 0)).toBe(parseDay('2022-01-01'));
  });

  it('a gazelle counts while its recognition is valid, the last day included', () => {
    const gazelle = { gazelle: true, gazelle_valid_until: '2021-09-23' };
    expect(entitlementOn('2021-09-23', gazelle)).toMatchObject({ entitlement: 40_000_000, branch: 'gazelle valid until 2021-09-23' });
    expect(entitlementOn('2021-09-24', gazelle)).toMatchObject({
      entitlement: 1_000_000,
      branch: 'gazelle recognition expired after 2021-09-23: not a gazelle on 2021-09-24',
    });
    // Both claimed: an expired 高企 certificate and a valid 瞪羚 recognition still give the award.
    expect(entitlementOn('2021-09-23', { ...gazelle, high_tech: true, high_tech_date: '2017-01-01' })).toMatchObject({
      entitlement: 40_000_000,
      branch: 'high-tech certificate of 2017-01-01 expired on 2020-01-01: not high-tech on 2021-09-23; gazelle valid until 2021-09-23',
    });
  });

  it('the evaluation lists the firms whose claim does not count on the date, with why; none without dates', () => {
    const table = unwrap(
      enterprisesFromRecords([
        { id: 'E1', ...FIRM, high_tech: true, high_tech_date: '2017-01-01' },
        { id: 'E2', ...FIRM, high_tech: true, high_tech_date: '2020-01-01' },
        { id: 'E3', ...FIRM, gazelle: true },
      ]),
    );
    const on = (date: string) => evaluateRdIncentive(table, unwrap(resolveRdRule(date)), { budget: fen(1e12), method: 'pro_rata' });
    expect(on('2021-09-23').certificateNotes).toEqual([
      { index: 0, note: 'high-tech certificate of 2017-01-01 expired on 2020-01-01: not high-tech on 2021-09-23' },
    ]);
    const undated = unwrap(enterprisesFromRecords([{ id: 'E1', ...FIRM, high_tech: true }]));
    expect(
      evaluateRdIncentive(undated, unwrap(resolveRdRule('2030-01-01')), { budget: fen(1e12), method: 'pro_rata' }).certificateNotes,
    ).toEqual([]);
  });

  it('without dates nothing changes: the flags are taken as given, and the table is not copied', () => {
    expect(entitlementOn('2030-01-01', { high_tech: true })).toEqual({
      entitlement: 40_000_000,
      steps: [
        'eligibility',
        'increment',
        'intensity',
        'increment_award',
        'high_tech_award',
        'base',
        'special_award',
        'firm_cap',
        'rounding',
        'envelope',
      ],
    });
    const table = unwrap(enterprisesFromRecords([{ id: 'E1', ...FIRM, high_tech: true }]));
    expect(certificatesOn(table, '2030-01-01')).toBe(table);
    // A date without the flag is no claim: not high-tech.
    expect(entitlementOn('2021-01-01', { high_tech_date: '2020-01-01' })).toEqual(expect.objectContaining({ entitlement: 1_000_000 }));
  });
});
