/**
 * A seeded synthetic population of one programme's applicants, as CSV text in the programme's
 * own input format (so `readApplicantsCsv` reads it back). Documented in README.md: its shape
 * and what it is calibrated to.
 */
export interface Population {
  /** The programme the rows are applicants of, e.g. `rd_incentive`. */
  readonly key: string;
  /** What one row is: `enterprise`, `project`, … */
  readonly noun: string;
  /** The count calibrated to the public figures (1,287 R&D award firms, 51 tech-upgrade projects, …). */
  readonly defaultCount: number;
  readonly maxCount: number;
  /** One line: what the default population reproduces, and from which source. */
  readonly calibration: string;
  /** The CSV header line, without its newline. */
  readonly header: string;
  /** The rows, each ending in a newline, in chunks. Same seed and count, same bytes. */
  rows(count: number, seed: number): Iterable<string>;
}
