/**
 * The fast path for plain expressions (`plain-expression.ts`) against QuickJS, on random plain
 * expressions: whenever the simulator would answer in process, QuickJS, given the same source
 * and values, answers the same text; and whenever QuickJS fails (its memory limit, its stack),
 * the fast path leaves the expression to it, so the simulator fails the same way.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Evaluator, loadEvaluator } from '../../src/simulate/evaluator.js';
import { type PreparedExpression, prepareExpression } from '../../src/simulate/expression.js';
import { simulate } from '../../src/simulate/simulate.js';

/** What a `${…}` reference may hold: numbers as plans write them, text that reads as a number or nearly, and plain text. */
const VALUES = ['', ' ', '0', '-0', '1', '2.5', '-3', '007', '1e3', '1e21', '0x10', '-0x10', '0b11', '0o7', '1_0', ' 4 ', '\t5\n', '\u00a06', '\ufeff7', 'Infinity', '-Infinity', '+Infinity', 'NaN', '.5', '5.', '+.5', 'true', 'false', 'null', 'yes', 'x y', 'é', '😀', '\u2028', '\u180e8', '\u20289'];

/** String literal bodies as a plan writes them: escapes, lone surrogates, numbers in text. */
const STRING_BODIES = ['', 'a', 'abc', ' 12 ', '0x1f', '1e-7', 'Infinity', '\\n', '\\t3', '\\u00e9', '\\x41', '\\uD800', '\\uDC00x', '\\u{1F600}', '\\0', "\\'", '-', '.'];

const NUMBER_LITERALS = ['0', '1', '2', '10', '0.1', '0.2', '1e21', '1e-7', '123456789012345680000', '0x1F', '0b101', '0o17', '1_000', '.5', '5.', '3.14159', '9007199254740993', '5e-324', '1.7976931348623157e308', '4294967296'];

/** Sizes a long value may have: small, either side of the fast path's bound (a 64th of 16 MiB), and past what QuickJS can hold twice in its 16 MiB. */
const LONG = fc.constantFrom(1_000, 250_000, 270_000, 9_000_000);

interface Case {
  readonly template: string;
  readonly values: Readonly<Record<string, string>>;
}

const refName = fc.constantFrom('a', 'b', 'c');

/** A plain expression, as plan text with `${a}` `${b}` `${c}` references. */
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...NUMBER_LITERALS),
    fc.constantFrom(...STRING_BODIES).map((s) => `'${s}'`),
    fc.constantFrom('true', 'false', 'null', 'undefined'),
    refName.map((r) => `\${${r}}`),
    refName.map((r) => `'\${${r}}'`),
    fc.tuple(fc.constantFrom('!', '-', '+'), tie('e')).map(([op, e]) => `${op}(${e})`),
    fc
      .tuple(tie('e'), fc.constantFrom('==', '!=', '===', '!==', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', '&&', '||'), tie('e'))
      .map(([l, op, r]) => `(${l}) ${op} (${r})`),
    fc.tuple(refName, tie('e')).map(([r, e]) => `\${${r}} ?? (${e})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([t, a, b]) => `(${t}) ? (${a}) : (${b})`),
  ),
})).e;

const values = fc.record({
  a: fc.oneof({ weight: 19, arbitrary: fc.constantFrom(...VALUES) }, { weight: 1, arbitrary: LONG.map((n) => 'x'.repeat(n)) }),
  b: fc.constantFrom(...VALUES),
  c: fc.oneof({ weight: 19, arbitrary: fc.constantFrom(...VALUES) }, { weight: 1, arbitrary: LONG.map((n) => 'é'.repeat(n)) }),
});

const cases: fc.Arbitrary<Case> = fc.record({ template: expression, values });

let js: Evaluator;
beforeAll(async () => {
  // the default memory limit, and time enough for the big cases on a loaded machine
  js = await loadEvaluator({ timeoutMs: 20_000 });
});
afterAll(() => js.dispose());

/** A value short enough to read in a failure message. */
const shown = (s: string) => (s.length <= 120 ? JSON.stringify(s) : `${JSON.stringify(s.slice(0, 40))}…(${s.length} characters)…${JSON.stringify(s.slice(-40))}`);

/** QuickJS's answer (text mode, as a setvar reads it) or its error. */
function quickjs(source: string, bindings: Parameters<Evaluator['toText']>[1]): { value: string } | { error: string } {
  try {
    return { value: js.toText(source, bindings) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('the plain-expression fast path agrees with QuickJS', () => {
  it('on random plain expressions, long values included', () => {
    let plain = 0;
    fc.assert(
      fc.property(cases, ({ template, values: v }) => {
        let p: PreparedExpression;
        try {
          p = prepareExpression(template, (ref) => v[ref.slice(2, -1)] ?? '');
        } catch {
          return; // refused before anything runs (the same for both)
        }
        const q = quickjs(p.source, { bindings: p.bindings });
        if (p.plain === undefined) return;
        plain++;
        const fast = String(p.plain.value);
        if ('error' in q) {
          expect.fail(`${shown(template)}: the fast path answered ${shown(fast)}, QuickJS failed: ${q.error.slice(0, 200)}`);
        }
        if (fast !== q.value) expect.fail(`${shown(template)} with ${shown(JSON.stringify(v))}: the fast path says ${shown(fast)}, QuickJS ${shown(q.value)}`);
      }),
      { numRuns: 400 },
    );
    // the comparison is not vacuous
    expect(plain).toBeGreaterThan(100);
  }, 600_000);

  it('leaves to QuickJS a concatenation past its memory limit, which QuickJS refuses', () => {
    const big = 'x'.repeat(9_000_000);
    for (const template of ['${a} + ${a}', "'${a}' + '${a}'", "'${a}' + ${a} + 'y'"]) {
      const p = prepareExpression(template, () => big);
      expect(p.plain === undefined, template).toBe(true);
      const q = quickjs(p.source, { bindings: p.bindings });
      expect('error' in q ? q.error.slice(0, 80) : 'answered', template).toMatch(/^expression used more than the evaluator's 16777216 bytes of memory/);
    }
  }, 120_000);

  it('so a simulation concatenating two nine-million-character values fails at the memory limit, located', async () => {
    const r = await simulate('<dialplan name="p">\n<setvar varname="r">${big} + ${big}</setvar>\n</dialplan>', { vars: { big: 'x'.repeat(9_000_000) } }, { expressionTimeoutMs: 20_000 });
    expect(r.ended).toBe('error');
    expect(r.error?.line).toBe(2);
    expect(r.error?.message.slice(0, 120)).toMatch(/^<setvar varname="r"> failed: expression used more than the evaluator's 16777216 bytes of memory/);
  }, 120_000);

  it('agrees on NUL and lone surrogates, which QuickJS used to cut or turn into U+FFFD on their way in and out', () => {
    for (const [template, value, expected] of [
      ["'\\uD800' + 'x'", '', '\uD800x'],
      ["'a\\0b' + ${a}", 'c', 'a\0bc'],
      ['${a} + ${a}', 'a\0b', 'a\0ba\0b'],
      ["${a} + '!'", '\uDC00', '\uDC00!'],
    ] as const) {
      const p = prepareExpression(template, () => value);
      expect(p.plain, template).toEqual({ value: expected });
      expect(quickjs(p.source, { bindings: p.bindings }), template).toEqual({ value: expected });
    }
    // and in code, where QuickJS reads the value rather than the fast path
    const p = prepareExpression('${a}.length', () => 'a\0b');
    expect(p.plain).toBeUndefined();
    expect(quickjs(p.source, { bindings: p.bindings })).toEqual({ value: '3' });
  });
});
