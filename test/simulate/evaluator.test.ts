import { describe, expect, it } from 'vitest';
import { ExpressionError, loadEvaluator } from '../../src/simulate/evaluator.js';

describe('loadEvaluator', () => {
  it('evaluates with its own runtime: what one evaluator changes, another does not see', async () => {
    const a = await loadEvaluator();
    const b = await loadEvaluator();
    expect(a.toText('(Array.prototype.extra = 7, [].extra)')).toBe('7');
    expect(b.toText('typeof [].extra')).toBe('undefined');
    a.dispose();
    b.dispose();
  });

  it('keeps each evaluator to its own time limit', async () => {
    const short = await loadEvaluator(20);
    const long = await loadEvaluator(10_000);
    expect(() => short.toBoolean('(() => { while (true) {} })()')).toThrow(new ExpressionError('expression ran longer than 20 ms: (() => { while (true) {} })()', 'InternalError'));
    expect(long.toText('1+1')).toBe('2');
    short.dispose();
    long.dispose();
  });

  it('reads bindings as values, the clock for Date and the seed for Math.random', async () => {
    const js = await loadEvaluator({ seed: 42 });
    expect(js.toText('_v0_ + 1', { bindings: [1] })).toBe('2');
    expect(js.toText('_v0_ + 1', { bindings: ["1' + process + '"] })).toBe("1' + process + '1");
    expect(js.toText('Date.now()', { clock: 1234 })).toBe('1234');
    expect(js.toText('new Date().toISOString()', { clock: Date.UTC(2026, 0, 5) })).toBe('2026-01-05T00:00:00.000Z');
    expect(js.toText('new Date(0) instanceof Date')).toBe('true');
    const draws = [js.toText('Math.random()'), js.toText('Math.random()')];
    const again = await loadEvaluator({ seed: 42 });
    expect([again.toText('Math.random()'), again.toText('Math.random()')]).toEqual(draws);
    js.dispose();
    again.dispose();
  });

  it('passes values in and text out whole: NUL, lone surrogates and U+FFFD included', async () => {
    const js = await loadEvaluator({ timeoutMs: 10_000 });
    // \uD800\0x would come out of a C string as U+FFFD... cut at the NUL: as long, but not the same
    for (const text of ['a\0b', '\0', '\uD800', 'x\uDC00', '\uD800\0x', '\uFFFD', 'é😀', 'x'.repeat(100_000) + '\0']) {
      expect(js.toText('_v0_', { bindings: [text] }), JSON.stringify(text.slice(0, 20))).toBe(text);
      expect(js.toText('_v0_.length', { bindings: [text] })).toBe(String(text.length));
      expect(js.toText(JSON.stringify(text))).toBe(text);
    }
    js.dispose();
  });

  it('fails after dispose instead of running anything', async () => {
    const js = await loadEvaluator();
    js.dispose();
    expect(() => js.toText('1')).toThrow(/disposed/);
  });
});
