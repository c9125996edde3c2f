/**
 * Graphviz DOT diagrams of a dialplan (`dot -Tsvg plan.dot > plan.svg`).
 *
 * @module
 */
import type { DocumentNode } from '../ast/nodes.js';
import { callFlow, shapeOf, type CallFlow, type CallFlowShape } from './flow.js';

const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

const SHAPES: Record<CallFlowShape, string> = { terminal: 'oval', decision: 'diamond', transfer: 'parallelogram', step: 'box' };

/** Writes a flow graph in DOT. */
export function graphToDot(graph: CallFlow, title = 'dialplan'): string {
  const lines = [`digraph ${quote(title)} {`, '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=11];'];
  for (const n of graph.nodes) lines.push(`  ${n.id} [label=${quote(n.label)}, shape=${SHAPES[shapeOf(n)]}];`);
  for (const e of graph.edges) {
    const attrs = [e.label ? `label=${quote(e.label)}` : '', e.style === 'goto' || e.style === 'event' ? 'style=dashed' : '']
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
export function toDot(doc: DocumentNode, title?: string): string {
  return graphToDot(callFlow(doc), title ?? doc.root.attributes['name'] ?? 'dialplan');
}
