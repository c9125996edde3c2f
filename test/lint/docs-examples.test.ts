import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/parse.js';
import { lintDocument } from '../../src/validate/lint/lint.js';
import { RULES } from '../../src/validate/lint/rules/index.js';

/** The rule's findings in a docs fragment, wrapped in a dialplan (rules run without the XSD). */
function findings(rule: string, fragment: string): string[] {
  const { document, diagnostics } = parse(`<dialplan name="Root">\n${fragment}\n</dialplan>`);
  expect(diagnostics).toEqual([]);
  return lintDocument(document!).filter((d) => d.rule === rule).map((d) => d.message);
}

describe('the examples on each rule page are true', () => {
  for (const rule of RULES) {
    it(`${rule.name}: "Reported" is reported, "Accepted" is not`, () => {
      expect(findings(rule.name, rule.docs.bad).length).toBeGreaterThan(0);
      expect(findings(rule.name, rule.docs.good)).toEqual([]);
    });
  }
});
