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

/** Digits in what the old strip kept (its `+` not counted). */
const digitCount = (s: string) => s.replace('+', '').length;

describe('normalizeRecipient against the numbers reader\'s old strip', () => {
  it('accepts and returns what the old strip did for every cell of one number (15 digits or fewer)', () => {
    fc.assert(
      fc.property(cell, (c) => {
        const old = stripped(c);
        fc.pre(old === undefined || digitCount(old) <= 15);
        expect(normalizeRecipient(c)).toBe(old);
      }),
      { numRuns: 3000 },
    );
  });

  // Past 15 digits the answer depends on whether separators were taken out (two numbers joined)
  // or the digits were written bare (left to CallFire, which marks them INVALID): examples
  // written out, each with the answer expected, rather than the rule restated.
  const LONG: readonly (readonly [cell: string, expected: string | undefined])[] = [
    ['13105551212 18185551212', undefined],
    ['+1 (310) 555-1212 1 (818) 555-1212', undefined],
    ['13105551212,18185551212', undefined], // a comma is no separator: bad in itself
    ['1234567890-123456', undefined],
    ['+44 20 7946 0000 1234', undefined],
    ['\u00A013105551212\u00A018185551212', undefined],
    ['1310555121218185551212', '1310555121218185551212'],
    ['+1310555121218185551212', '+1310555121218185551212'],
    ['1234567890123456', '1234567890123456'],
    // 15 digits are still one number, punctuation or not
    ['+44 20 7946 0000 123', '+442079460000123'],
    ['442-079-460-000-123', '442079460000123'],
  ];

  it('refuses two numbers joined by separators, and keeps long bare digits, past 15 digits', () => {
    expect(LONG.map(([c]) => [c, normalizeRecipient(c)])).toEqual(LONG.map(([c, expected]) => [c, expected]));
  });

  it('the one difference from the old strip: two numbers in one cell are refused, not read as one 22-digit number', () => {
    expect(stripped('13105551212 18185551212')).toBe('1310555121218185551212');
    expect(normalizeRecipient('13105551212 18185551212')).toBeUndefined();
    // with a + and punctuation too (no slash: that alone would make the cell bad)
    expect(stripped('+1 (310) 555-1212 1 (818) 555-1212')).toBe('+1310555121218185551212');
    expect(normalizeRecipient('+1 (310) 555-1212 1 (818) 555-1212')).toBeUndefined();
  });

  it('the numbers reader reports such a cell with its line', () => {
    const { numbers, problems } = parseNumbers('number,ClientData\n13105551212,a\n13105551212 18185551212,b\n');
    expect(numbers).toEqual([{ Value: '13105551212', ClientData: 'a' }]);
    expect(problems.map((p) => [p.line, p.data])).toEqual([[3, { value: '13105551212 18185551212' }]]);
  });
});
