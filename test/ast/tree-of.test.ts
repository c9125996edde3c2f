/**
 * treeOf's TypeError for the slip of passing parse()'s whole result where a plan goes: it says
 * so and points at `.document`, instead of "an object without toAst()" (found outside in:
 * `compile(parse(xml))` from the README's table, where parse gives "the syntax tree").
 */
import { describe, expect, it } from 'vitest';
import { treeOf, type PlanSource } from '../../src/ast/nodes.js';
import { compile, lint, parse } from '../../src/index.js';
import { toMermaid } from '../../src/entries/graph.js';

const xml = '<dialplan name="Root"><hangup/></dialplan>';

describe('a parse() result given where a plan goes', () => {
  it('is refused with a TypeError that names it and its .document', () => {
    const parsed = parse(xml) as unknown as PlanSource;
    const said = "takes a plan built with the DSL, a syntax tree, or XML text; got parse()'s result, whose .document is the tree";
    expect(() => compile(parsed)).toThrow(new TypeError(`compile() ${said}`));
    expect(() => toMermaid(parsed)).toThrow(new TypeError(`toMermaid() ${said}`));
    expect(() => lint(parsed)).toThrow(said);
  });

  it('while its .document is taken, and other objects are still described as before', () => {
    const doc = parse(xml).document!;
    expect(treeOf(doc)).toBe(doc);
    expect(compile(doc, { pretty: false })).toBe(xml);
    expect(() => treeOf({ document: 'x', diagnostics: [] } as never, 'f()')).toThrow('got an object without toAst()');
    expect(() => treeOf({ diagnostics: [] } as never, 'f()')).toThrow('got an object without toAst()');
  });
});
