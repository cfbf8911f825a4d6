/**
 * The cells every applicants table shares, whatever the programme: an id's length and a
 * boolean's spellings (docs/rd-incentive.md, "Inputs").
 */

/** The longest id a row may have, in characters. */
export const MAX_ID_LENGTH = 64;

/** `true/false`, `1/0`, `yes/no`, `y/n`, `是/否`, `√/×`, in any case, surrounding spaces ignored. */
export function parseBoolean(text: string): boolean | undefined {
  switch (text) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
  }
  switch (text.trim().toLowerCase()) {
    case 'true':
    case '1':
    case 'yes':
    case 'y':
    case '是':
    case '√':
      return true;
    case 'false':
    case '0':
    case 'no':
    case 'n':
    case '否':
    case '×':
      return false;
    default:
      return undefined;
  }
}
