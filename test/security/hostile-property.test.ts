/**
 * Issue 15, "Tests": random hostile plans (depth, width, references, line terminators,
 * entity-like text, mixed) fed to validate, lint, simulate, the diagrams and convert. Each
 * answers with a result or a located error: nothing throws anything but the documented
 * errors (which say where), nothing overflows the stack or stalls the run (the test's own
 * timeout is the bound; no timing assertion).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/parse.js';
import { lint } from '../../src/validate/lint/lint.js';
import { validate } from '../../src/validate/validate.js';
import { simulate } from '../../src/simulate/simulate.js';
import { toDot, toMermaid } from '../../src/graph/index.js';
import { ConversionError, toTypeScript } from '../../src/codegen/typescript.js';
import { LIMITS } from '../../src/validate/limits.js';
import { SHAPES, type ShapeName } from './hostile-shapes.js';

/** Text that looks like markup, entities, references or line ends, to put inside a plan. */
const hostileText = fc.array(
  fc.constantFrom('&amp;', '&#233;', '&#x1F600;', '&lt;x&gt;', '${', '}', '${a}', '${a${b}}', '\u2028', '\u2029', '\r\n', '\r', '\u0085', '*/', '`', "'", '"', '</script>', 'x'),
  { maxLength: 30 },
).map((parts) => parts.join('').replace(/"/g, '&quot;'));

const shapeNames = Object.keys(SHAPES) as ShapeName[];

/** A plan: one of the shapes at a random size (sometimes over a limit), with hostile text inside. */
const hostilePlan = fc
  .record({ shape: fc.constantFrom(...shapeNames), size: fc.oneof(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 900, max: 2_500 })), text: hostileText })
  .map(({ shape, size, text }) => SHAPES[shape](size).replace('<dialplan name="Root">', `<dialplan name="Root"><play type="tts">${text}</play><!-- ${text.replace(/-/g, '')} -->`));

/** A located error: a message, and a line or a path to point at. */
function expectLocated(d: { message: string; line?: number; path?: string }) {
  expect(d.message.length).toBeGreaterThan(0);
  expect(d.line !== undefined || d.path?.startsWith('/') === true).toBe(true);
}

describe('hostile plans: every pass answers with a result or a located error', () => {
  it('validate, lint, simulate, diagrams and convert', async () => {
    await fc.assert(
      fc.asyncProperty(hostilePlan, async (xml) => {
        const parsed = parse(xml);
        for (const d of parsed.diagnostics) expectLocated(d);
        for (const r of [validate(xml), lint(xml)]) {
          expect(r.ok).toBe(r.diagnostics.every((d) => d.severity !== 'error'));
          for (const d of r.diagnostics) expectLocated(d);
          // the report is bounded whatever the plan: so many findings, each of a bounded size
          // (values quoted at most LIMITS.excerpt long, paths at most LIMITS.depth steps)
          expect(r.diagnostics.length).toBeLessThanOrEqual(LIMITS.diagnostics + 1);
          // (a fix writes text from the plan itself, exactly, so it is bounded by the plan instead)
          for (const { fix, ...d } of r.diagnostics) {
            expect(JSON.stringify(d).length).toBeLessThan(5_000);
            if (fix) expect(JSON.stringify(fix).length).toBeLessThan(xml.length + 1_000);
          }
        }
        const sim = await simulate(xml, {}, {});
        expect(sim.ended).toBeDefined();
        if (sim.error) expect(sim.error.message.length).toBeGreaterThan(0);
        if (!parsed.document) return;
        for (const draw of [() => toMermaid(parsed.document!), () => toDot(parsed.document!)]) {
          try {
            expect(draw().length).toBeGreaterThan(0);
          } catch (e) {
            // a diagram too big to draw is refused with a message, never a stack overflow
            expect(e).toBeInstanceOf(Error);
            expect((e as Error).name).not.toBe('RangeError');
            expect((e as Error).message).not.toMatch(/call stack|Invalid string length/);
          }
        }
        try {
          expect(toTypeScript(parsed.document).code.length).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(ConversionError);
          expectLocated({ message: (e as ConversionError).message, path: (e as ConversionError).path });
        }
      }),
      { numRuns: 40 },
    );
  }, 600_000);
});
