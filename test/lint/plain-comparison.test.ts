import { parse as parseProgram } from 'acorn';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withPlaceholders } from '../../src/language/value-rule.js';
import { isPlainComparison, isPlainTemplate } from '../../src/validate/lint/helpers/plain-comparison.js';

const parses = (js: string): boolean => {
  try {
    parseProgram(js, { ecmaVersion: 'latest', sourceType: 'script' });
    return true;
  } catch {
    return false;
  }
};

// pieces that come near the recognizer's edges: operators that lex differently when joined,
// comments, keywords, numbers that are not plain, strings with escapes and line breaks
const PIECES = [
  '_v0_', 'a', '$', 'a.b', 'a.', '.b', 'if', 'true', 'new', 'x1', '1', '0', '00', '08', '1.5', '1.', '1e3', '0x1', '1_0',
  "'s'", '"t"', "'\\''", "'a\nb'", '"', '!', '-', '+', '*', '/', '%', '<', '>', '=', '&', '|', '==', '===', '!=', '<=',
  '&&', '||', '++', '--', '<!--', '-->', '//', '/*', '*/', '(', ')', ' ', '\t', '\n', ';', ',', '?', ':', '`',
];

/**
 * Joins random runs of `pieces` and checks `holds` on every text `accepts` takes; the pieces
 * must reach the accepting side often enough for the property to say something.
 */
function holdsWhenAccepted(pieces: readonly string[], accepts: (text: string) => boolean, holds: (text: string) => void): void {
  let accepted = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 9 }), (parts) => {
      const text = parts.join('');
      if (!accepts(text)) return;
      accepted++;
      holds(text);
    }),
    { numRuns: 20_000 },
  );
  expect(accepted).toBeGreaterThan(200);
}

describe('plain comparisons (the fast path before acorn)', () => {
  it('accepts the usual conditions', () => {
    for (const js of ['_v0_ > 1000', "_v0_ == 'yes' && _v1_ != 2", '!_v0_ || _v1_.length >= 3', '0.5 * a % 2 - b / c', '_v0_ === "a"'])
      expect(isPlainComparison(js), js).toBe(true);
  });

  it('leaves to acorn what it cannot be sure of', () => {
    for (const js of ['', 'a ++b', 'a - -b', 'a <!--b', 'a // c', '(a)', 'a > if', '1.', '00', 'a\n> b', "'a\\'b'", 'a &&', 'a = b', 'a >> b'])
      expect(isPlainComparison(js), JSON.stringify(js)).toBe(false);
  });

  it('never accepts what acorn rejects', () => {
    holdsWhenAccepted(PIECES, isPlainComparison, (js) => expect(parses(js), JSON.stringify(js)).toBe(true));
  });

  it('reads the usual conditions as written, references included', () => {
    for (const t of ['${Counter} > 1000', "${call.lastinput} == '1' && ${tries} < 3", '!${ok} || ${name}.length >= 3', '${ a b }+1'])
      expect(isPlainTemplate(t), t).toBe(true);
    // substituted first: a reference in a string, a name or a number, nested, adjacent or unclosed
    for (const t of ["'${x}' == 'a'", 'a${x} > 1', '1${x} > 1', '${a${b}} > 1', '${a}${b} > 1', '${a > 1', '${a}b > 1', '${a}.${b} > 1'])
      expect(isPlainTemplate(t), t).toBe(false);
  });

  it('accepts a template only when its substituted form is a plain comparison', () => {
    const pieces = [...PIECES, '${x}', '${', '}', '{', '${a${b}}', "'${x}'", '${x}.y', '1${x}', '${x}${y}', 'a${x}', '${ x }', '$x'];
    holdsWhenAccepted(pieces, isPlainTemplate, (t) => {
      const js = withPlaceholders(t);
      expect(isPlainComparison(js), JSON.stringify(t)).toBe(true);
      expect(parses(js), JSON.stringify(t)).toBe(true);
    });
  });
});
