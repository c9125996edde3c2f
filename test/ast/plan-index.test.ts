import { describe, expect, it } from 'vitest';
import { elementName, type AnyElement, type DocumentNode } from '../../src/ast/nodes.js';
import { EXIT } from '../../src/ast/flow.js';
import { indexPlan } from '../../src/ast/plan-index.js';
import { walk } from '../../src/ast/visit.js';
import { parsedDocument } from '../util.js';

describe('indexPlan', () => {
  it('gives every tag its position among its element siblings, skipping text and comments', () => {
    const doc = parsedDocument(
      '<dialplan><play name="a" type="tts">a</play><!-- c --> text <menu name="m"><play name="p" type="tts">p</play><keypress pressed="1"><hangup name="h"/></keypress></menu><hangup name="z"/></dialplan>',
    );
    const { placement, byName } = indexPlan(doc);
    const at = (name: string) => placement.get(byName.get(name)!)!;
    expect([at('a').index, at('m').index, at('z').index]).toEqual([0, 1, 2]);
    expect(at('p').index).toBe(0);
    expect(elementName(at('h').parent!)).toBe('keypress');
    for (const [node, place] of placement) expect(place.siblings[place.index]).toBe(node);
  });

  it('indexes thousands of siblings under one parent', () => {
    const plays = Array.from({ length: 5000 }, (_, i) => `<play name="p${i}" type="tts">x</play>`).join('');
    const { placement, byName } = indexPlan(parsedDocument(`<dialplan>${plays}</dialplan>`));
    expect(placement.get(byName.get('p4999')!)).toMatchObject({ index: 4999, path: '/dialplan/play[5000]' });
  });
});

describe('the one index of a document', () => {
  const xml =
    '<dialplan><setvar varname="n">0</setvar><foo name="x"/><menu name="m"><play type="tts">p</play><keypress pressed="1"><goto> m </goto></keypress>' +
    '<keypress pressed="2"><stash varname="s">1</stash><hangup/></keypress></menu><setvar varname="c${n}">1</setvar><catch type="hangup" goto=" x "/></dialplan>';

  it('is built once per document and numbers the tags in document order', () => {
    const doc = parsedDocument(xml);
    const index = indexPlan(doc);
    expect(indexPlan(doc)).toBe(index);
    expect(index.all.map(elementName)).toEqual(['dialplan', 'setvar', 'foo', 'menu', 'play', 'keypress', 'goto', 'keypress', 'stash', 'hangup', 'setvar', 'catch']);
    expect(index.all.map((node) => index.numberOf(node))).toEqual(index.all.map((_, k) => k));
    // unknown tags are elements but not known tags
    expect(index.elements).toHaveLength(index.all.length - 1);
  });

  it('numbers parsed tags moved into another document by their place there, not their place where they were parsed', () => {
    const parsed = parsedDocument(xml);
    const menu = parsed.root.children.find((c) => c.kind === 'menu')!;
    // a new document over parsed nodes: the menu is element 1 here, 3 in the parsed text
    const moved: DocumentNode = { kind: '#document', root: { kind: 'dialplan', attributes: {}, children: [menu] }, prolog: [], epilog: [] };
    const index = indexPlan(moved);
    expect(index.all.map(elementName)).toEqual(['dialplan', 'menu', 'play', 'keypress', 'goto', 'keypress', 'stash', 'hangup']);
    expect(index.all.map((node) => index.numberOf(node))).toEqual(index.all.map((_, k) => k));
    expect(index.pathOf(index.all[4]!)).toBe('/dialplan/menu[1]/keypress[1]/goto[1]');
    expect(index.parentOf(index.all[4]!)).toBe(index.all[3]);
    // the tags of the parsed document that are not in this one
    expect(index.numberOf(parsed.root.children[0] as AnyElement)).toBe(-1);
    expect(index.numberOf(parsed.root)).toBe(-1);
    // and the parsed document's own index still numbers them where they were parsed
    expect(indexPlan(parsed).numberOf(menu as AnyElement)).toBe(3);
  });

  it('gives each tag its parent and the path walk() gives it', () => {
    const doc = parsedDocument(xml);
    const index = indexPlan(doc);
    for (const v of walk(doc)) {
      expect(index.parentOf(v.node)).toBe(v.parent);
      expect(index.pathOf(v.node)).toBe(v.path);
      expect(index.placement.get(v.node)?.path).toBe(v.path);
    }
    expect(index.pathOf(parsedDocument(xml).root)).toBe('/');
  });

  it('lists tags by name (unknown ones too), goto targets trimmed, and the variables', () => {
    const index = indexPlan(parsedDocument(xml));
    expect([...index.names.keys()]).toEqual(['x', 'm']);
    // byName is the simulator's: known tags only
    expect([...index.byName.keys()]).toEqual(['m']);
    expect([...index.gotoTargets]).toEqual(['m', 'x']);
    expect([...index.variablesSet.keys()]).toEqual(['n']);
    expect(index.dynamicVariableNames).toEqual(['c${n}']);
    expect([...index.stashed.keys()]).toEqual(['s']);
    expect(index.ofTag('keypress').map((k) => k.attributes['pressed'])).toEqual(['1', '2']);
    expect(index.ofTag('nothing')).toEqual([]);
  });

  it('numbers the flow graph: the same successors as the graph, over element numbers', () => {
    const doc = parsedDocument(xml);
    const index = indexPlan(doc);
    const flow = index.numberedFlow;
    expect(flow.node(flow.exit)).toBe(EXIT);
    for (let i = 0; i < flow.size; i++) {
      const numbered = Array.from(flow.to.subarray(flow.first[i]!, flow.first[i + 1]!), (j) => flow.node(j));
      expect(numbered).toEqual(index.flow.successors(flow.node(i)));
    }
    // the menu's input is numbered after EXIT
    expect(flow.size).toBe(index.all.length + 2);
  });
});
