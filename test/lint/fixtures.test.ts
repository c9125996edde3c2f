import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/validate/lint/lint.js';
import { RULES } from '../../src/validate/lint/rules/index.js';
import { keys, marks } from './expectations.js';

const root = new URL('../fixtures/lint/', import.meta.url);

describe('lint fixtures: findings match the inline expect marks', () => {
  const dirs = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

  it('every rule has a passing and a failing fixture', () => {
    for (const rule of RULES) {
      expect(existsSync(new URL(`${rule.name}/fail.xml`, root)), `${rule.name}/fail.xml`).toBe(true);
      expect(existsSync(new URL(`${rule.name}/pass.xml`, root)), `${rule.name}/pass.xml`).toBe(true);
    }
  });

  for (const dir of dirs) {
    for (const file of readdirSync(new URL(`${dir}/`, root)).filter((f) => f.endsWith('.xml')).sort()) {
      it(`${dir}/${file}`, () => {
        const xml = readFileSync(new URL(`${dir}/${file}`, root), 'utf8');
        const found = lint(xml).diagnostics.map((d) => ({ rule: d.rule, line: d.line ?? 0, message: d.message }));
        const expected = marks(xml);
        expect(keys(found), JSON.stringify(found, null, 1)).toEqual(keys(expected));
        // a fail fixture must exercise its own rule, a pass fixture must not trigger it
        const own = found.filter((f) => f.rule === dir).length;
        if (file.startsWith('fail')) expect(own).toBeGreaterThan(0);
        if (file.startsWith('pass')) expect(own).toBe(0);
      });
    }
  }
});
