/**
 * validate() on arbitrary input never throws, and every diagnostic it gives is well formed:
 * a known rule, a path, and a position inside the text when it has one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/validate.js';

const TOKENS = [
  '<dialplan>', '</dialplan>', '<dialplan name="Root">', '<menu>', '</menu>', '<menu maxDigits="x">',
  '<keypress pressed="1">', '<keypress pressed="?">', '</keypress>', '<play type="tts">', '<play voice="robot">',
  '</play>', '<amd>', '</amd>', '<live>', '</live>', '<machine>', '</machine>', '<if expr="1">', '</if>',
  '<else>', '</else>', '<else/>', '<hangup/>', '<goto>', '</goto>', '<wait>', '</wait>', '<bogus a="1"/>',
  '<transfer>', '</transfer>', 'Main', '4', ' ', '\n', '\r\n', '&amp;', '&', '<!-- c -->', '<![CDATA[x]]>',
  '<?xml version="1.0"?>', '<!DOCTYPE d>', '😀', '${call.lastinput}', '"', '<', '>',
];

describe('validate() on arbitrary input', () => {
  it('never throws and gives well-formed diagnostics', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), (parts) => {
        const xml = parts.join('');
        const r = validate(xml);
        expect(r.ok).toBe(r.diagnostics.every((d) => d.severity !== 'error'));
        const lines = xml.split('\n').length;
        for (const d of r.diagnostics) {
          expect(['xml-syntax', 'schema']).toContain(d.rule);
          expect(d.path).toMatch(/^\/(dialplan(\/[^/[\]]+\[\d+\])*)?$/);
          expect(d.message.length).toBeGreaterThan(0);
          if (d.line !== undefined) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.line).toBeLessThanOrEqual(lines);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('accepts what it should: the same plan however it is laid out', () => {
    const body = ['<menu name="m">', '<play type="tts">Hi</play>', '<keypress pressed="1">', '<goto>m</goto>', '</keypress>', '</menu>', '<hangup/>'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom('', ' ', '\n', '\r\n', '\t', '<!-- x -->'), { minLength: body.length + 1, maxLength: body.length + 1 }), (gaps) => {
        const xml = `<dialplan>${body.map((b, i) => gaps[i] + b).join('')}${gaps[body.length]}</dialplan>`;
        expect(validate(xml)).toEqual({ ok: true, diagnostics: [] });
      }),
      { numRuns: 100 },
    );
  });
});
