import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, loadExample } from '../examples/build.js';
import { compile, parse } from '../src/index.js';
import { lint } from '../src/validate/lint/lint.js';
import { validate } from '../src/validate/validate.js';
import { stripLoc } from './util.js';

describe.each(EXAMPLES)('examples/%s.ts', (name) => {
  it('compiles to the XML checked in next to it (run `npx tsx examples/build.ts` after a change)', async () => {
    const plan = await loadExample(name);
    const expected = await readFile(new URL(`../examples/${name}.xml`, import.meta.url), 'utf8');
    expect(compile(plan.toAst())).toBe(expected);
  });

  it('is valid against dialplan.xsd', async () => {
    const plan = await loadExample(name);
    const result = validate(plan);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('is clean for every lint rule: no dangling goto, no unreachable tag, no endless loop', async () => {
    const plan = await loadExample(name);
    expect(lint(plan).diagnostics).toEqual([]);
  });

  it('the checked-in XML reads back to the same tree', async () => {
    const plan = await loadExample(name);
    const xml = await readFile(new URL(`../examples/${name}.xml`, import.meta.url), 'utf8');
    expect(stripLoc(parse(xml).document)).toEqual(plan.toAst());
  });
});
