import type { TraceStep } from '../trace.js';
import { dayNumber, dayText, parseDay, type EnterpriseTable } from './enterprises.js';

/**
 * The certificates behind the 高企/瞪羚 award, checked on the programme's date. A 高新技术企业
 * certificate is valid three years from its date (高新技术企业认定管理办法): one dated 2018-11-30
 * counts up to 2021-11-29. A 瞪羚企业 counts only while its recognition is valid (在有效期内, the
 * 2018 rule, cri.cn 2018-05-24): up to its `gazelle_valid_until`, inclusive. A flag without a date
 * is taken as given; a date without the flag changes nothing (the flag is the claim, the date its
 * proof).
 */

const HIGH_TECH_RULE = '高新技术企业认定管理办法: a high-tech enterprise certificate is valid three years from its date';
const GAZELLE_RULE = 'cri.cn 2018-05-24: the 瞪羚 award only while the 瞪羚企业 recognition is valid (在有效期内)';

/** The first day a 高企 certificate of `issued` (a day number) no longer counts: three years on, same month and day. */
export function highTechExpiry(issued: number): number {
  const date = new Date((issued - dayNumber(0)) * 86_400_000);
  // 29 February + 3 years is 1 March (Date.UTC rolls the day over).
  return dayNumber(Date.UTC(date.getUTCFullYear() + 3, date.getUTCMonth(), date.getUTCDate()));
}

function highTechValid(issued: number, day: number): boolean {
  return issued <= day && day < highTechExpiry(issued);
}

/**
 * The table as the rule sees it on `date`: a 高企 or 瞪羚 flag whose certificate does not count on
 * that day is cleared. The same table when no firm gives a certificate date (nothing is copied).
 */
export function certificatesOn(table: EnterpriseTable, date: string): EnterpriseTable {
  const { count, highTechDate, gazelleValidUntil } = table;
  let dated = false;
  for (let i = 0; i < count && !dated; i++) dated = highTechDate[i] !== 0 || gazelleValidUntil[i] !== 0;
  const day = parseDay(date);
  if (!dated || day === undefined) return table;
  const highTech = Uint8Array.from(table.highTech);
  const gazelle = Uint8Array.from(table.gazelle);
  for (let i = 0; i < count; i++) {
    const issued = highTechDate[i] ?? 0;
    if (highTech[i] === 1 && issued !== 0 && !highTechValid(issued, day)) highTech[i] = 0;
    const until = gazelleValidUntil[i] ?? 0;
    if (gazelle[i] === 1 && until !== 0 && day > until) gazelle[i] = 0;
  }
  return { ...table, highTech, gazelle };
}

/** The trace step of firm i's certificates on `date`, when it gives a date for one it claims; else undefined. */
export function certificateStep(table: EnterpriseTable, i: number, date: string): TraceStep | undefined {
  const day = parseDay(date) ?? 0;
  const issued = table.highTechDate[i] ?? 0;
  const until = table.gazelleValidUntil[i] ?? 0;
  const highTech = table.highTech[i] === 1 && issued !== 0;
  const gazelle = table.gazelle[i] === 1 && until !== 0;
  if (!highTech && !gazelle) return undefined;
  const findings: string[] = [];
  if (highTech) {
    const expiry = highTechExpiry(issued);
    findings.push(
      issued > day
        ? `high-tech certificate dated ${dayText(issued)}, after ${date}: not yet high-tech`
        : day >= expiry
          ? `high-tech certificate of ${dayText(issued)} expired on ${dayText(expiry)}: not high-tech on ${date}`
          : `high-tech certificate of ${dayText(issued)} valid until ${dayText(expiry - 1)}`,
    );
  }
  if (gazelle) {
    findings.push(
      day > until
        ? `gazelle recognition expired after ${dayText(until)}: not a gazelle on ${date}`
        : `gazelle valid until ${dayText(until)}`,
    );
  }
  const valid = (!highTech || highTechValid(issued, day)) && (!gazelle || day <= until);
  return {
    step: 'certificates',
    rule: [highTech ? HIGH_TECH_RULE : '', gazelle ? GAZELLE_RULE : ''].filter((r) => r !== '').join('; '),
    inputs: {
      date,
      ...(highTech ? { high_tech: 'true', high_tech_date: dayText(issued) } : {}),
      ...(gazelle ? { gazelle: 'true', gazelle_valid_until: dayText(until) } : {}),
    },
    branch: findings.join('; '),
    result: valid ? 'valid' : 'not valid on the date',
  };
}

/** The firms whose 高企 or 瞪羚 flag `certified` cleared, each with the certificates step's finding. */
export function certificateNotes(table: EnterpriseTable, certified: EnterpriseTable, date: string): { index: number; note: string }[] {
  const notes: { index: number; note: string }[] = [];
  for (let i = 0; i < table.count; i++) {
    if (table.highTech[i] === certified.highTech[i] && table.gazelle[i] === certified.gazelle[i]) continue;
    notes.push({ index: i, note: certificateStep(table, i, date)?.branch ?? '' });
  }
  return notes;
}
