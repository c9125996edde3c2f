/**
 * Every lint finding on XML carries the exact range of what it is about (the language server
 * underlines it, `lint --fix` edits inside it), and `data` with what the rule found.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, TextRange } from '../../src/validate/diagnostic.js';
import { lint } from '../../src/validate/lint/lint.js';
import { RULES_BY_NAME } from '../../src/validate/lint/rules/index.js';

/** The text a 1-based, end-exclusive range covers. */
function textIn(xml: string, r: TextRange): string {
  const starts = [0];
  for (let i = xml.indexOf('\n'); i !== -1; i = xml.indexOf('\n', i + 1)) starts.push(i + 1);
  const at = (p: TextRange['start']) => starts[p.line - 1]! + p.column - 1;
  return xml.slice(at(r.start), at(r.end));
}

const wrap = (body: string) => `<dialplan name="Root">\n${body}\n</dialplan>\n`;

/** Lints `body` and returns the slice of each finding of `rule`. */
function slices(body: string, rule: string): string[] {
  const xml = wrap(body);
  const found = lint(xml).diagnostics.filter((d) => d.rule === rule);
  expect(found.length, `${rule} in ${body}`).toBeGreaterThan(0);
  return found.map((d) => {
    expect(d.range, d.message).toBeDefined();
    return textIn(xml, d.range!);
  });
}

describe('lint: ranges', () => {
  const cases: Array<[rule: string, body: string, expected: string[]]> = [
    ['unknown-goto-target', '<goto>  mian </goto><play name="main" type="tts">Hi</play>', ['mian']],
    ['unknown-goto-target', '<catch type="hangup" goto="nowhere"><hangup/></catch>', ['nowhere']],
    ['duplicate-name', '<play name="a" type="tts">1</play><play name="a" type="tts">2</play>', ['a']],
    ['undefined-variable', '<play type="tts">Hello ${nmae}, bye</play>', ['${nmae}']],
    ['undefined-variable', '<if expr="${x} == 1"><hangup/></if>', ['${x}']],
    ['variable-syntax', '<play type="tts">Press $call.lastinput now</play>', ['$call.lastinput']],
    ['legacy-value', '<play type="tts" voice="femaleSpanish">Hola</play>', ['femaleSpanish']],
    ['undocumented-attribute', '<transfer screen="true" whisper-tts="Press 1.">2135551212</transfer>', ['screen']],
    ['invalid-phone-number', '<transfer>2135551212, 12345</transfer>', ['12345']],
    ['suspicious-timeout', '<menu timeout="1000"><play type="tts">Hi</play><keypress pressed="1"><hangup/></keypress></menu>', ['1000']],
    ['menu-without-prompt', '<menu name="m"\n    maxDigits="1"><keypress pressed="1"><hangup/></keypress></menu>', ['<menu name="m"\n    maxDigits="1">']],
    ['unreachable-code', '<hangup/><play type="tts">Bye</play>', ['<play type="tts">']],
  ];
  for (const [rule, body, expected] of cases) {
    it(`${rule}: ${JSON.stringify(expected)}`, () => {
      expect(slices(body, rule)).toEqual(expected);
    });
  }

  it('falls back to the whole value when the source spells it with entities', () => {
    // `&#x24;` is "$": the reference cannot be pointed at inside the source spelling
    expect(slices('<play type="tts">Hello &#x24;{nmae}</play>', 'undefined-variable')).toEqual(['Hello &#x24;{nmae}']);
  });

  it('counts columns right after CRLF line breaks', () => {
    const xml = '<dialplan name="Root">\r\n  <goto>mian</goto>\r\n  <play name="main" type="tts">Hi</play>\r\n</dialplan>\r\n';
    const d = lint(xml).diagnostics.find((x) => x.rule === 'unknown-goto-target')!;
    expect(d.range).toEqual({ start: { line: 2, column: 9 }, end: { line: 2, column: 13 } });
  });

  it('gives every finding of every failing fixture a range inside the file and data', () => {
    const root = new URL('../fixtures/lint/', import.meta.url);
    let n = 0;
    for (const dir of readdirSync(root)) {
      const xml = readFileSync(new URL(`${dir}/fail.xml`, root), 'utf8');
      for (const d of lint(xml).diagnostics as Diagnostic[]) {
        if (!RULES_BY_NAME.has(d.rule)) continue;
        n++;
        expect(d.range, `${dir}: ${d.message}`).toBeDefined();
        expect(d.data, `${dir}: ${d.message}`).toBeDefined();
        const r = d.range!;
        expect(r.start.line * 1e6 + r.start.column).toBeLessThanOrEqual(r.end.line * 1e6 + r.end.column);
        // a range starts on or after the reported tag's first line
        expect(r.start.line, d.message).toBeGreaterThanOrEqual(d.line!);
        expect(textIn(xml, r).length, d.message).toBeGreaterThan(0);
      }
    }
    expect(n).toBeGreaterThan(50);
  });
});

describe('schema diagnostics: data, range and certain fixes', () => {
  const xml = wrap(
    [
      '<menu name="m" maxdigits="1">',
      '  <play type="TTS">Hi</play>',
      '  <keypress pressed="DEFAULT"><goto>m</goto></keypress>',
      '  <keypress pressed="1 - 3"><hangup/></keypress>',
      '  <keypress pressed="x"><hangup/></keypress>',
      '</menu>',
      '<bogus/>',
    ].join('\n'),
  );
  const schema = lint(xml).diagnostics.filter((d) => d.rule === 'schema');
  const by = (issue: string, attribute?: string) =>
    schema.filter((d) => d.data?.issue === issue && (attribute === undefined || d.data.attribute === attribute));

  it('keeps element, attribute and expected as data', () => {
    const [unknown] = by('unknown-attribute');
    expect(unknown!.data).toMatchObject({ element: 'menu', attribute: 'maxdigits', suggestion: 'maxDigits' });
    expect(textIn(xml, unknown!.range!)).toBe('maxdigits');
    const [type] = by('not-in-set', 'type');
    expect(type!.data).toMatchObject({ element: 'play', attribute: 'type', value: 'TTS', expected: 'one of tts, url, callfireid' });
    expect(textIn(xml, type!.range!)).toBe('TTS');
    expect(by('unexpected-element')[0]!.data).toMatchObject({ element: 'bogus', expected: [] });
  });

  it('fixes only what has exactly one reading', () => {
    const fixes = schema.map((d) => [d.data?.value ?? d.data?.attribute, d.fix?.edits.map((e) => [textIn(xml, e.range), e.text])]);
    expect(fixes).toEqual(
      expect.arrayContaining([
        ['maxdigits', [['maxdigits', 'maxDigits']]],
        ['TTS', [['TTS', 'tts']]],
        ['DEFAULT', [['DEFAULT', 'default']]],
        ['1 - 3', [['1 - 3', '1-3']]],
        ['x', undefined],
      ]),
    );
  });
});
