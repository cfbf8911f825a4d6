/**
 * Text that a spreadsheet would run as a formula when the file is opened: a cell starting with
 * `=`, `+`, `-` or `@`, or with a tab or carriage return (OWASP, "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/u;

export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Apostrophes, then the start of a formula: what the CSV writer escapes with one more apostrophe. */
const ESCAPED = /^'*[=+\-@\t\r]/u;

/**
 * A CSV cell's text that no spreadsheet runs: a leading apostrophe before text that would start
 * a formula (`=2+3` → `'=2+3`), the text itself kept visible. Text that already starts with
 * apostrophes before a formula's first character gets one more, so `restoreCsvText` undoes it
 * for every text.
 */
export function neutraliseCsvText(text: string): string {
  return ESCAPED.test(text) ? `'${text}` : text;
}

/**
 * The text as it was before `neutraliseCsvText`: one apostrophe is dropped where apostrophes
 * stand before a formula's first character, the one place where the writer puts one. For reading
 * back a CSV file that Bagui wrote (a filled-in problems report, an exported applicant list).
 */
export function restoreCsvText(text: string): string {
  return text.charCodeAt(0) === 39 /* ' */ && ESCAPED.test(text) ? text.slice(1) : text;
}
