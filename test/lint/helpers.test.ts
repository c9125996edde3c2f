import { describe, expect, it } from 'vitest';
import { expressionError } from '../../src/validate/lint/helpers/expression.js';
import { withPlaceholders } from '../../src/language/value-rule.js';
import { compareDigits, covers, matchesEntry, parseKeyPattern, shortestInput } from '../../src/language/key-pattern.js';
import { phoneProblem, splitPhones } from '../../src/language/values.js';
import { dynamicNamePattern, replaceVariables, scanVariables } from '../../src/language/variable-refs.js';
import { ttsProblems } from '../../src/validate/lint/rules/tts-markup.js';
import { elementName } from '../../src/ast/nodes.js';
import { parse } from '../../src/parse/parse.js';
import { createContext } from '../../src/validate/lint/context.js';
import { elementsOf, hasChild } from '../../src/validate/lint/helpers/tagged.js';
import { readSites, type ReadSite } from '../../src/validate/lint/helpers/reads.js';

describe('key patterns', () => {
  it('parses every documented form', () => {
    expect(parseKeyPattern(' 1 ')).toEqual({ kind: 'digits', value: '1' });
    expect(parseKeyPattern('300-315')).toEqual({ kind: 'range', low: '300', high: '315' });
    expect(parseKeyPattern('#')).toEqual({ kind: 'symbol', value: '#' });
    expect(parseKeyPattern('Default').kind).toBe('default');
    expect(parseKeyPattern('timeout').kind).toBe('timeout');
    expect(parseKeyPattern('1,2').kind).toBe('invalid');
  });

  it('compares digit strings numerically beyond 2^53', () => {
    expect(compareDigits('1000000000', '9999999999')).toBeLessThan(0);
    expect(compareDigits('99999999999999999999', '100000000000000000000')).toBeLessThan(0);
    expect(compareDigits('007', '7')).toBe(0);
  });

  it('knows which pattern hides which', () => {
    const p = parseKeyPattern;
    expect(covers(p('1-5'), p('3'))).toBe(true);
    expect(covers(p('1-5'), p('2-4'))).toBe(true);
    expect(covers(p('1-5'), p('4-9'))).toBe(false);
    expect(covers(p('3'), p('1-5'))).toBe(false);
    expect(covers(p('default'), p('Default'))).toBe(true);
    expect(covers(p('default'), p('timeout'))).toBe(false);
    expect(covers(p('1-5'), p('03'))).toBe(false);
    expect(covers(p('5-1'), p('3'))).toBe(false);
    expect(covers(p('03'), p('03-03'))).toBe(false);
    expect(covers(p('3'), p('03-03'))).toBe(true);
  });

  it('matches entries: digits exactly, ranges by number written without leading zeros', () => {
    const m = (pattern: string, entry: string) => matchesEntry(parseKeyPattern(pattern), entry);
    expect([m('1', '1'), m('1', '01'), m('1-3', '2'), m('1-3', '01'), m('0-5', '0'), m('300-315', '316')]).toEqual([true, false, true, false, true, false]);
    expect([m('1000000000-9999999999', '2135551234'), m('1000000000-9999999999', '213555123')]).toEqual([true, false]);
    expect([m('#', '#'), m('1-3', '#'), m('default', '1'), m('timeout', '1')]).toEqual([true, false, false, false]);
  });

  it('gives the fewest digits a pattern needs', () => {
    const p = parseKeyPattern;
    expect([shortestInput(p('321')), shortestInput(p('5-15')), shortestInput(p('007-9')), shortestInput(p('1000000000-9999999999')), shortestInput(p('#')), shortestInput(p('default'))]).toEqual([3, 1, 1, 10, 1, 0]);
  });
});

describe('variable references', () => {
  it('finds nested references, outer first', () => {
    expect(scanVariables('a ${choice${num}} b ${x}').refs.map((r) => [r.name, r.dynamic])).toEqual([
      ['choice${num}', true],
      ['num', false],
      ['x', false],
    ]);
  });

  it('reports a reference that is never closed', () => {
    const scan = scanVariables('x ${a} ${b');
    expect(scan.refs.map((r) => r.name)).toEqual(['a']);
    expect(scan.unclosed).toEqual([{ start: 7 }]);
  });

  it('reads braces before the first $ as text, and orders deep nesting outer first', () => {
    expect(scanVariables('} {x} $${a}').refs.map((r) => [r.name, r.start, r.end])).toEqual([['a', 7, 11]]);
    expect(scanVariables('${a${b${c}}}${d}').refs.map((r) => [r.name, r.start])).toEqual([
      ['a${b${c}}', 0],
      ['b${c}', 3],
      ['c', 6],
      ['d', 12],
    ]);
    expect(scanVariables('no references').unclosed).toEqual([]);
  });

  it('turns dynamic names into patterns and replaces outer references only', () => {
    expect(dynamicNamePattern('choice${num}').test('choice12')).toBe(true);
    expect(dynamicNamePattern('a.b${x}').test('aXb1')).toBe(false);
    expect(replaceVariables('${a${b}}-${c}', (_r, i) => `#${i}`)).toBe('#0-#1');
  });
});

describe('expressions', () => {
  it('keeps the syntax around placeholders intact', () => {
    expect(withPlaceholders("'${x}'.length + 1${y}${z}")).toBe("'_v0_'.length + 100");
    expect(expressionError('${x}.toLowerCase() == "a"')).toBeUndefined();
    expect(expressionError('"${n}".split("").join(" ");')).toBeUndefined();
    expect(expressionError('${a} &&')?.message).toMatch(/Unexpected token/);
  });
});

describe('phone numbers', () => {
  it('accepts NANP, E.164, variables and extensions', () => {
    for (const n of ['2135551212', '12132212289', '(213) 555-1212', '+442071234567', '${call.callerid}', '1${x}']) expect(phoneProblem(n, false), n).toBeUndefined();
    expect(phoneProblem('2135551212x${call.lastinput}', true)).toBeUndefined();
    expect(phoneProblem('2135551212x204', true)).toBeUndefined();
  });

  it('says what is wrong', () => {
    expect(phoneProblem('', false)).toBe('empty');
    expect(phoneProblem('sales', false)).toBe('characters');
    expect(phoneProblem('555-1234', false)).toBe('length');
    expect(phoneProblem('0135551212', false)).toBe('area-code');
    expect(phoneProblem('2135551212x204', false)).toBe('characters');
    expect(splitPhones('1, 2,,3')).toEqual(['1', '2', '', '3']);
  });
});

describe('TTS markup', () => {
  it('accepts VTML and plain ampersands', () => {
    expect(ttsProblems('<vtml_speed value="60">Slow & steady</vtml_speed> <vtml_pause time="300"/>')).toEqual([]);
  });
  it('reports other tags, stray <, unbalanced VTML and double escaping', () => {
    expect(ttsProblems('<b>x</b>').map((p) => p.problem)).toEqual(['not-vtml', 'not-vtml']);
    expect(ttsProblems('3 < 4').map((p) => p.problem)).toEqual(['stray-lt']);
    expect(ttsProblems('<vtml_speed value="1">x').map((p) => p.problem)).toEqual(['unclosed-vtml']);
    expect(ttsProblems('x</vtml_speed>').map((p) => p.problem)).toEqual(['unopened-vtml']);
    expect(ttsProblems('a &amp; b').map((p) => p.problem)).toEqual(['escaped-entity']);
  });
});

describe('elements by tag', () => {
  const ctx = createContext(
    parse(
      '<dialplan name="Root"><menu name="m"><play type="tts">Hi</play><keypress pressed="1"><transfer>2135551212</transfer><play type="tts">Bye</play></keypress></menu><transfer>2135551213</transfer><sms to="2135551214">x</sms><play type="tts">End</play></dialplan>',
    ).document!,
  );

  it('lists the elements of several tags in document order, as a walk of every element would', () => {
    const tags = ['transfer', 'play', 'sms', 'nosuch'];
    const walked = ctx.elements.filter((n) => tags.includes(elementName(n)));
    expect(elementsOf(ctx, tags)).toEqual(walked);
    expect(elementsOf(ctx, tags).map(elementName)).toEqual(['play', 'transfer', 'play', 'transfer', 'sms', 'play']);
    expect(elementsOf(ctx, ['sms'])).toEqual(ctx.ofTag('sms'));
    expect(elementsOf(ctx, ['nosuch'])).toEqual([]);
  });

  it('tells whether a tag has a child of a name', () => {
    const menu = ctx.ofTag('menu')[0]!;
    expect(hasChild(menu, 'keypress')).toBe(true);
    expect(hasChild(menu, 'transfer')).toBe(false);
  });
});

describe('read sites', () => {
  const xml =
    '<dialplan name="r"><setvar varname="a" name="${not.a.site}">${x}</setvar><play type="tts">no variable</play>' +
    '<if expr="${a} == 1"><play type="tts">Hi ${b}, $call.x</play></if><transfer callerid="${c}" whisper-tts="${d}">1</transfer></dialplan>';
  const list = (sites: Iterable<ReadSite>) => [...sites].map((s) => `${elementName(s.node)} ${s.where}: ${s.value}`);
  const expected = ['setvar text: ${x}', 'if expr: ${a} == 1', 'play text: Hi ${b}, $call.x', 'transfer callerid: ${c}', 'transfer whisper-tts: ${d}'];

  it('lists the same sites on every walk, the later ones over the elements the first found', () => {
    const ctx = createContext(parse(xml).document!);
    expect(list(readSites(ctx))).toEqual(expected);
    expect(list(readSites(ctx))).toEqual(expected);
  });

  it('notes nothing from a walk left before its end', () => {
    const ctx = createContext(parse(xml).document!);
    // a rule that stops at its first site (amd-in-inbound-plan) must not leave the others a short list
    for (const _ of readSites(ctx)) break;
    expect(list(readSites(ctx))).toEqual(expected);
    expect(list(readSites(ctx))).toEqual(expected);
  });
});
