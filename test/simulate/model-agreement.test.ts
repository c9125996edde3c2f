import { describe, expect, it } from 'vitest';
import { EXIT, FlowGraph, type FlowNode } from '../../src/ast/flow.js';
import { textOf, type AnyElement } from '../../src/ast/nodes.js';
import { walk } from '../../src/ast/visit.js';
import { parse } from '../../src/parse/parse.js';
import { simulate } from '../../src/simulate/simulate.js';
import type { Script, SimulationEvent } from '../../src/simulate/types.js';
import { corpusFiles as files, corpusPresent, readCorpus } from '../util.js';

/**
 * The simulator executes the plan; ast/flow.ts describes the same execution model statically
 * for lint and the diagrams. They must agree: nothing the simulator runs may be unreachable in
 * the static graph, whatever the caller does.
 */
function model(xml: string) {
  const doc = parse(xml).document!;
  const parents = new Map<AnyElement, AnyElement>();
  const paths = new Map<AnyElement, string>();
  const named = new Map<string, AnyElement>();
  for (const v of walk(doc)) {
    paths.set(v.node, v.path);
    const up = v.parent;
    if (up) parents.set(v.node, up);
    const name = v.node.attributes['name'];
    if (name !== undefined && !named.has(name)) named.set(name, v.node);
  }
  const graph = new FlowGraph({ parentOf: (n) => parents.get(n), target: (n) => named.get(n), attr: (n, a) => n.attributes[a], text: textOf });
  const byPath = new Map([...paths].map(([el, path]) => [path, el]));
  return { doc, graph, parents, paths, byPath };
}

function staticallyReachable(xml: string): Set<string> {
  const { doc, graph, parents, paths } = model(xml);
  const seen = new Set<FlowNode>([doc.root]);
  const queue: FlowNode[] = [doc.root];
  while (queue.length > 0) {
    for (const next of graph.successors(queue.pop()!)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  // containers (keypress, live, else…) are entered through their children
  const out = new Set<string>();
  for (const n of seen) {
    if (n === EXIT) continue;
    for (let el: AnyElement | undefined = ('input' in n ? n.input : n); el; el = parents.get(el)) out.add(paths.get(el)!);
  }
  return out;
}

const scripts: Script[] = [
  {},
  { answer: 'machine' },
  { keys: ['1', '1', '1'] },
  { keys: ['2', '2', '2'] },
  { keys: ['3', '9', '0', '1'] },
  { keys: ['timeout', 'timeout', 'timeout', 'timeout'] },
  { keys: ['12345#', '3', '1'], transfer: 'no-answer' },
  { keys: ['1', 'hangup'], transfer: 'busy' },
];

/** Tags that run without an event of their own: entering them only leads into their children. */
const SILENT = new Set(['dialplan', 'menu', 'keypress', 'live', 'machine', 'else', 'catch']);
/** Events that describe a step already reported, not a new one. */
const META = new Set(['keypress', 'no-match', 'caller-hangup', 'error']);

/**
 * Each step of a simulated call must follow the one before it along the static graph, passing
 * only through tags that emit no event; after a caught hang-up, from the catch tag itself.
 */
function unexplainedSteps(xml: string, events: readonly SimulationEvent[]): string[] {
  const { graph, byPath } = model(xml);
  const nodeOf = (e: SimulationEvent): FlowNode | undefined => {
    const el = byPath.get(e.path);
    if (!el) return undefined;
    return e.type === 'input' ? graph.inputOf(el) : el;
  };
  const follows = (from: FlowNode, to: FlowNode): boolean => {
    const seen = new Set<FlowNode>();
    const queue = [...graph.successors(from)];
    while (queue.length > 0) {
      const n = queue.shift()!;
      if (n === to) return true;
      if (seen.has(n) || n === EXIT || 'input' in n || !SILENT.has(n.kind === '#unknown' ? '' : n.kind)) continue;
      seen.add(n);
      queue.push(...graph.successors(n));
    }
    return false;
  };
  const out: string[] = [];
  let previous: FlowNode | undefined;
  for (const e of events) {
    if (META.has(e.type)) continue;
    const node = nodeOf(e);
    if (!node) {
      out.push(`no tag at ${e.path} for a ${e.type} event`);
      continue;
    }
    if (previous && e.type !== 'catch' && !follows(previous, node)) out.push(`${describeNode(previous)} -> ${e.type} at ${e.path}`);
    // a caught hang-up is reported at the catch tag, whose event edge leads to the target
    previous = node;
  }
  return out;
}

const describeNode = (n: FlowNode) => (n === EXIT ? 'end' : 'input' in n ? `input of ${n.input.kind}` : n.kind);

describe.skipIf(!corpusPresent)('the simulator and the static execution graph agree on the real dialplans', () => {
  it.each(files)('%s: every tag the simulator runs is reachable in the graph', async (file) => {
    const xml = readCorpus(file);
    const reachable = staticallyReachable(xml);
    for (const script of scripts) {
      const r = await simulate(xml, script);
      const unexplained = r.reached.filter((p) => !reachable.has(p));
      expect(unexplained, `${file} with ${JSON.stringify(script)}`).toEqual([]);
      expect(unexplainedSteps(xml, r.events), `${file} with ${JSON.stringify(script)}`).toEqual([]);
    }
  });
});

describe('the agreement checks can fail', () => {
  it('reachability: a tag after a hangup is unreachable for both', async () => {
    const xml = '<dialplan><hangup/><play type="tts">never</play></dialplan>';
    expect(staticallyReachable(xml).has('/dialplan/play[1]')).toBe(false);
    expect((await simulate(xml, {})).reached).not.toContain('/dialplan/play[1]');
  });

  it('steps: a trace that skips a hangup is refused, the real one is not', async () => {
    const xml = '<dialplan><play type="tts">a</play><if expr="1 == 2"><hangup/></if><play type="tts">b</play></dialplan>';
    const real = await simulate(xml, {});
    expect(real.events.map((e) => e.type)).toEqual(['play', 'if', 'play']);
    expect(unexplainedSteps(xml, real.events)).toEqual([]);
    const play = (path: string): SimulationEvent => ({ type: 'play', path, playType: 'tts', text: 'x' });
    expect(unexplainedSteps(xml, [play('/dialplan/play[2]'), play('/dialplan/play[1]')])).toEqual(['play -> play at /dialplan/play[1]']);
    expect(unexplainedSteps(xml, [play('/dialplan/play[1]'), play('/dialplan/play[2]')])).toEqual(['play -> play at /dialplan/play[2]']);
  });

  it('misplaced branch children: the simulator skips them, as the graph does', async () => {
    const cases = [
      ['<dialplan><play type="tts">a</play><keypress pressed="1"><play type="tts">stray</play></keypress><play type="tts">b</play></dialplan>', '/dialplan/keypress[1]'],
      ['<dialplan><menu><play type="tts">a</play><else><play type="tts">stray</play></else></menu><play type="tts">b</play></dialplan>', '/dialplan/menu[1]/else[1]'],
    ] as const;
    for (const [xml, stray] of cases) {
      const r = await simulate(xml, { keys: ['timeout'] });
      expect(staticallyReachable(xml).has(stray), xml).toBe(false);
      expect(r.reached, xml).not.toContain(stray);
      expect(r.events.filter((e) => e.type === 'play').map((e) => (e as { text: string }).text), xml).toEqual(['a', 'b']);
      expect(unexplainedSteps(xml, r.events), xml).toEqual([]);
    }
  });
});
