/**
 * Issue 15, items 6 and 7, for parse, validate and lint: each hostile shape at a size where a
 * recursive pass overflows or a quadratic one stalls (20,000 elements and more). Every pass
 * completes with a result or with one located error naming the limit; reports stay near the
 * size of their plan. No timings: what would fail is the heap, the stack or the test's own
 * timeout, and the shape of the answer.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentNode, ElementNode, Node } from '../../src/ast/nodes.js';
import { walk } from '../../src/ast/visit.js';
import { parse } from '../../src/parse/parse.js';
import { LIMITS, checkLimits, excerpt } from '../../src/validate/limits.js';
import { lint, lintDocument } from '../../src/validate/lint/lint.js';
import { validate } from '../../src/validate/validate.js';
import { SHAPES } from './hostile-shapes.js';

/** What every pass must say about a plan over a limit: one `xml-syntax` error with a position, naming the limit. */
function expectRefusal(diagnostics: readonly { rule: string; message: string; line?: number; column?: number }[], limit: number) {
  expect(diagnostics).toHaveLength(1);
  const [d] = diagnostics;
  expect(d).toMatchObject({ rule: 'xml-syntax', severity: 'error', line: 1 });
  expect(d!.column).toBeGreaterThan(1);
  expect(d!.message).toContain(String(limit));
  expect(d!.message).toContain('docs/limits.md');
}

const refused: Array<[string, string, number]> = [
  ['100,000 nested <if>', SHAPES.deepIf(100_000), LIMITS.depth],
  ['100,000 nested unknown tags', SHAPES.deepUnknown(100_000), LIMITS.depth],
  ['20,000 attributes on one tag', SHAPES.attributes(20_000), LIMITS.attributes],
  ['100,000 references in one text', SHAPES.references(100_000), LIMITS.references],
  ['100,000 references in one expression', SHAPES.expressionReferences(100_000), LIMITS.references],
  ['50,000 nested references', SHAPES.nestedReferences(50_000), LIMITS.referenceNesting],
  ['200,000 unterminated references', SHAPES.unterminatedReferences(200_000), LIMITS.referenceNesting],
];

describe('plans over a limit are refused early, at the place that crosses it', () => {
  it.each(refused)('%s: parse and lint refuse it', (_, xml, limit) => {
    const parsed = parse(xml);
    expect(parsed.document).toBeUndefined();
    expectRefusal(parsed.diagnostics, limit);
    expectRefusal(lint(xml).diagnostics, limit);
  });

  it('validate refuses depth and attributes before libxml2 reads the text, as parse does', () => {
    for (const xml of [SHAPES.deepIf(100_000), SHAPES.attributes(20_000)]) {
      const v = validate(xml).diagnostics;
      expectRefusal(v, xml.includes('a0=') ? LIMITS.attributes : LIMITS.depth);
      expect(v).toEqual(parse(xml).diagnostics);
    }
  });

  it('the limits are where they say: depth 100 and 100 attributes pass, one more is refused', () => {
    const nest = (n: number) => `<dialplan>${'<x>'.repeat(n - 1)}${'</x>'.repeat(n - 1)}</dialplan>`;
    expect(parse(nest(LIMITS.depth)).document).toBeDefined();
    expect(validate(nest(LIMITS.depth)).diagnostics.every((d) => d.rule === 'schema')).toBe(true);
    expect(parse(nest(LIMITS.depth + 1)).diagnostics).toMatchObject([{ rule: 'xml-syntax' }]);
    expect(validate(nest(LIMITS.depth + 1)).diagnostics).toEqual(parse(nest(LIMITS.depth + 1)).diagnostics);
    // a self-closing tag one level too deep counts, in both
    const leaf = `<dialplan>${'<x>'.repeat(LIMITS.depth - 1)}<y/>${'</x>'.repeat(LIMITS.depth - 1)}</dialplan>`;
    expect(validate(leaf).diagnostics).toEqual(parse(leaf).diagnostics);
    expect(parse(leaf).diagnostics).toHaveLength(1);

    const attrs = (n: number) => `<dialplan>${`<hangup${Array.from({ length: n }, (_, i) => ` a${i}='>'`).join('')}/>`}</dialplan>`;
    expect(parse(attrs(LIMITS.attributes)).document).toBeDefined();
    expect(parse(attrs(LIMITS.attributes + 1)).diagnostics).toMatchObject([{ rule: 'xml-syntax', column: 11 }]);
    expect(validate(attrs(LIMITS.attributes + 1)).diagnostics).toEqual(parse(attrs(LIMITS.attributes + 1)).diagnostics);
    // markup inside comments, CDATA and values is not counted
    const quiet = `<dialplan><!-- <x><x a="1"> --><play type="tts"><![CDATA[<x><x>]]></play></dialplan>`;
    expect(validate(quiet)).toEqual({ ok: true, diagnostics: [] });
  });

  it('a tree built in code is held to the same limits, without recursion', () => {
    let node: Node = { kind: 'hangup', attributes: {}, children: [] };
    for (let i = 0; i < 100_000; i++) node = { kind: 'if', attributes: { expr: '1' }, children: [node] } as ElementNode;
    const doc: DocumentNode = { kind: '#document', prolog: [], epilog: [], root: { kind: 'dialplan', attributes: {}, children: [node] } };
    const over = checkLimits(doc);
    expect(over).toMatchObject({ rule: 'xml-syntax', message: expect.stringContaining(String(LIMITS.depth)) });
    expect(over!.path.split('/')).toHaveLength(LIMITS.depth + 2);
    expect(lintDocument(doc)).toEqual([over]);
    expect(lint(doc).diagnostics).toEqual([over]);
    expect(validate(doc).diagnostics).toEqual([over]);
  });

  it('walk() gives each element its parent without copying the ancestors (a 100,000-deep tree)', () => {
    let node: Node = { kind: 'hangup', attributes: {}, children: [] };
    for (let i = 0; i < 100_000; i++) node = { kind: 'if', attributes: {}, children: [node] } as ElementNode;
    const doc: DocumentNode = { kind: '#document', prolog: [], epilog: [], root: { kind: 'dialplan', attributes: {}, children: [node] } };
    let count = 0;
    let deepest = 0;
    let orphans = 0;
    for (const v of walk(doc)) {
      count++;
      deepest = Math.max(deepest, v.depth);
      if (v.depth > 1 && v.parent === undefined) orphans++;
    }
    expect([count, deepest, orphans]).toEqual([100_002, 100_002, 0]);
  });
});

/** Lint's report of a plan in JSON, and how many times the plan's size it is. */
function reportRatio(xml: string): { diagnostics: number; ratio: number } {
  const { diagnostics } = lint(xml);
  return { diagnostics: diagnostics.length, ratio: JSON.stringify(diagnostics).length / xml.length };
}

describe('big plans within the limits finish, and their reports stay bounded', () => {
  it('20,000 siblings with schema errors on one line: every error located, the report cut at the limit', () => {
    const xml = SHAPES.wideInvalid(20_000);
    const v = validate(xml);
    expect(v.ok).toBe(false);
    expect(v.diagnostics).toHaveLength(LIMITS.diagnostics + 1);
    // located at the right sibling, in order, though all share line 1
    const firstPaths = v.diagnostics.slice(0, 6).map((d) => d.path);
    expect(firstPaths).toEqual(['/dialplan/play[1]', '/dialplan/play[1]', '/dialplan/play[2]', '/dialplan/play[2]', '/dialplan/play[3]', '/dialplan/play[3]']);
    expect(v.diagnostics.at(-1)).toMatchObject({ rule: 'input-limit', severity: 'error', data: { omitted: 40_000 - LIMITS.diagnostics, limit: LIMITS.diagnostics } });
  });

  it('20,000 stray line terminators between tags: located at each, the validation finishes', () => {
    const xml = SHAPES.lineTerminators(20_000);
    const v = validate(xml);
    expect(v.diagnostics.length).toBe(LIMITS.diagnostics + 1);
    expect(v.diagnostics.slice(0, -1).every((d) => d.rule === 'schema' && d.line !== undefined && d.path.startsWith('/dialplan'))).toBe(true);
  });

  it('a long value quoted by many findings is cut in messages and data', () => {
    const xml = SHAPES.quotedValue(20_000);
    const { diagnostics } = lint(xml);
    const gotos = diagnostics.filter((d) => d.rule === 'unknown-goto-target');
    expect(gotos).toHaveLength(20);
    for (const d of gotos) {
      expect(d.message.length).toBeLessThan(4 * LIMITS.excerpt);
      expect(String(d.data?.target)).toBe(excerpt(`${'x'.repeat(20_000)}y`));
    }
    expect(reportRatio(xml).ratio).toBeLessThan(1);
  });

  it.each([
    ['wide', SHAPES.wide(5_000)],
    ['wideInvalid', SHAPES.wideInvalid(5_000)],
    ['lineTerminators', SHAPES.lineTerminators(5_000)],
    ['entities', SHAPES.entities(5_000)],
    ['cdataRuns', SHAPES.cdataRuns(5_000)],
    ['directives', SHAPES.directives(5_000)],
    ['variables', SHAPES.variables(5_000)],
    ['duplicateNames', SHAPES.duplicateNames(5_000)],
  ])('%s at 5,000: lint finishes with a report under 10 times the plan, at most the limit of findings', (_, xml) => {
    const { ratio, diagnostics } = reportRatio(xml);
    expect(ratio).toBeLessThan(10);
    expect(diagnostics).toBeLessThanOrEqual(LIMITS.diagnostics + 1);
  });

  it('5,000 suppression directives each turn off the finding after them', () => {
    const xml = SHAPES.directives(5_000);
    expect(lint(xml).diagnostics.filter((d) => d.rule === 'unknown-goto-target')).toEqual([]);
    // without them, each goto is a finding
    const bare = lint(xml.replace(/<!-- dialplan-disable-next-line [^>]*>/g, '')).diagnostics;
    expect(bare.filter((d) => d.rule === 'unknown-goto-target').length).toBeGreaterThan(LIMITS.diagnostics / 2);
  });

  it('text split by 20,000 CDATA sections and entities reads back whole', () => {
    const doc = parse(SHAPES.cdataRuns(20_000)).document!;
    const play = doc.root.children[0] as ElementNode;
    expect(play.children).toHaveLength(1);
    expect((play.children[0] as { text: string }).text).toBe('ab'.repeat(20_000));
    const ent = parse(SHAPES.entities(20_000)).document!;
    expect(((ent.root.children[0] as ElementNode).children[0] as { text: string }).text).toBe('&é<😀'.repeat(20_000));
  });
});
