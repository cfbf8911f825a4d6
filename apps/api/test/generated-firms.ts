import { GENERATED_HEADER, generateEnterpriseRows } from '@bagui/core/programmes/rd-incentive';

/**
 * `firms` generated rd_incentive applicants (seed `seed`) as the JSON records an evaluate body
 * carries, every cell a string as in the generated CSV: for the tests and the benches.
 */
export function generatedRecords(firms: number, seed: number): Record<string, string>[] {
  const names = GENERATED_HEADER.split(',');
  return [...generateEnterpriseRows(firms, seed)]
    .join('')
    .trimEnd()
    .split('\n')
    .map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i] ?? '', cell])));
}
