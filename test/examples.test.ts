import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, loadExample } from '../examples/build.js';
import { compile, parse } from '../src/index.js';
import { parseScenarioFile, runScenario } from '../src/entries/simulate.js';
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

  const scenarios = new URL(`../examples/scenarios/${name}.scenarios.yaml`, import.meta.url);
  it('does what its scenarios say (examples/scenarios, as `dialplan test` runs them)', async () => {
    const plan = await loadExample(name);
    const file = parseScenarioFile(await readFile(scenarios, 'utf8'), `${name}.scenarios.yaml`);
    expect(file.scenarios.length).toBeGreaterThan(0);
    for (const scenario of file.scenarios) {
      const outcome = await runScenario(plan.toAst(), scenario);
      expect(outcome.checks.filter((c) => !c.pass), `${name}: ${scenario.name}`).toEqual([]);
      expect(outcome.pass).toBe(true);
    }
  });
});
