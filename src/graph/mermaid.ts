/**
 * Mermaid flowcharts of a dialplan, for Markdown on GitHub, GitLab and most wikis.
 *
 * @module
 */
import type { DocumentNode } from '../ast/nodes.js';
import { callFlow, type CallFlow, type CallFlowNode } from './flow.js';

// Mermaid reads `"` and `#…;` inside quoted labels; write them as its entity codes.
const label = (text: string) => text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');

function shape(n: CallFlowNode): string {
  const l = `"${label(n.label)}"`;
  if (n.kind === 'start' || n.kind === 'end' || n.kind === 'hangup') return `${n.id}([${l}])`;
  if (n.kind === 'menu' || n.kind === 'if' || n.kind === 'amd' || n.kind === 'equal' || n.kind === 'notEqual') return `${n.id}{${l}}`;
  if (n.kind === 'transfer') return `${n.id}[/${l}/]`;
  return `${n.id}[${l}]`;
}

/** Writes a flow graph as a Mermaid `flowchart`. */
export function graphToMermaid(graph: CallFlow): string {
  const lines = ['flowchart TD'];
  for (const n of graph.nodes) lines.push(`  ${shape(n)}`);
  for (const e of graph.edges) {
    const arrow = e.style === 'goto' || e.style === 'event' ? '-.->' : '-->';
    lines.push(`  ${e.from} ${arrow}${e.label ? `|"${label(e.label)}"|` : ''} ${e.to}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A dialplan as a Mermaid flowchart.
 *
 * @example
 * ```ts
 * toMermaid(plan.toAst()); // 'flowchart TD\n  start(["call starts"])\n …'
 * ```
 */
export function toMermaid(doc: DocumentNode): string {
  return graphToMermaid(callFlow(doc));
}
