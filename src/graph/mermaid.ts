/**
 * Mermaid flowcharts of a dialplan, for Markdown on GitHub, GitLab and most wikis.
 *
 * @module
 */
import type { DocumentNode } from '../ast/nodes.js';
import { callFlow, shapeOf, type CallFlow, type CallFlowNode, type CallFlowShape } from './flow.js';

// Mermaid reads `"` and `#…;` inside quoted labels; write them as its entity codes.
const label = (text: string) => text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');

/** The brackets around a node's label: stadium, rhombus, parallelogram, rectangle. */
const BRACKETS: Record<CallFlowShape, readonly [string, string]> = { terminal: ['([', '])'], decision: ['{', '}'], transfer: ['[/', '/]'], step: ['[', ']'] };

function shape(n: CallFlowNode): string {
  const [open, close] = BRACKETS[shapeOf(n)];
  return `${n.id}${open}"${label(n.label)}"${close}`;
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
