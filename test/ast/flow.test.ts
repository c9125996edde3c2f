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

  it('labels every kind of step, and eachSuccessor hands over the same targets without them', () => {
    const { graph, byName, label } = graphOf(`<dialplan>
      <menu name="m1"><keypress pressed="1"><hangup name="h1"/></keypress></menu>
      <menu name="m2"><keypress pressed="timeout"><hangup name="h2"/></keypress><keypress><hangup name="h3"/></keypress></menu>
      <menu name="m3"><keypress pressed=" Default "><hangup name="h4"/></keypress><keypress pressed="Timeout"><hangup name="h5"/></keypress></menu>
      <if name="i" expr="1"><play name="p1" type="tts">a</play><else><play name="p2" type="tts">b</play></else></if>
      <equal name="e" var="x" value="1"><play name="p3" type="tts">c</play></equal>
      <catch name="c1" type="dtmf" goto="m1"><play name="p4" type="tts">d</play></catch>
      <catch name="c2" goto="m2"/>
      <gotoXML name="gx">u</gotoXML>
      </dialplan>`);
    const described = (n: FlowNode) => graph.steps(n).map((s) => `${s.kind} ${s.label}: ${label(s.to)}`);
    const inputOf = (menu: string) => graph.inputOf(byName.get(menu)!);
    expect(described(inputOf('m1'))).toEqual(['branch pressed 1: h1', 'branch no match / timeout: m2']);
    expect(described(inputOf('m2'))).toEqual(['branch pressed timeout: h2', 'branch pressed ?: h3', 'branch no match: m3']);
    expect(described(inputOf('m3'))).toEqual(['branch pressed  Default : h4', 'branch pressed Timeout: h5']);
    expect(described(byName.get('i')!)).toEqual(['branch true: p1', 'branch false: p2']);
    expect(described(byName.get('e')!)).toEqual(['branch matches: p3', 'branch otherwise: c1']);
    expect(described(byName.get('c1')!)).toEqual(['next : p4', 'event on dtmf: m1']);
    expect(described(byName.get('c2')!)).toEqual(['next : gx', 'event on event: m2']);
    expect(described(byName.get('gx')!)).toEqual(['next continues in another document: EXIT']);
    const nodes: FlowNode[] = [...byName.values(), inputOf('m1'), inputOf('m2'), inputOf('m3'), EXIT];
    for (const n of nodes) {
      const handed: FlowNode[] = [];
      graph.eachSuccessor(n, (to) => handed.push(to));
      const steps = graph.steps(n);
      expect(handed).toHaveLength(steps.length);
      for (let i = 0; i < steps.length; i++) expect(handed[i]).toBe(steps[i]!.to);
    }
  });
});
