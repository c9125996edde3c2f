/**
 * Mermaid flowcharts of a dialplan, for Markdown on GitHub, GitLab and most wikis. Overlay
 * marks become classes (`classDef`) on steps and `linkStyle` on edges.
 *
 * @module
 */
import type { PlanSource } from '../ast/nodes.js';
import { callFlow, shapeOf, type CallFlow, type CallFlowNode, type CallFlowShape, type MarkKind } from './flow.js';
import { leadingMark, MARK_STYLES, struck } from './mark-style.js';
import { planTree } from '../parse/plan-tree.js';

// Mermaid reads `"` and `#…;` inside quoted labels; write them as its entity codes.
const label = (text: string) => text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');

/** The brackets around a node's label: stadium, rhombus, parallelogram, rectangle. */
const BRACKETS: Record<CallFlowShape, readonly [string, string]> = { terminal: ['([', '])'], decision: ['{', '}'], transfer: ['[/', '/]'], step: ['[', ']'] };

/** Mermaid reads a node called `end` as the keyword that closes a subgraph: the call's end gets another id. */
const id = (nodeId: string) => (nodeId === 'end' ? 'callEnd' : nodeId);

function shape(n: CallFlowNode): string {
  const [open, close] = BRACKETS[shapeOf(n)];
  const text = leadingMark(n.marks) === 'removed' ? struck(n.label) : n.label;
  return `${id(n.id)}${open}"${label(text)}"${close}`;
}

/** A mark's class name in Mermaid. */
const className = (kind: MarkKind) => `mark${kind[0]!.toUpperCase()}${kind.slice(1)}`;

/** Writes a flow graph as a Mermaid `flowchart`. */
export function graphToMermaid(graph: CallFlow): string {
  const lines = ['flowchart TD'];
  for (const n of graph.nodes) lines.push(`  ${shape(n)}`);
  const linkStyles: string[] = [];
  graph.edges.forEach((e, i) => {
    const arrow = e.style === 'goto' || e.style === 'event' ? '-.->' : '-->';
    lines.push(`  ${id(e.from)} ${arrow}${e.label ? `|"${label(e.label)}"|` : ''} ${id(e.to)}`);
    const mark = leadingMark(e.marks);
    if (mark) {
      const s = MARK_STYLES[mark];
      linkStyles.push(`  linkStyle ${i} stroke:${s.stroke},stroke-width:${mark === 'missed' || mark === 'removed' ? 1.5 : 3}px${s.dashed ? ',stroke-dasharray:3 3' : ''}`);
    }
  });
  const classed = new Map<MarkKind, string[]>();
  for (const n of graph.nodes) {
    const mark = leadingMark(n.marks);
    if (mark) classed.set(mark, [...(classed.get(mark) ?? []), id(n.id)]);
  }
  for (const [kind, ids] of classed) {
    const s = MARK_STYLES[kind];
    lines.push(`  classDef ${className(kind)} fill:${s.fill},stroke:${s.stroke},stroke-width:2px${s.color ? `,color:${s.color}` : ''}${s.dashed ? ',stroke-dasharray:5 3' : ''}`);
    lines.push(`  class ${ids.join(',')} ${className(kind)}`);
  }
  lines.push(...linkStyles);
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
export function toMermaid(plan: PlanSource, flow?: CallFlow): string {
  return graphToMermaid(flow ?? callFlow(planTree(plan, 'toMermaid()')));
}
