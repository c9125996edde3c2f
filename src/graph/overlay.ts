/**
 * Overlays: a call flow with marks on its steps and edges, from lint findings, from the
 * coverage of simulated calls, or from a diff against an older plan. Every writer (Mermaid,
 * DOT, SVG, HTML) draws the same marks.
 *
 * @module
 */
import type { DocumentNode } from '../ast/nodes.js';
import { indexPlan } from '../ast/plan-index.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import type { SimulationResult } from '../simulate/types.js';
import type { CallFlow, CallFlowEdge, CallFlowNode, Mark } from './flow.js';

/** The drawn step a path belongs to: the step itself or its nearest drawn ancestor. */
export function stepAt(flow: CallFlow, path: string): CallFlowNode | undefined {
  const byPath = new Map(flow.nodes.filter((n) => n.kind !== 'end').map((n) => [n.path, n]));
  let p = path;
  while (p) {
    const hit = byPath.get(p);
    if (hit) return hit;
    const cut = p.lastIndexOf('/');
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return undefined;
}

/** A copy of the flow with marks added (keyed by node id and by edge index). */
export function withMarks(flow: CallFlow, nodeMarks: ReadonlyMap<string, readonly Mark[]>, edgeMarks: ReadonlyMap<number, readonly Mark[]> = new Map()): CallFlow {
  return {
    nodes: flow.nodes.map((n) => (nodeMarks.has(n.id) ? { ...n, marks: [...(n.marks ?? []), ...nodeMarks.get(n.id)!] } : n)),
    edges: flow.edges.map((e, i) => (edgeMarks.has(i) ? { ...e, marks: [...(e.marks ?? []), ...edgeMarks.get(i)!] } : e)),
  };
}

const push = <K>(map: Map<K, Mark[]>, key: K, mark: Mark) => {
  const list = map.get(key) ?? [];
  list.push(mark);
  map.set(key, list);
};

/**
 * Marks the steps lint found something on: the severity as the mark, `line N: message (rule)`
 * as its note. A finding on a tag that is not a step of its own (a goto, a keypress) marks the
 * step it belongs to; a finding on the whole plan marks the start.
 *
 * @example
 * ```ts
 * const flow = lintOverlay(callFlow(doc), lint(doc).diagnostics);
 * writeFileSync('plan.html', toHtml(doc, { flow }));
 * ```
 */
export function lintOverlay(flow: CallFlow, diagnostics: readonly Diagnostic[]): CallFlow {
  const marks = new Map<string, Mark[]>();
  for (const d of diagnostics) {
    const node = stepAt(flow, d.path) ?? flow.nodes[0];
    if (!node) continue;
    const kind = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info';
    push(marks, node.id, { kind, note: `${d.line === undefined ? '' : `line ${d.line}: `}${d.message} (${d.rule})` });
  }
  return withMarks(flow, marks);
}

/** The coverage id (as simulation results list them in `branches`) an edge of a decision stands for. */
function branchId(source: CallFlowNode, edge: CallFlowEdge, keypressPaths: ReadonlyMap<string, string>): string | undefined {
  switch (source.kind) {
    case 'menu':
      return edge.label.startsWith('pressed ') ? keypressPaths.get(`${source.path}\u0000${edge.label.slice('pressed '.length)}`) : undefined;
    case 'if':
      return edge.label === 'true' ? `${source.path}#then` : edge.label === 'false' ? `${source.path}#else` : undefined;
    case 'equal':
    case 'notEqual':
      return edge.label === 'matches' ? `${source.path}#true` : edge.label === 'otherwise' ? `${source.path}#false` : undefined;
    case 'amd':
      return edge.label === 'live' || edge.label === 'machine' ? `${source.path}#${edge.label}` : undefined;
    default:
      return undefined;
  }
}

/**
 * Marks what simulated calls reached (`reached`, with how many calls) and what none did
 * (`missed`): steps by the tags the calls ran, a decision's edges by the branches they took,
 * other edges when the calls ran both their ends.
 *
 * @param doc the plan the flow was drawn from: it tells a menu's keypress edges apart (without
 *   it they count as taken when the calls ran both their ends).
 *
 * @example
 * ```ts
 * const results = [await simulate(doc, { keys: ['1'] }), await simulate(doc, { keys: ['2'] })];
 * writeFileSync('coverage.html', toHtml(doc, { flow: coverageOverlay(callFlow(doc), results, doc) }));
 * ```
 */
export function coverageOverlay(flow: CallFlow, results: readonly SimulationResult[], doc?: DocumentNode): CallFlow {
  const keypresses = doc ? keypressesOf(doc) : [];
  const reached = new Map<string, number>();
  const taken = new Map<string, number>();
  for (const r of results) {
    for (const p of new Set(r.reached)) reached.set(p, (reached.get(p) ?? 0) + 1);
    for (const b of new Set(r.branches)) taken.set(b, (taken.get(b) ?? 0) + 1);
  }
  const of = (k: number) => `reached by ${k} of ${results.length} call${results.length === 1 ? '' : 's'}`;
  const keyPaths = new Map<string, string>();
  for (const k of keypresses) if (!keyPaths.has(`${k.menu}\u0000${k.pressed}`)) keyPaths.set(`${k.menu}\u0000${k.pressed}`, k.path);
  const nodeMarks = new Map<string, Mark[]>();
  const hits = new Map<string, number>();
  for (const n of flow.nodes) {
    const k = n.kind === 'start' ? results.length : n.kind === 'end' ? 0 : (reached.get(n.path) ?? 0);
    hits.set(n.id, k);
  }
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const edgeMarks = new Map<number, Mark[]>();
  flow.edges.forEach((e, i) => {
    const source = byId.get(e.from)!;
    const id = branchId(source, e, keyPaths);
    const k = id !== undefined ? (taken.get(id) ?? 0) : Math.min(hits.get(e.from) ?? 0, e.to === 'end' ? (hits.get(e.from) ?? 0) : (hits.get(e.to) ?? 0));
    push(edgeMarks, i, k > 0 ? { kind: 'reached', note: of(k) } : { kind: 'missed', note: 'no call took this way' });
    if (e.to === 'end' && k > 0) hits.set('end', Math.max(hits.get('end') ?? 0, k));
  });
  for (const n of flow.nodes) {
    const k = hits.get(n.id) ?? 0;
    push(nodeMarks, n.id, k > 0 ? { kind: 'reached', note: n.kind === 'end' ? 'some calls end here' : of(k) } : { kind: 'missed', note: 'no call reached this step' });
  }
  return withMarks(flow, nodeMarks, edgeMarks);
}

/** Each keypress of a plan with its menu's path and its `pressed` value. */
function keypressesOf(doc: DocumentNode): Array<{ menu: string; pressed: string; path: string }> {
  const index = indexPlan(doc);
  return index.ofTag('keypress').flatMap((el) => {
    const menu = index.parentOf(el);
    return menu?.kind === 'menu' ? [{ menu: index.pathOf(menu), pressed: el.attributes['pressed'] ?? '', path: index.pathOf(el) }] : [];
  });
}
