/**
 * Every function the README says takes "a plan built with the DSL, a syntax tree, or XML text"
 * takes all three and gives the same answer for each; XML that does not parse is a SyntaxError
 * with its line, and a value that is no plan is a TypeError naming the function.
 */
import { describe, expect, it } from 'vitest';
import { compile, dialplan, parse, simulate, validate, lint, type PlanSource } from '../../src/index.js';
import { toTypeScript } from '../../src/entries/codegen.js';
import { callFlow, toDot, toHtml, toMermaid, toSvg } from '../../src/entries/graph.js';
import { generateScenarios } from '../../src/entries/simulate.js';

const plan = dialplan({ name: 'Root' }).menu({ name: 'main', maxDigits: 1, timeout: 3000 }, (m) =>
  m
    .play('Press 1 for sales.')
    .keypress('1', (k) => k.transfer('12135551234'))
    .keypress('timeout', (k) => k.hangup()),
);
const xml = plan.toXml();

const FUNCTIONS: ReadonlyArray<[string, (p: PlanSource) => unknown]> = [
  ['compile()', (p) => compile(p)],
  ['toTypeScript()', (p) => toTypeScript(p).code],
  ['toMermaid()', (p) => toMermaid(p)],
  ['toDot()', (p) => toDot(p)],
  ['toSvg()', (p) => toSvg(p)],
  ['toHtml()', (p) => toHtml(p)],
  ['callFlow()', (p) => callFlow(p)],
  ['generateScenarios()', (p) => generateScenarios(p)],
];

const run = async (f: (p: PlanSource) => unknown, p: unknown) => await f(p as PlanSource);

describe.each(FUNCTIONS)('%s', (name, f) => {
  it('takes a DSL plan, its tree and its XML text alike', async () => {
    const fromPlan = await run(f, plan);
    expect(fromPlan).toEqual(await run(f, plan.toAst()));
    const tree = parse(xml).document!;
    expect(await run(f, xml)).toEqual(await run(f, tree));
    expect(JSON.stringify(fromPlan)).toContain('12135551234');
  });

  it('refuses XML that does not parse with a SyntaxError naming the line', async () => {
    await expect(run(f, '<dialplan name="Root">\n  <play type="tts">Hi</pla>\n</dialplan>')).rejects.toThrow(
      expect.objectContaining({ name: 'SyntaxError', message: expect.stringMatching(new RegExp(`^${name.replace(/[()]/g, '\\$&')}: .*line 2`)) }),
    );
  });

  it.each([[42, 'a number'], [undefined, 'undefined'], [null, 'null'], [{ root: {} }, 'an object without toAst()'], [new Map(), 'a Map']])(
    'refuses %o with a TypeError that says what it takes',
    async (value, described) => {
      await expect(run(f, value)).rejects.toThrow(new TypeError(`${name} takes a plan built with the DSL, a syntax tree, or XML text; got ${described}`));
    },
  );
});

describe('the functions of the main entry that already took all three', () => {
  it('refuse a value that is no plan with the same TypeError', async () => {
    expect(() => validate(42 as unknown as PlanSource)).toThrow(TypeError);
    expect(() => lint({} as unknown as PlanSource)).toThrow(/takes a plan built with the DSL, a syntax tree, or XML text; got an object without toAst\(\)/);
    await expect(simulate(7 as unknown as PlanSource)).rejects.toThrow(/got a number/);
  });
});
