/**
 * Text that a spreadsheet would run as a formula when the file is opened: a cell starting with
 * `=`, `+`, `-` or `@`, or with a tab or carriage return (OWASP, "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/u;

export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * A CSV cell's text that no spreadsheet runs: a leading apostrophe before text that would start
 * a formula (`=2+3` → `'=2+3`), the text itself kept visible. `restoreCsvText` undoes it.
 */
export function neutraliseCsvText(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}

/**
 * The text as it was before `neutraliseCsvText`: an apostrophe is dropped only where it stands
 * before a formula's first character, the one place where the writer puts one. For reading
 * back a CSV file that Bagui wrote (a filled-in problems report, an exported applicant list).
 */
export function restoreCsvText(text: string): string {
  return text.charCodeAt(0) === 39 /* ' */ && startsLikeFormula(text.slice(1)) ? text.slice(1) : text;
}
