import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumbers } from '../../src/broadcast/numbers.js';
import { normalizeRecipient } from '../../src/language/values.js';

// The numbers reader used to clean a cell by hand: strip white space, parentheses, dots and
// dashes, then take what is left if it is `+` and digits. normalizeRecipient replaced that
// code; this keeps the old rule as the reference it is held to on generated cells.
function stripped(cell: string): string | undefined {
  const s = cell.replace(/[\s().-]/g, '');
  return /^\+?[0-9]+$/.test(s) ? s : undefined;
}

// What people put between and around the digits: the separators the old code removed, the
// white space of other scripts and spreadsheets (no-break, figure, ideographic spaces, BOM,
// line separator), and look-alikes it never removed (en dash, minus sign, zero-width space, slash).
const separator = fc.constantFrom(' ', '  ', '(', ')', '.', '-', '\t', '\u00A0', '\u2007', '\u202F', '\u3000', '\u2028', '\uFEFF', '\u2013', '\u2212', '\u200B', '/', '');
const prefix = fc.constantFrom('', '+', '+1', '+1 ', '1', '1-', '(+1) ', '+(1)', '00', '++');
const digits = fc.stringMatching(/^[0-9]{1,4}$/);
const letter = fc.constantFrom('a', 'x', 'X', 'O', 'ext', '１', '٣');
const piece = fc.oneof({ weight: 6, arbitrary: digits }, { weight: 4, arbitrary: separator }, { weight: 1, arbitrary: letter });
const cell = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(prefix, fc.array(piece, { maxLength: 12 })).map(([p, parts]) => p + parts.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '()', '+', '-', '.') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

/** Whether the old strip joined more digits than an E.164 number has (two numbers in one cell). */
function joinsNumbers(c: string, s: string): boolean {
  return s !== c && s.replace('+', '').length > 15;
}

describe('normalizeRecipient against the numbers reader\'s old strip', () => {
  it('accepts and returns what the old strip did, but for separators that join more than 15 digits', () => {
    fc.assert(
      fc.property(cell, (c) => {
        const old = stripped(c);
        expect(normalizeRecipient(c)).toBe(old !== undefined && joinsNumbers(c, old) ? undefined : old);
      }),
      { numRuns: 3000 },
    );
  });

  it('the one difference: two numbers in one cell are refused, not read as one 22-digit number', () => {
    expect(stripped('13105551212 18185551212')).toBe('1310555121218185551212');
    expect(normalizeRecipient('13105551212 18185551212')).toBeUndefined();
    // with a + and punctuation too (no slash: that alone would make the cell bad)
    expect(stripped('+1 (310) 555-1212 1 (818) 555-1212')).toBe('+1310555121218185551212');
    expect(normalizeRecipient('+1 (310) 555-1212 1 (818) 555-1212')).toBeUndefined();
    // 15 digits are still one number; bare digits are left to CallFire (it marks them INVALID)
    expect(normalizeRecipient('+44 20 7946 0000 123')).toBe('+442079460000123');
    expect(normalizeRecipient('1310555121218185551212')).toBe('1310555121218185551212');
  });

  it('the numbers reader reports such a cell with its line', () => {
    const { numbers, problems } = parseNumbers('number,ClientData\n13105551212,a\n13105551212 18185551212,b\n');
    expect(numbers).toEqual([{ Value: '13105551212', ClientData: 'a' }]);
    expect(problems.map((p) => [p.line, p.data])).toEqual([[3, { value: '13105551212 18185551212' }]]);
  });
});
