import { getQuickJS } from 'quickjs-emscripten';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExpressionError, loadEvaluator } from '../../src/simulate/evaluator.js';

afterEach(() => vi.restoreAllMocks());

describe('loadEvaluator', () => {
  it('shares one QuickJS runtime between time limits', async () => {
    const quickjs = await getQuickJS();
    const newRuntime = vi.spyOn(quickjs, 'newRuntime');
    const a = await loadEvaluator(1234);
    const b = await loadEvaluator(4321);
    const c = await loadEvaluator(5678);
    expect(newRuntime.mock.calls.length).toBeLessThanOrEqual(1);
    expect([a.toText('1+1'), b.toText('"x".repeat(2)'), c.toBoolean('0')]).toEqual(['2', 'xx', false]);
  });

  it('keeps each evaluator to its own time limit', async () => {
    const short = await loadEvaluator(20);
    await loadEvaluator(10_000);
    expect(() => short.toBoolean('(() => { while (true) {} })()')).toThrow(new ExpressionError('expression ran longer than 20 ms: (() => { while (true) {} })()', 'InternalError'));
  });
});
