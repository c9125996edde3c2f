import { describe, expect, it } from 'vitest';
import { covers, parseKeyPattern } from '../../src/language/key-pattern.js';
import { menuEntry, sampleInput, selectKeypress } from '../../src/simulate/keypress.js';
import { simulate } from '../../src/simulate/simulate.js';
import { said } from '../util.js';

const patterns = (...ps: string[]) => ps.map(parseKeyPattern);

describe('keypress selection', () => {
  it('tries explicit patterns in order, then default; a timeout takes only timeout', () => {
    const ps = patterns('Default', '1-5', '3', 'Timeout');
    expect(selectKeypress(ps, '3')).toBe(1);
    expect(selectKeypress(ps, '9')).toBe(0);
    expect(selectKeypress(ps, undefined)).toBe(3);
    expect(selectKeypress(patterns('default'), undefined)).toBe(-1);
    expect(selectKeypress(patterns('1'), '2')).toBe(-1);
  });

  it('does not take a leading-zero entry into a range', () => {
    expect(selectKeypress(patterns('1-5', '03'), '03')).toBe(1);
  });

  it('never selects a keypress lint calls covered, and selects the ones it does not', () => {
    const cases: Array<[string, string]> = [['1-5', '3'], ['1-5', '03'], ['1-3', '01'], ['0-9', '0'], ['7', '7'], ['10-20', '015']];
    for (const [earlier, later] of cases) {
      const hidden = covers(parseKeyPattern(earlier), parseKeyPattern(later));
      expect(selectKeypress(patterns(earlier, later), later) === 0, `${earlier} then ${later}`).toBe(hidden);
    }
  });

  it('reaches a leading-zero keypress after a range in a running call', async () => {
    const r = await simulate(
      '<dialplan><menu maxDigits="2"><keypress pressed="1-5"><play type="tts">range</play></keypress><keypress pressed="03"><play type="tts">zero three</play></keypress></menu></dialplan>',
      { keys: ['03'] },
    );
    expect(said(r)).toEqual(['zero three']);
  });

  it('proposes inputs that reach each pattern', () => {
    expect(sampleInput(parseKeyPattern('Timeout'))).toBe('timeout');
    expect(sampleInput(parseKeyPattern('300-315'))).toBe('300');
    expect(sampleInput(parseKeyPattern('01-05'))).toBe('1');
    expect(sampleInput(parseKeyPattern('default'))).toBeUndefined();
  });

  it('strips a # terminator and cuts at maxDigits', () => {
    expect(menuEntry('12#', 5)).toBe('12');
    expect(menuEntry('#', 5)).toBe('#');
    expect(menuEntry('123456', 3)).toBe('123');
  });
});
