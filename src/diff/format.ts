/**
 * A plan diff for people (text), for programs (JSON) and for pull requests (the new flow as a
 * Mermaid chart with the changes coloured, or any diagram format through {@link diffOverlay}).
 *
 * @module
 */
import type { PlanSource } from '../ast/nodes.js';
import { indexPlan } from '../ast/plan-index.js';
import { callFlow, type CallFlow, type CallFlowEdge, type CallFlowNode, type Mark } from '../graph/flow.js';
import { stepAt, withMarks } from '../graph/overlay.js';
import { planTree } from '../parse/plan-tree.js';
import type { PlanChange, PlanDiff } from './diff.js';

const SYMBOL: Record<PlanChange['kind'], string> = { added: '+', removed: '-', changed: '~', renamed: '~', retargeted: '>', unreachable: '!', reachable: '^' };

const q = (s: string | undefined) => (s === undefined ? '(none)' : JSON.stringify(s.length > 60 ? `${s.slice(0, 59)}…` : s));

/** One change in words. */
export function describeChange(c: PlanChange): string {
  switch (c.kind) {
    case 'added':
    case 'removed':
      return `${c.kind} ${c.step}${(c.count ?? 1) > 1 ? ` (with ${c.count! - 1} tag${c.count === 2 ? '' : 's'} inside)` : ''}`;
    case 'changed':
      return `changed ${c.step}: ${(c.fields ?? [])
        .map((f) => (f.field === 'text' ? `text ${q(f.old)} → ${q(f.new)}` : `${f.name} ${q(f.old)} → ${q(f.new)}`))
        .join(', ')}`;
    case 'renamed':
      return `renamed ${c.tag} "${c.from}" → "${c.to}"${c.count ? ` (with the ${c.count} jump${c.count === 1 ? '' : 's'} to it)` : ''}`;
    case 'retargeted':
      return `retargeted ${c.context}: now goes to "${c.to}" instead of "${c.from}"`;
    case 'unreachable':
      return `unreachable now: ${c.step}`;
    case 'reachable':
      return `reachable now: ${c.step}`;
  }
}

const lines = (c: PlanChange) => {
  const o = c.old?.line;
  const n = c.new?.line;
  if (o !== undefined && n !== undefined) return o === n ? `line ${n}` : `line ${o} → ${n}`;
  return o !== undefined ? `old line ${o}` : n !== undefined ? `line ${n}` : '';
};

/**
 * The diff as text: a summary line, then one line per change with its line numbers.
 *
 * @example
 * ```ts
 * console.log(formatDiff(diffPlans(a, b), 'old.xml', 'new.xml'));
 * // old.xml → new.xml: 2 changes
 * //   ~ line 4  changed play: "Hi": text "Hi" → "Hello"
 * ```
 */
export function formatDiff(diff: PlanDiff, oldName = 'old', newName = 'new'): string {
  if (diff.same) return `${oldName} → ${newName}: the same call flow\n`;
  const rows = diff.changes.map((c) => [SYMBOL[c.kind], lines(c), describeChange(c)] as const);
  const width = rows.reduce((m, r) => Math.max(m, r[1].length), 0);
  const n = diff.changes.length;
  return `${oldName} → ${newName}: ${n} change${n === 1 ? '' : 's'}\n${rows.map(([s, l, d]) => `  ${s} ${l.padEnd(width)}  ${d}`).join('\n')}\n`;
}

/** The diff as JSON data: each change with its kind, tag, and path and line in both versions. */
export function diffToJson(diff: PlanDiff, oldName?: string, newName?: string): string {
  return `${JSON.stringify({ ...(oldName ? { old: oldName } : {}), ...(newName ? { new: newName } : {}), same: diff.same, changes: diff.changes.map((c) => ({ ...c, message: describeChange(c) })) }, null, 2)}\n`;
}

/**
 * The new plan's flow with the diff drawn on it: added steps `added`, changed and renamed ones
 * `changed`, retargeted jumps' edges `retargeted`, and each removed step drawn again, struck
 * through, `removed`, hanging off the step that held it. `newPlan` is the plan `diff` was made
 * to (built with the DSL, a syntax tree or XML text).
 */
export function diffOverlay(newPlan: PlanSource, diff: PlanDiff, flow?: CallFlow): CallFlow {
  const newDoc = planTree(newPlan, 'diffOverlay()');
  flow ??= callFlow(newDoc);
  const nodeMarks = new Map<string, Mark[]>();
  const edgeMarks = new Map<number, Mark[]>();
  const add = (map: Map<string, Mark[]>, id: string, m: Mark) => map.set(id, [...(map.get(id) ?? []), m]);
  const exact = new Map(flow.nodes.map((n) => [n.path, n]));
  const extraNodes: CallFlowNode[] = [];
  const extraEdges: CallFlowEdge[] = [];
  for (const c of diff.changes) {
    const note = describeChange(c);
    if (c.kind === 'added') {
      // the added tag, or the steps inside an added branch
      const hits = flow.nodes.filter((n) => n.path === c.new!.path || n.path.startsWith(`${c.new!.path}/`));
      for (const n of hits) add(nodeMarks, n.id, { kind: 'added', note });
      if (hits.length === 0) {
        const host = stepAt(flow, c.new!.path);
        if (host) add(nodeMarks, host.id, { kind: 'changed', note });
      }
    } else if (c.kind === 'removed') {
      const id = `removed${extraNodes.length + 1}`;
      extraNodes.push({ id, kind: c.tag === 'hangup' ? 'hangup' : 'play', label: c.step, path: c.old!.path, ...(c.old!.line === undefined ? {} : { line: c.old!.line }), marks: [{ kind: 'removed', note }] });
      const parentPath = c.old!.path.slice(0, c.old!.path.lastIndexOf('/'));
      const host = stepAt(flow, parentPath) ?? flow.nodes[0];
      if (host) extraEdges.push({ from: host.id, to: id, label: 'removed', style: 'goto', marks: [{ kind: 'removed', note }] });
    } else if (c.kind === 'retargeted') {
      const source = stepAt(flow, c.new!.path);
      const named = indexPlan(newDoc).byName.get(c.to ?? '');
      const target = named ? exact.get(indexPlan(newDoc).pathOf(named)) : undefined;
      flow.edges.forEach((e, i) => {
        if (source && e.from === source.id && (target === undefined || e.to === target.id)) edgeMarks.set(i, [...(edgeMarks.get(i) ?? []), { kind: 'retargeted', note }]);
      });
      if (source) add(nodeMarks, source.id, { kind: 'changed', note });
    } else {
      const n = exact.get(c.new!.path) ?? stepAt(flow, c.new!.path);
      if (n) add(nodeMarks, n.id, { kind: c.kind === 'unreachable' || c.kind === 'reachable' ? 'info' : 'changed', note });
    }
  }
  const marked = withMarks(flow, nodeMarks, edgeMarks);
  return { nodes: [...marked.nodes, ...extraNodes], edges: [...marked.edges, ...extraEdges] };
}
