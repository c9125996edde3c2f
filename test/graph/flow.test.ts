import { describe, expect, it } from 'vitest';
import { walk } from '../../src/ast/visit.js';
import { shapeOf } from '../../src/graph/flow.js';
import { callFlow, toDot, toMermaid, toSvg } from '../../src/graph/index.js';
import { corpusFiles, corpusPresent, parsedDocument as doc, readCorpus } from '../util.js';

/** Edges as readable `from-label -label-> to-label` strings. */
function edges(xml: string): string[] {
  const g = callFlow(doc(xml));
  const label = new Map(g.nodes.map((n) => [n.id, n.label]));
  return g.edges.map((e) => `${label.get(e.from)} -${e.label}${e.style === 'goto' ? ' (goto)' : ''}-> ${label.get(e.to)}`);
}

describe('callFlow', () => {
  it('follows a menu branch back out after the menu and jumps by name', () => {
    const xml = `<dialplan>
      <menu name="main" maxDigits="1" timeout="5">
        <play type="tts">Press 1</play>
        <keypress pressed="1"><play type="tts">one</play></keypress>
        <keypress pressed="default"><goto>main</goto></keypress>
      </menu>
      <play type="tts">bye</play>
      <hangup/>
    </dialplan>`;
    expect(edges(xml)).toEqual([
      'call starts --> [main] menu: "Press 1"',
      '[main] menu: "Press 1" -pressed 1-> play: "one"',
      '[main] menu: "Press 1" -pressed default (goto)-> [main] menu: "Press 1"',
      '[main] menu: "Press 1" -timeout-> play: "bye"',
      'play: "one" --> play: "bye"',
      'play: "bye" --> hang up',
    ]);
  });

  it('adds a fall-through edge for input no keypress catches', () => {
    const menu = (keys: string) => `<dialplan><menu><play type="tts">q</play>${keys}</menu></dialplan>`;
    expect(edges(menu('<keypress pressed="1"><hangup/></keypress>'))).toContain('menu: "q" -no match / timeout-> call ends');
    expect(edges(menu('<keypress pressed="timeout"><hangup/></keypress>'))).toContain('menu: "q" -no match-> call ends');
    const both = edges(menu('<keypress pressed="Default"><hangup/></keypress><keypress pressed="timeout"><hangup/></keypress>'));
    expect(both.filter((e) => e.includes('call ends'))).toEqual([]);
  });

  it('draws amd, if/else, transfer outcomes and catch events', () => {
    const xml = `<dialplan>
      <amd><live><transfer continue-after="true">12135551234</transfer></live><machine><hangup/></machine></amd>
      <if expr="1 == 1"><play type="tts">yes</play><else><play type="tts">no</play></else></if>
      <catch type="hangup" goto="log"><wait>1</wait></catch>
      <stash name="log" varname="x">1</stash>
    </dialplan>`;
    const out = edges(xml);
    expect(out).toEqual(
      expect.arrayContaining([
        'call starts --> amd',
        'amd -live-> transfer to 12135551234',
        'amd -machine-> hang up',
        'transfer to 12135551234 -answered-> if 1 == 1',
        'transfer to 12135551234 -no answer-> if 1 == 1',
        'if 1 == 1 -true-> play: "yes"',
        'if 1 == 1 -false-> play: "no"',
        'play: "yes" --> catch hangup',
        'catch hangup --> wait 1 s',
        'catch hangup -on hangup-> [log] stash x = 1',
        'wait 1 s --> [log] stash x = 1',
      ]),
    );
  });

  it('finds a goto target by its trimmed name, as lint and the simulator do', () => {
    const xml = '<dialplan><play type="tts">hi</play><menu name=" m "><play type="tts">Press 1</play><keypress pressed="1"><hangup/></keypress></menu><goto>m</goto></dialplan>';
    const found = edges(xml);
    expect(found).toContain('[ m ] menu: "Press 1" -no match / timeout (goto)-> [ m ] menu: "Press 1"');
    expect(found.filter((e) => e.includes('(goto)-> call ends'))).toEqual([]);
  });

  it('ends the call after an answered transfer without continue-after', () => {
    expect(edges('<dialplan><transfer>12135551234</transfer><hangup/></dialplan>')).toContain('transfer to 12135551234 -answered-> call ends');
  });

  it('renders Mermaid with escaped labels and dashed jumps', () => {
    const m = toMermaid(doc('<dialplan name="R"><play name="p" type="tts">say "hi" &amp; #1</play><goto>p</goto></dialplan>'));
    expect(m).toMatch(/^flowchart TD\n/);
    expect(m).toContain('n1["[p] play: #quot;say #quot;hi#quot; & #35;1#quot;"]');
    expect(m).toContain('n1 -.-> n1');
  });

  it('renders DOT with quoted labels', () => {
    const d = toDot(doc('<dialplan name="R"><play type="tts">a "b"</play></dialplan>'));
    expect(d).toMatch(/^digraph "R" \{/);
    expect(d).toContain('n1 [label="play: \\"a \\\\\\"b\\\\\\"\\"", shape=box];'.replace(/\\\\\\/g, '\\'));
  });
});

/** The line of a Mermaid or DOT text that declares node `id` (not an edge). */
const nodeLine = (text: string, id: string) => text.split('\n').find((l) => new RegExp(`^ {2}${id}(?: \\[label|[([{])`).test(l)) ?? '';

describe('node shapes', () => {
  it('draws each step with the same shape in Mermaid, DOT and SVG, a catch as a decision', () => {
    const d = doc(`<dialplan>
      <catch type="hangup" goto="bye"><menu><play type="tts">Press 1</play><keypress pressed="1"><transfer>12135551234</transfer></keypress></menu></catch>
      <wait>1</wait>
      <hangup name="bye"/>
    </dialplan>`);
    const { nodes } = callFlow(d);
    const [mermaid, dot, svg] = [toMermaid(d), toDot(d), toSvg(d)];
    const expected = { start: 'terminal', catch: 'decision', menu: 'decision', transfer: 'transfer', wait: 'step', hangup: 'terminal', end: 'terminal' } as const;
    const mermaidBrackets = { terminal: ['([', '])'], decision: ['{', '}'], transfer: ['[/', '/]'], step: ['[', ']'] } as const;
    const dotShapes = { terminal: 'oval', decision: 'diamond', transfer: 'parallelogram', step: 'box' } as const;
    expect(nodes.map((n) => n.kind)).toEqual(Object.keys(expected));
    for (const n of nodes) {
      const shape = expected[n.kind as keyof typeof expected];
      expect(shapeOf(n), n.kind).toBe(shape);
      const [open, close] = mermaidBrackets[shape];
      const mermaidLine = nodeLine(mermaid, n.id === 'end' ? 'callEnd' : n.id); // `end` is a Mermaid keyword
      expect(mermaidLine.startsWith(`  ${n.id === 'end' ? 'callEnd' : n.id}${open}"`) && mermaidLine.endsWith(`"${close}`), mermaidLine).toBe(true);
      expect(nodeLine(dot, n.id)).toMatch(new RegExp(`, shape=${dotShapes[shape]}\\];$`));
      expect(svg).toMatch(new RegExp(`<g id="${n.id}" class="step ${shape} ${n.kind}" data-node="${n.id}" tabindex="0"><title>[^<]*</title><(rect|polygon) class="shape"`));
    }
  });
});

describe.skipIf(!corpusPresent)('callFlow over the real dialplans', () => {
  it.each(corpusFiles)('%s: every step is drawn and every edge lands on a node', (file) => {
    const d = doc(readCorpus(file));
    const g = callFlow(d);
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) {
      expect(ids.has(e.from)).toBe(true);
      expect(ids.has(e.to)).toBe(true);
    }
    const stepTags = [...walk(d)].filter(
      (v) => !['dialplan', 'goto', 'keypress', 'live', 'machine', 'else'].includes(v.node.kind) && !(v.node.kind === 'play' && v.parent?.kind === 'menu'),
    );
    expect(g.nodes.filter((n) => n.kind !== 'start' && n.kind !== 'end')).toHaveLength(stepTags.length);
  });
});
