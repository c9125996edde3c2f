/**
 * Issue 15 items 6/7 and issue 9 item 8 for simulate, convert and scenario generation: deep,
 * wide and reference-heavy shapes end with a result or a located error naming a limit, never a
 * stack overflow, an "Invalid string length" or a hang. The trees are built directly (as a
 * library caller or the builder may hand them over), not parsed, so the sizes are not cut by
 * parse()'s own limits; no timing assertions, only the result or the error.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentNode, ElementNode, Node } from '../../src/ast/nodes.js';
import { LIMITS } from '../../src/ast/limits.js';
import { ConversionError, toTypeScript } from '../../src/codegen/typescript.js';
import { coverage, formatCoverage } from '../../src/simulate/coverage.js';
import { generateScenarios } from '../../src/simulate/generate.js';
import { simulate } from '../../src/simulate/simulate.js';
import type { SimulationResult } from '../../src/simulate/types.js';

const el = (kind: string, attributes: Record<string, string>, children: Node[], line: number): ElementNode =>
  ({ kind, attributes, children, loc: { line, column: 1 } }) as unknown as ElementNode;
const text = (t: string): Node => ({ kind: '#text', text: t }) as Node;
const doc = (children: Node[]): DocumentNode => ({ kind: '#document', root: el('dialplan', { name: 'd' }, children, 1) as ElementNode<'dialplan'>, prolog: [], epilog: [] });

/** `<if expr="true">` nested `n` deep around a `<hangup/>`, each on its own line. */
function deepIf(n: number): DocumentNode {
  let inner: Node = el('hangup', {}, [], n + 2);
  for (let i = n; i >= 1; i--) inner = el('if', { expr: 'true' }, [inner], i + 1);
  return doc([inner]);
}
const wide = (n: number) => doc(Array.from({ length: n }, (_, i) => el('play', { type: 'tts' }, [text('hi')], i + 2)));
/** Budgets far above what these runs need on a loaded machine: the tests are about results, not time. */
const ROOMY = { timeLimitMs: 300_000, expressionTimeoutMs: 30_000 };
const said = (r: SimulationResult) => r.events.flatMap((e) => (e.type === 'play' ? [e.text] : []));

describe('simulate on hostile shapes', () => {
  it('runs a plan nested 20,000 deep to its end', async () => {
    const r = await simulate(deepIf(20_000), {}, ROOMY);
    expect(r.error).toBeUndefined();
    expect(r.ended).toBe('hangup');
    expect(r.events.filter((e) => e.type === 'if')).toHaveLength(20_000);
  });

  it('runs 130,000 siblings straight through: the step budget grows with the plan', async () => {
    const r = await simulate(wide(130_000), {}, ROOMY);
    expect(r.error).toBeUndefined();
    expect(r.ended).toBe('end');
    expect(said(r)).toHaveLength(130_000);
  });

  it('reads 8,000 nested ${ in one text in one pass', async () => {
    const r = await simulate(doc([el('play', { type: 'tts' }, [text('a ' + '${'.repeat(8_000) + 'x' + '}'.repeat(8_000) + ' b')], 2)]), {}, ROOMY);
    expect(r.error).toBeUndefined();
    expect(said(r)).toEqual(['a b']);
    expect(r.warnings.some((w) => w.rule === 'unset-variable')).toBe(true);
  });

  it('substitutes 100,000 references in one text', async () => {
    const r = await simulate(doc([el('play', { type: 'tts' }, [text('${x}'.repeat(100_000))], 2)]), { vars: { x: 'ab' } }, ROOMY);
    expect(said(r)).toEqual(['ab'.repeat(100_000)]);
  });

  it('refuses an expression with 100,000 references at its line, naming the limit', async () => {
    const r = await simulate(doc([el('if', { expr: '${x} + '.repeat(100_000) + '1' }, [el('hangup', {}, [], 2)], 2)]), { vars: { x: '1' } }, ROOMY);
    expect(r.ended).toBe('error');
    expect(r.error).toMatchObject({ line: 2, path: '/dialplan/if[1]' });
    expect(r.error?.message).toMatch(/more than 256 \$\{…\} references in code \(the limit per expression\)/);
  });

  it('keeps a 100,000-reference setvar value apart from the code it spells', async () => {
    const r = await simulate(doc([el('setvar', { varname: 'v' }, [text('${x}'.repeat(100_000))], 2)]), { vars: { x: '1' } }, ROOMY);
    expect(r.error).toBeUndefined();
    expect(r.variables['v']).toBe('1'.repeat(100_000));
  });
});

describe('convert on hostile shapes', () => {
  it('refuses a plan nested 2,000 deep with the first tag too deep, its line and path', () => {
    let caught: unknown;
    try {
      toTypeScript(deepIf(2_000));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConversionError);
    const e = caught as ConversionError;
    expect(e.message).toContain(`nested more than ${LIMITS.depth} elements deep`);
    // the root is line 1 at depth 1, each <if> one line and one level further
    expect(e.line).toBe(LIMITS.depth + 1);
    expect(e.path).toBe(`/dialplan${'/if[1]'.repeat(LIMITS.depth)}`);
  });

  it('refuses 100,000 levels the same way', () => {
    expect(() => toTypeScript(deepIf(100_000))).toThrow(ConversionError);
  });

  it('converts a plan exactly at the depth limit', () => {
    // the root, the <if>s and the <hangup> inside them: LIMITS.depth levels
    const { code } = toTypeScript(deepIf(LIMITS.depth - 2));
    expect(code.match(/\.if\('true'/g)).toHaveLength(LIMITS.depth - 2);
  });

  it('writes 130,000 siblings, one call a line', () => {
    const { code } = toTypeScript(wide(130_000));
    expect(code.match(/^ {2}\.play\('hi'\)/gm)).toHaveLength(130_000);
  });
});

describe('scenario generation and coverage on a big plan', () => {
  it('generates for a plan whose 130,000 tags are never reached, and reports each', async () => {
    const skipped = Array.from({ length: 130_000 }, (_, i) => el('play', { type: 'tts' }, [text('never')], i + 3));
    const plan = doc([el('goto', {}, [text('end')], 2), ...skipped, el('hangup', { name: 'end' }, [], 130_003)]);
    const { scenarios, results } = await generateScenarios(plan);
    expect(scenarios.length).toBeGreaterThan(0);
    expect(results.every((r) => r.ended === 'hangup')).toBe(true);
    const report = coverage(plan, results);
    expect(report.tags.missed).toHaveLength(130_000);
    const shown = formatCoverage(report);
    expect(shown).toContain('line 130002  <play>');
  });
});
