import { describe, expect, it } from 'vitest';
import { substitute } from '../../src/simulate/substitute.js';
import { hasCodeMarkers, isJavaScriptValue, readTemplateValue } from '../../src/language/value-rule.js';

describe('isJavaScriptValue', () => {
  it.each([
    ['0+1', true],
    ['3 + 1', true],
    ['"2135551234".split("").join(" ");', true],
    ["'+13235550100'.substring(2,5);", true],
    ["isNaN('abc')", true],
    ['Math.max(1, 2)', true],
    ["'a' == 'a'", true],
    ['"123".split("").map((d) => d * 2).join("")', true],
  ])('%s is JavaScript', (value, js) => expect(isJavaScriptValue(value)).toBe(js));

  it.each([
    ['Homer Simpson'],
    ['Homer'],
    ['yes'],
    ['0'],
    ['12135551234'],
    ['-2.5'],
    ['false'],
    ['true'],
    ['213-555-1212'],
    ['2026-01-05'],
    ['1-800-FLOWERS'],
    ['1,2'],
    ['0123'],
    ['010+1'],
    ['http://example.com/a?b=1&c=2'],
    ['https://us-east.example.com/x.wav'],
    ['130496d0-5c4a-11e3-83f9-90b8d0128a60'],
    ['Thanks!'],
    [''],
    ['process.exit()'],
  ])('%s is text', (value) => expect(isJavaScriptValue(value)).toBe(false));
});

describe('substitute', () => {
  const vars: Record<string, string> = { a: 'A', num: '2', choice2: 'Blue', weird: '${a}' };
  const look = (n: string) => vars[n];

  it('replaces references, nested ones inner-first', () => {
    expect(substitute('x ${a} y', look)).toBe('x A y');
    expect(substitute('${choice${num}}', look)).toBe('Blue');
  });

  it('does not rescan inserted values', () => {
    expect(substitute('${weird}', look)).toBe('${a}');
  });

  it('reads unset variables as empty text and reports them', () => {
    const unset: string[] = [];
    expect(substitute('[${nope}]', look, (n) => unset.push(n))).toBe('[]');
    expect(unset).toEqual(['nope']);
  });

  it('keeps an unterminated reference as written', () => {
    expect(substitute('cost ${a', look)).toBe('cost ${a');
  });
});

describe('the value rule as lint reads it (before substitution)', () => {
  it('reads references as values and agrees with the simulator on the samples', () => {
    for (const js of ['${Counter}+1', '"${n}".split("").join(" ");', "'${a}'.substring(2,5);", '${a} == 2', 'isNaN(${x})', '[1,2].length', '!true']) {
      expect(readTemplateValue(js).kind, js).toBe('javascript');
    }
    for (const text of ['Homer Simpson', 'Call me (maybe)!', '${call.lastinput}', '1${x}${y}', 'https://a.example/x?y=(1)', '130496d0-5c4a-11e3']) {
      expect(readTemplateValue(text).kind, text).toBe('text');
    }
  });

  it('says why a value is text', () => {
    expect(readTemplateValue('"${n}".split(""')).toMatchObject({ kind: 'text', why: expect.stringMatching(/does not parse/) });
    expect(readTemplateValue('myFunc(${x})')).toEqual({ kind: 'text', why: '`myFunc` is not a standard JavaScript global' });
    expect(readTemplateValue('010+1')).toEqual({ kind: 'text', why: 'the number 010 is written with a leading zero' });
    expect(readTemplateValue('Homer Simpson')).toEqual({ kind: 'text' });
  });

  it('finds code markers in code, not in prose or URLs', () => {
    for (const code of ['"${n}".split("")', 'isNaN(${x})', '${a} == 2', '${Counter}+1', '(${a} + 1) * 2', 'x;']) expect(hasCodeMarkers(code), code).toBe(true);
    for (const text of ['Homer Simpson', 'Call me (maybe)!', 'Thanks!', '0', 'https://a.example/f(1)', '${call.lastinput}', '1_Yes']) expect(hasCodeMarkers(text), text).toBe(false);
  });
});
