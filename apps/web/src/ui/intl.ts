import type { Lang } from '../i18n';

/** Numbers and dates for people, through Intl in the planner's language. */
const numbers = new Map<Lang, Intl.NumberFormat>();
const percents = new Map<Lang, Intl.NumberFormat>();
const dates = new Map<Lang, Intl.DateTimeFormat>();

export function formatCount(n: number, lang: Lang): string {
  let f = numbers.get(lang);
  if (f === undefined) numbers.set(lang, (f = new Intl.NumberFormat(lang)));
  return f.format(n);
}

/** A share given as decimal text (`0.4982`), as a percentage: display only. */
export function formatShare(share: string | null, lang: Lang): string {
  if (share === null) return '—';
  let f = percents.get(lang);
  if (f === undefined) percents.set(lang, (f = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 })));
  return f.format(Number(share));
}

/** An ISO date (YYYY-MM-DD) in the language's long form, read as a calendar date (no time zone shift). */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined || Number.isNaN(y + m + d)) return iso;
  let f = dates.get(lang);
  if (f === undefined)
    dates.set(lang, (f = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })));
  return f.format(new Date(Date.UTC(y, m - 1, d)));
}

const times = new Map<Lang, Intl.DateTimeFormat>();

/** An ISO instant (`2026-12-03T12:00:00.000Z`) as a date and time in the language, in the browser's time zone. */
export function formatDateTime(iso: string, lang: Lang): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  let f = times.get(lang);
  if (f === undefined) times.set(lang, (f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' })));
  return f.format(when);
}
