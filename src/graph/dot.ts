/**
 * Graphviz DOT diagrams of a dialplan (`dot -Tsvg plan.dot > plan.svg`).
 *
 * @module
 */
import type { DocumentNode } from '../ast/nodes.js';
import { callFlow, type CallFlow, type CallFlowNode } from './flow.js';

const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

function shape(n: CallFlowNode): string {
  if (n.kind === 'start' || n.kind === 'end' || n.kind === 'hangup') return 'oval';
  if (n.kind === 'menu' || n.kind === 'if' || n.kind === 'amd' || n.kind === 'equal' || n.kind === 'notEqual') return 'diamond';
  if (n.kind === 'transfer') return 'parallelogram';
  return 'box';
}

/** Writes a flow graph in DOT. */
export function graphToDot(graph: CallFlow, title = 'dialplan'): string {
  const lines = [`digraph ${quote(title)} {`, '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=11];'];
  for (const n of graph.nodes) lines.push(`  ${n.id} [label=${quote(n.label)}, shape=${shape(n)}];`);
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
