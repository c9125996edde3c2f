import { describe, expect, it } from 'vitest';
import { loadEvaluator } from '../../src/simulate/evaluator.js';
import { type PreparedExpression, prepareExpression } from '../../src/simulate/expression.js';

/** Expressions the simulator evaluates in process, and values their references take. */
const EXPRESSIONS = [
  '${a}+1', '${a} - 1', '${a} * ${b}', '${a} / ${b}', '${a} % ${b}', '-${a}', '+${a}', '!${a}',
  '${a} > 1', '${a} < ${b}', '${a} <= 3', '${a} >= ${b}', '${a} == ${b}', '${a} != ${b}', '${a} === ${b}', '${a} !== ${b}',
  "'${a}' == 'yes'", "'${a}' + '${b}'", '${a} && ${b}', '${a} || ${b}', '${a} ?? 0', '${a} ? 1 : 2', '0.1 + 0.2', '1 / 3', '2 ** 0.5',
  '${a} == null', '${a} == undefined', '1e21 + ${a}', '"x" < ${a}', '10${a}',
];
const VALUES = ['', '0', '1', '2.5', '-3', 'yes', 'true', 'false', '007', '1e3', ' 4 ', 'NaN', 'x y'];

describe('plain expressions', () => {
  it('compute in process exactly what the isolated evaluator computes', async () => {
    const js = await loadEvaluator({ timeoutMs: 5_000 });
    let plain = 0;
    try {
      for (const template of EXPRESSIONS) {
        for (const a of VALUES) {
          for (const b of ['0', '2', 'yes']) {
            let p: PreparedExpression;
            try {
              p = prepareExpression(template, (ref) => (ref === '${a}' ? a : b));
            } catch {
              continue; // refused before any evaluation (`10${a}` with a non-digit value)
            }
            const isolated = js.toText(p.source, { bindings: p.bindings });
            if (p.plain) {
              plain++;
              expect(String(p.plain.value), `${template} with a=${JSON.stringify(a)} b=${b}`).toBe(isolated);
            }
          }
        }
      }
    } finally {
      js.dispose();
    }
    // nearly all of them are plain: the comparison above is not vacuous
    expect(plain).toBeGreaterThan(EXPRESSIONS.length * VALUES.length * 2);
  });

  it('leaves calls, properties, names and regular expressions to the evaluator', () => {
    for (const code of ['Math.random()', "'a'.length", 'x', '/a/', '[1]', '({})', '1n', 'typeof 1', 'globalThis', '(() => 1)()']) {
      expect(prepareExpression(code, () => '').plain, code).toBeUndefined();
    }
  });
});
