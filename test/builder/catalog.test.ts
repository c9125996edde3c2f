import { describe, expect, it } from 'vitest';
import type { ElementNode } from '../../src/ast/nodes.js';
import { AmdBuilder, BlockBuilder, DialplanBuilder, dialplan, MenuBuilder, type AttributeSpec, type TagName } from '../../src/index.js';
import { ACTION_TAGS, CATALOG, TAG_NAMES } from '../../src/entries/catalog.js';

/** The tag methods a builder class offers. */
function tagMethods(proto: object): string[] {
  const names = new Set<string>();
  for (let p: object | null = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) if ((TAG_NAMES as string[]).includes(n)) names.add(n);
  }
  return [...names].sort();
}

describe('the builder follows the catalog', () => {
  it('each builder offers exactly the children its tag may hold', () => {
    const sorted = (xs: readonly string[]) => [...xs].sort();
    expect(tagMethods(DialplanBuilder.prototype)).toEqual(sorted(CATALOG.dialplan.children));
    expect(tagMethods(BlockBuilder.prototype)).toEqual(sorted(ACTION_TAGS));
    expect(tagMethods(MenuBuilder.prototype)).toEqual(sorted(CATALOG.menu.children));
    expect(tagMethods(AmdBuilder.prototype)).toEqual(sorted(CATALOG.amd.children));
  });

  it('every tag of the catalog can be built', () => {
    const built = new Set<string>(['dialplan', 'else', ...tagMethods(MenuBuilder.prototype), ...tagMethods(AmdBuilder.prototype)]);
    expect([...built].sort()).toEqual([...TAG_NAMES].sort());
  });

  function sample(spec: AttributeSpec): unknown {
    switch (spec.type) {
      case 'enum':
        return spec.values!.find((v) => !(spec.legacyValues ?? []).includes(v));
      case 'boolean':
        return true;
      case 'integer':
        return 7;
      case 'keypattern':
        return '1';
      case 'url':
        return 'https://example.com/x';
      case 'phone':
        return '2135551234';
      case 'varname':
        return 'v1';
      default:
        return 'n1';
    }
  }

  /** Builds `tag` with every attribute set, through its method, and returns the element. */
  function buildWithAll(tag: TagName): ElementNode {
    const o: Record<string, unknown> = {};
    for (const [a, s] of Object.entries(CATALOG[tag].attributes) as [string, AttributeSpec][]) o[s.key ?? a] = sample(s);
    const { pressed, varname, expr, var: value, to, ...rest } = o;
    // biome-ignore-start lint/suspicious/noExplicitAny: any method with any options, as a caller without types would
    const b: any = dialplan();
    const block = (x: unknown) => x;
    const first = (p: { toAst(): { root: { children: readonly unknown[] } } }) => p.toAst().root.children[0] as ElementNode;
    switch (tag) {
      case 'dialplan':
        return (dialplan as (x: unknown) => DialplanBuilder)(o).toAst().root;
      case 'keypress':
        return (first(b.menu((m: any) => m.keypress(pressed, rest, block))).children[0]) as ElementNode;
      case 'live':
      case 'machine':
        return (first(b.amd((a: any) => (tag === 'live' ? a.live(block, o).machine(block) : a.live(block).machine(block, o)))).children[tag === 'live' ? 0 : 1]) as ElementNode;
      case 'else':
        return first(b.if('1', block, block, { else: o })).children[0] as ElementNode;
      case 'menu':
        return first(b.menu(o, block));
      case 'amd':
        return first(b.amd((a: any) => a.live(block).machine(block), o));
      // biome-ignore-end lint/suspicious/noExplicitAny: end of the untyped builder
      case 'play':
        return first(b.play('Hello', o));
      case 'setvar':
      case 'stash':
        return first(b[tag](varname, 'x', rest));
      case 'if':
        return first(b.if(expr, block, undefined, rest));
      case 'equal':
      case 'notEqual':
        return first(b[tag](value, expr, block, rest));
      case 'catch':
        return first(b.catch(o, block));
      case 'sms':
      case 'gtalk':
      case 'text':
        return first(b[tag](to, 'message', rest));
      case 'wait':
        return first(b.wait(3, o));
      case 'transfer':
      case 'dnc':
        return first(b[tag]('2135551234', o));
      case 'goto':
        return first(b.goto('target', o));
      case 'get':
      case 'post':
      case 'gotoXML':
        return first(b[tag]('https://example.com/', o));
      case 'dtmf':
        return first(b.dtmf('12#', o));
      case 'hangup':
      case 'record':
      case 'analytics':
        return first(b[tag](o));
    }
  }

  // The order they are written in is not compared with the catalog's here: the builder takes it
  // from the catalog, so that comparison could not fail (methods.test.ts and golden.test.ts
  // hold the written order against XML spelled out by hand).
  it.each(TAG_NAMES)('<%s>: every attribute is an option, written under its XML name', (tag) => {
    const node = buildWithAll(tag);
    expect(node.kind).toBe(tag);
    expect(Object.keys(node.attributes).sort()).toEqual(Object.keys(CATALOG[tag].attributes).sort());
  });
});
