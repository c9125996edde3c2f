/**
 * The call flow as it is drawn in SVG and HTML: labels wrapped into boxes, parallel edges
 * merged into one with both reasons, and the call's end drawn once beneath each step that
 * ends it (one shared "call ends" at the bottom would pull an edge across the whole drawing
 * from every hangup and fall-through).
 *
 * @module
 */
import { shapeOf, type CallFlow, type CallFlowEdge, type CallFlowNode, type Mark } from './flow.js';
import { layoutFlow, LayoutLimitError, type Layout } from './layout.js';

export const FONT = 12;
/** Average advance of a sans-serif glyph at {@link FONT} (DejaVu and Liberation alike), to size boxes without measuring text. */
export const CHAR_WIDTH = 7;
const LINE_HEIGHT = 15;
/** Characters per line of a step's label before it wraps, and lines before it is cut. */
const WRAP = 30;
const MAX_LINES = 3;
const EDGE_LABEL_MAX = 28;
/** Two-way decisions, whose branches leave from the diamond's side points as in a paper flowchart; a menu's many keys leave from below. */
const TWO_WAY = new Set<CallFlowNode['kind']>(['if', 'equal', 'notEqual']);

/** A node as drawn: its lines of text and box size. */
export interface DrawnNode {
  readonly node: CallFlowNode;
  /** The drawing's id (`end`, `end-2`… for the copies of the call's end). */
  readonly id: string;
  readonly lines: readonly string[];
  readonly width: number;
  readonly height: number;
}

/** An edge as drawn: one or more edges of the flow between the same two steps. */
export interface DrawnEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly style: CallFlowEdge['style'];
  readonly marks: readonly Mark[];
  /** The flow's edges it stands for (their indexes). */
  readonly edges: readonly number[];
}

/** What the SVG writer draws. */
export interface Drawing {
  readonly nodes: readonly DrawnNode[];
  readonly edges: readonly DrawnEdge[];
  readonly layout: Layout;
}

/** Splits text into lines of at most `width` characters at spaces (hard-cutting longer words), at most `max` lines. */
export function wrap(text: string, width = WRAP, max = MAX_LINES): string[] {
  const words = text.split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (word.length > width) {
      if (line) lines.push(line);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      line = '';
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1]!.slice(0, width - 1)}…`;
  return kept;
}

/** An edge label cut to fit beside the edge. */
export const edgeLabel = (label: string) => (label.length > EDGE_LABEL_MAX ? `${label.slice(0, EDGE_LABEL_MAX - 1)}…` : label);

/** The width of an edge label's box. */
export const edgeLabelWidth = (label: string) => (label ? edgeLabel(label).length * (CHAR_WIDTH - 0.6) + 10 : 0);

/**
 * Most steps an SVG or HTML drawing holds. Past a few thousand steps a drawing is no longer
 * read, only searched, and the page would weigh hundreds of megabytes: such plans are refused
 * (Mermaid, DOT and JSON write any size).
 */
export const MAX_DRAWN_STEPS = 20_000;

/** Prepares and lays out a flow for drawing; throws a {@link LayoutLimitError} past {@link MAX_DRAWN_STEPS}. */
export function drawingOf(flow: CallFlow): Drawing {
  if (flow.nodes.length > MAX_DRAWN_STEPS) {
    const first = flow.nodes[MAX_DRAWN_STEPS];
    throw new LayoutLimitError(
      `the plan has ${flow.nodes.length} steps; an SVG or HTML drawing holds at most ${MAX_DRAWN_STEPS} (Mermaid, DOT and JSON have no such limit)`,
      { name: 'steps per drawing', value: MAX_DRAWN_STEPS },
      first?.line,
    );
  }
  const nodes: DrawnNode[] = [];
  const size = (node: CallFlowNode, id: string): DrawnNode => {
    const lines = wrap(node.label);
    const longest = lines.reduce((m, l) => Math.max(m, l.length), 0);
    // diamonds and slanted boxes need room for their points
    const extra = shapeOf(node) === 'decision' || shapeOf(node) === 'transfer' ? 40 : 24;
    return { node, id, lines, width: Math.max(64, Math.ceil(longest * CHAR_WIDTH + extra)), height: lines.length * LINE_HEIGHT + 16 };
  };
  const end = flow.nodes.find((n) => n.kind === 'end');
  for (const n of flow.nodes) if (n.kind !== 'end') nodes.push(size(n, n.id));

  // merge edges between the same two steps, then give each edge into the end its own end
  const merged = new Map<string, { from: string; to: string; labels: string[]; style: CallFlowEdge['style']; marks: Mark[]; edges: number[] }>();
  flow.edges.forEach((e, i) => {
    const key = `${e.from}\u0000${e.to}\u0000${e.style === 'goto' || e.style === 'event' ? 'dashed' : 'solid'}`;
    let m = merged.get(key);
    if (!m) merged.set(key, (m = { from: e.from, to: e.to, labels: [], style: e.style, marks: [], edges: [] }));
    if (e.label && !m.labels.includes(e.label)) m.labels.push(e.label);
    if (m.style === 'next' && e.style === 'branch') m.style = 'branch';
    m.marks.push(...(e.marks ?? []));
    m.edges.push(i);
  });
  const edges: DrawnEdge[] = [];
  let ends = 0;
  for (const m of merged.values()) {
    let to = m.to;
    if (end && to === end.id) {
      to = ends === 0 ? end.id : `${end.id}-${ends + 1}`;
      ends++;
      nodes.push(size(end, to));
    }
    edges.push({ from: m.from, to, label: m.labels.join(' / '), style: m.style, marks: m.marks, edges: m.edges });
  }
  const layout = layoutFlow(
    nodes.map((n) => ({ id: n.id, width: n.width, height: n.height, sides: TWO_WAY.has(n.node.kind) })),
    edges.map((e) => ({ from: e.from, to: e.to, labelWidth: edgeLabelWidth(e.label), labelHeight: e.label ? 16 : 0 })),
  );
  return { nodes, edges, layout };
}
