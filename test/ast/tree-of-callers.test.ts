/**
 * lint, validate and simulate name themselves in treeOf's TypeError (not "a dialplan
 * function"), as compile and the diagrams do; so do expectCall and runScenario, which run
 * simulate() underneath but must not be reported under its name. parse() and lintDocument(),
 * which take only text or only a tree, say so in theirs.
 */
import { describe, expect, it } from 'vitest';
import { lintDocument } from '../../src/entries/lint.js';
import { compile, dialplan, lint, parse, simulate, validate, type PlanSource } from '../../src/index.js';
import { runScenario } from '../../src/entries/simulate.js';
import { expectCall } from '../../src/entries/testing.js';

const said = 'takes a plan built with the DSL, a syntax tree, or XML text; got';
const plan = dialplan({ name: 'Root' }).play('Hello.').hangup();

describe('lint(), validate() and simulate()', () => {
  it.each([[42, 'a number'], [null, 'null'], [new Map(), 'a Map']])('refuse %o with a TypeError naming the function', async (value, described) => {
    const v = value as unknown as PlanSource;
    expect(() => lint(v)).toThrow(new TypeError(`lint() ${said} ${described}`));
    expect(() => validate(v)).toThrow(new TypeError(`validate() ${said} ${described}`));
    await expect(simulate(v)).rejects.toThrow(new TypeError(`simulate() ${said} ${described}`));
  });

  it('give the same answer for a DSL plan, its tree and its XML text', async () => {
    const xml = compile(plan);
    for (const f of [lint, validate]) {
      expect(f(plan)).toEqual(f(plan.toAst()));
      expect(f(xml).ok).toBe(f(plan).ok);
      expect(f(xml).diagnostics.map((d) => d.rule)).toEqual(f(plan).diagnostics.map((d) => d.rule));
    }
    const events = async (p: PlanSource) => (await simulate(p)).events.map(({ line: _line, ...e }) => e);
    expect(await events(xml)).toEqual(await events(plan));
    expect(await events(plan.toAst())).toEqual(await events(plan));
  });
});

describe('expectCall() and runScenario()', () => {
  it.each([[42, 'a number'], [undefined, 'undefined'], [{ root: {} }, 'an object without toAst()']])('refuse %o with a TypeError naming themselves', async (value, described) => {
    const v = value as unknown as PlanSource;
    // expectCall refuses at once, before any step of the script is written
    expect(() => expectCall(v)).toThrow(new TypeError(`expectCall() ${said} ${described}`));
    await expect(runScenario(v, { name: 'x', script: {}, expect: [] })).rejects.toThrow(new TypeError(`runScenario() ${said} ${described}`));
  });

  it('still take the three forms alike', async () => {
    const xml = compile(plan);
    for (const p of [plan, plan.toAst(), xml]) {
      expect((await expectCall(p).run()).ended).toBe('hangup');
      expect((await runScenario(p, { name: 'x', script: {}, expect: [{ endsWith: 'hangup' }] })).pass).toBe(true);
    }
  });
});

describe('parse() and lintDocument(), which take one form each', () => {
  it.each([[42, 'a number'], [null, 'null'], [plan, 'a DialplanBuilder']])('refuse %o with a TypeError saying what they take', (value, described) => {
    expect(() => parse(value as unknown as string)).toThrow(new TypeError(`parse() takes XML text; got ${described}`));
  });

  it.each([[42, 'a number'], [undefined, 'undefined'], ['<dialplan/>', 'a string'], [{ document: parse('<dialplan name="R"/>').document, diagnostics: [] }, "parse()'s result, whose .document is the tree"]])(
    'lintDocument refuses %o with a TypeError saying what it takes',
    (value, described) => {
      expect(() => lintDocument(value as never)).toThrow(new TypeError(`lintDocument() takes a syntax tree (parse(xml).document); got ${described}`));
    },
  );
});
