import { describe, expect, it } from 'vitest';
import { alignColumns, displayWidth } from './table.js';

describe('alignColumns', () => {
  it('counts a Chinese character as two terminal cells', () => {
    expect(displayWidth('规上')).toBe(4);
    expect(displayWidth('500万元 (5000000.00)')).toBe(20);
    expect(displayWidth('⚠ ≥3%')).toBe(5);
  });

  it('lines up the column after a Chinese cell', () => {
    expect(
      alignColumns([
        ['规上', 'x'],
        ['above', 'y'],
        ['a', 'z'],
      ]),
    ).toEqual(['规上   x', 'above  y', 'a      z']);
  });
});
