/**
 * Graphviz DOT diagrams of a dialplan (`dot -Tsvg plan.dot > plan.svg`).
 *
 * @module
 */
import type { PlanSource } from '../ast/nodes.js';
import { callFlow, shapeOf, type CallFlow, type CallFlowShape } from './flow.js';
import { leadingMark, MARK_STYLES, struck } from './mark-style.js';
import { planTree } from '../parse/plan-tree.js';

const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

const SHAPES: Record<CallFlowShape, string> = { terminal: 'oval', decision: 'diamond', transfer: 'parallelogram', step: 'box' };

/** Writes a flow graph in DOT. */
export function graphToDot(graph: CallFlow, title = 'dialplan'): string {
  const lines = [`digraph ${quote(title)} {`, '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=11];'];
  for (const n of graph.nodes) {
    const mark = leadingMark(n.marks);
    const s = mark ? MARK_STYLES[mark] : undefined;
    const colours = s
      ? `, style=${quote(s.dashed ? 'filled,dashed' : 'filled')}, fillcolor=${quote(s.fill)}, color=${quote(s.stroke)}, penwidth=2${s.color ? `, fontcolor=${quote(s.color)}` : ''}, class=${quote(`mark-${mark}`)}`
      : '';
    lines.push(`  ${n.id} [label=${quote(s?.struck ? struck(n.label) : n.label)}, shape=${SHAPES[shapeOf(n)]}${colours}];`);
  }
  for (const e of graph.edges) {
    const mark = leadingMark(e.marks);
    const attrs = [
      e.label ? `label=${quote(e.label)}` : '',
      e.style === 'goto' || e.style === 'event' || mark === 'missed' || mark === 'removed' ? 'style=dashed' : '',
      mark ? `color=${quote(MARK_STYLES[mark].stroke)}, penwidth=${mark === 'missed' || mark === 'removed' ? 1 : 2.5}, class=${quote(`mark-${mark}`)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${e.from} -> ${e.to}${attrs ? ` [${attrs}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/**
 * A dialplan as a Graphviz digraph.
 *
 * @example
 * ```ts
 * writeFileSync('plan.dot', toDot(plan.toAst()));
 * ```
 */
export function toDot(plan: PlanSource, title?: string, flow?: CallFlow): string {
  const doc = planTree(plan, 'toDot()');
  return graphToDot(flow ?? callFlow(doc), title ?? doc.root.attributes['name'] ?? 'dialplan');
}
