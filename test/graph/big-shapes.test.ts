/**
 * Plans shaped to break recursive or quadratic diagram code (issue: hostile shapes): deep
 * nesting (up to the depth limit the parser holds plans to, and past it), wide siblings, a long ring of gotos, and plans past the drawing's limits, which are
 * refused with a located error naming the limit. No timing assertions: a recursive pass
 * overflows the stack at these sizes, a quadratic one runs out the test's time.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { callFlow, LayoutLimitError, MAX_BEND_POINTS, MAX_DRAWN_STEPS, toDot, toMermaid, toSvg } from '../../src/graph/index.js';
import { layoutFlow } from '../../src/graph/layout.js';
import { parsedDocument } from '../util.js';
import { LIMITS } from '../../src/validate/limits.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const nestedIfs = (depth: number) => `<dialplan>${'<if expr="1"><play type="tts">x</play>'.repeat(depth)}<hangup/>${'</if>'.repeat(depth)}</dialplan>`;
const siblings = (n: number) => `<dialplan>${Array.from({ length: n }, (_, i) => `<play type="tts">p${i}</play>`).join('')}</dialplan>`;
const ring = (n: number) =>
  `<dialplan>${Array.from({ length: n }, (_, i) => `<menu name="m${i}"><play type="tts">q</play><keypress pressed="1"><goto>m${(i + 1) % n}</goto></keypress></menu>`).join('')}</dialplan>`;

/** The drawn steps of an SVG, counted from its groups. */
const steps = (svg: string) => svg.match(/<g id="[^"]+" class="step /g)?.length ?? 0;

describe('diagrams of hostile shapes', () => {
  it('draws <if>s nested as deep as a plan may nest, in every format', () => {
    const depth = LIMITS.depth - 2; // the root and the innermost play count too
    const d = parsedDocument(nestedIfs(depth));
    const flow = callFlow(d);
    expect(flow.nodes.filter((n) => n.kind === 'if')).toHaveLength(depth);
    const svg = toSvg(d);
    expect(steps(svg)).toBeGreaterThanOrEqual(flow.nodes.length);
    expect(toMermaid(d).split('\n').filter((l) => l.includes('-->') || l.includes('-.->'))).toHaveLength(flow.edges.length);
    expect(toDot(d)).toContain(`n${depth} `);
  }, 60_000);

  it('refuses 400 nested <if>s (7 KB) early, at the tag that passes the depth limit, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graph-deep-'));
    writeFileSync(join(dir, 'deep.xml'), nestedIfs(400));
    let err = '';
    const code = await main(['graph', 'deep.xml', '--format', 'svg'], { stdout: () => {}, stderr: (t) => (err += t), cwd: dir, env: {} });
    expect(code).not.toBe(0);
    expect(err).toMatch(/deep\.xml:1:\d+ .*nested more than 100 elements deep/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('lays out a chain 20,000 steps long (a recursive pass would overflow the stack)', () => {
    const n = 20_000;
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `v${i}`, width: 40, height: 20 }));
    const edges = nodes.slice(1).map((v, i) => ({ from: `v${i}`, to: v.id, labelWidth: 0, labelHeight: 0 }));
    const layout = layoutFlow(nodes, [...edges, { from: `v${n - 1}`, to: 'v0', labelWidth: 30, labelHeight: 16 }]);
    expect(layout.edges.at(-1)!.direction).toBe('back');
    expect(layout.nodes.get(`v${n - 1}`)!.y).toBeGreaterThan(layout.nodes.get('v0')!.y);
  }, 60_000);

  it('draws 2,000 siblings', () => {
    const d = parsedDocument(siblings(2000));
    const svg = toSvg(d);
    expect(steps(svg)).toBe(2002);
    expect(toMermaid(d)).toContain('n2000');
  }, 60_000);

  it('draws a ring of 10,000 menus that goto each other, the jump back to the first drawn as one edge', () => {
    const d = parsedDocument(ring(10_000));
    const flow = callFlow(d);
    const last = flow.nodes.find((n) => n.label.startsWith('[m9999]'))!;
    const first = flow.nodes.find((n) => n.label.startsWith('[m0]'))!;
    expect(flow.edges.some((e) => e.from === last.id && e.to === first.id && e.style === 'goto')).toBe(true);
    const svg = toSvg(d);
    expect(svg).toContain(`class="edge goto back" data-from="${last.id}" data-to="${first.id}"`);
  }, 120_000);

  it('refuses a drawing of more steps than its limit before laying it out, naming the limit and the line', () => {
    const d = parsedDocument(siblings(MAX_DRAWN_STEPS + 5));
    let error: unknown;
    try {
      toSvg(d);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LayoutLimitError);
    expect((error as LayoutLimitError).limit).toEqual({ name: 'steps per drawing', value: MAX_DRAWN_STEPS });
    expect((error as Error).message).toContain(`at most ${MAX_DRAWN_STEPS}`);
    expect((error as LayoutLimitError).line).toBe(1);
    // Mermaid and DOT write any size
    expect(toMermaid(d)).toContain(`n${MAX_DRAWN_STEPS + 5}`);
  }, 60_000);

  it('refuses a layout whose long edges would need more bend points than the limit', () => {
    // every step of a chain also jumps to the last one: the bend points grow with the square of the length
    const n = 1500;
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `v${i}`, width: 40, height: 20 }));
    const edges = nodes.slice(1).flatMap((v, i) => [
      { from: `v${i}`, to: v.id, labelWidth: 0, labelHeight: 0 },
      { from: `v${i}`, to: `v${n - 1}`, labelWidth: 0, labelHeight: 0 },
    ]);
    expect(() => layoutFlow(nodes, edges)).toThrow(new RegExp(`more than the ${MAX_BEND_POINTS}`));
  });

  it('graph --format svg on a plan past the limit exits 2 with file:line and the limit, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graph-limit-'));
    writeFileSync(join(dir, 'big.xml'), siblings(MAX_DRAWN_STEPS + 1).replace('<dialplan>', '<dialplan>\n'));
    let out = '';
    let err = '';
    const code = await main(['graph', 'big.xml', '--format', 'svg'], { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: dir, env: {} });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^big\.xml:2: dialplan graph: the plan has 20003 steps; an SVG or HTML drawing holds at most 20000/);
    expect(err).not.toMatch(/\n\s+at /);
  }, 60_000);
});
