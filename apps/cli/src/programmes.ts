import { InputError } from './input-error.js';

/** The programmes the command can evaluate, by the name used on the command line. */
export const PROGRAMMES = ['rd_incentive'] as const;
export type ProgrammeName = (typeof PROGRAMMES)[number];

export function checkProgramme(name: string): ProgrammeName {
  const known = PROGRAMMES.find((p) => p === name);
  if (known === undefined) {
    throw new InputError(`unknown programme ${JSON.stringify(name)}; known programmes: ${PROGRAMMES.join(', ')}`);
  }
  return known;
}
