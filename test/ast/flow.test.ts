import { describe, expect, it } from 'vitest';
import { EXIT, FlowGraph, type FlowNode } from '../../src/ast/flow.js';
import { elementName, textOf, type AnyElement } from '../../src/ast/nodes.js';
import { walk } from '../../src/ast/visit.js';
import { parse } from '../../src/parse/parse.js';

/** The execution graph of a plan, and its tags by name (or tag name when unnamed). */
function graphOf(xml: string) {
  const doc = parse(xml).document!;
  const parents = new Map<AnyElement, AnyElement>();
  const byName = new Map<string, AnyElement>();
  for (const v of walk(doc)) {
    const up = v.parent;
    if (up) parents.set(v.node, up);
    byName.set(v.node.attributes['name'] ?? elementName(v.node), v.node);
  }
  const graph = new FlowGraph({
    parentOf: (n) => parents.get(n),
    target: (name) => [...byName.values()].find((n) => n.attributes['name'] === name),
    attr: (n, a) => n.attributes[a],
    text: (n) => textOf(n),
  });
  const label = (n: FlowNode) => (n === EXIT ? 'EXIT' : 'input' in n ? `input of ${n.input.attributes['name']}` : (n.attributes['name'] ?? elementName(n)));
  const steps = (name: string) => graph.steps(byName.get(name)!).map((s) => `${s.label ? `${s.label}: ` : ''}${label(s.to)}`);
  return { graph, steps, label, byName };
}

describe('the execution graph', () => {
  it('ends a finished live branch after the amd, never in machine', () => {
    const { steps } = graphOf('<dialplan><amd><live><play name="hi" type="tts">hi</play></live><machine><hangup/></machine></amd><hangup name="bye"/></dialplan>');
    expect(steps('hi')).toEqual(['bye']);
    expect(steps('amd')).toEqual(['live: hi', 'machine: hangup']);
  });

  it('continues after an unanswered transfer, and after an answered one only with continue-after', () => {
    const { steps } = graphOf('<dialplan><transfer name="t1">12135551234</transfer><transfer name="t2" continue-after="true">12135551234</transfer><hangup name="bye"/></dialplan>');
    expect(steps('t1')).toEqual(['answered: EXIT', 'no answer: t2']);
    expect(steps('t2')).toEqual(['answered: bye', 'no answer: bye']);
  });

  it('plays a menu\'s prompts, waits for input, and falls through on what no keypress takes', () => {
    const { graph, steps, label, byName } = graphOf(`<dialplan>
      <menu name="m"><play name="p" type="tts">q</play><keypress pressed="1"><hangup name="h"/></keypress><keypress pressed="default"><goto name="g">m</goto></keypress></menu>
      <hangup name="bye"/></dialplan>`);
    expect(steps('m')).toEqual(['p']);
    expect(steps('p')).toEqual(['input of m']);
    const input = graph.successors(byName.get('p')!)[0]!;
    expect(graph.steps(input).map((s) => `${s.label}: ${label(s.to)}`)).toEqual(['pressed 1: h', 'pressed default: g', 'timeout: bye']);
    expect(steps('g')).toEqual(['m']);
    expect(graph.steps(byName.get('g')!)[0]!.kind).toBe('jump');
  });
});
