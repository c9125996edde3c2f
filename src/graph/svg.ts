/**
 * Self-contained SVG and HTML diagrams: laid out here with dagre, so they open in any browser
 * with no script and no network.
 *
 * @module
 */
import type * as Dagre from '@dagrejs/dagre';
import type * as Xmlbuilder2 from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { DocumentNode } from '../ast/nodes.js';
import { onDemand } from '../util/on-demand.js';
import { xmlText } from '../util/xml-literal.js';
import { callFlow, shapeOf, type CallFlow, type CallFlowNode } from './flow.js';

// The package index re-exports this module: load the layout engine and the XML writer on the
// first drawing, so importing the package (to build a plan, say) does not pay for them.
const dagre = onDemand<typeof Dagre>('@dagrejs/dagre');
const xmlbuilder2 = onDemand<typeof Xmlbuilder2>('xmlbuilder2');

const FONT = 12;
/** Average advance of a sans-serif glyph at {@link FONT}, to size boxes without measuring text. */
const CHAR_WIDTH = 6.8;

/** The width of an edge label's box: the layout leaves that room, the drawing fills it. */
const edgeLabelWidth = (label: string) => label.length * (CHAR_WIDTH - 0.8) + 8;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function outline(parent: XMLBuilder, n: CallFlowNode, b: Box): void {
  const [l, r, t, btm] = [b.x - b.width / 2, b.x + b.width / 2, b.y - b.height / 2, b.y + b.height / 2];
  const shape = shapeOf(n);
  // the shape styles the outline; the tag stays in the class for anyone restyling the page
  const cls = `node ${shape} ${n.kind.replace('#', '')}`;
  if (shape === 'terminal') {
    parent.ele('rect', { class: cls, x: l, y: t, width: b.width, height: b.height, rx: b.height / 2 });
  } else if (shape === 'decision') {
    const s = 12;
    parent.ele('polygon', { class: cls, points: `${l},${b.y} ${l + s},${t} ${r - s},${t} ${r},${b.y} ${r - s},${btm} ${l + s},${btm}` });
  } else if (shape === 'transfer') {
    const s = 10;
    parent.ele('polygon', { class: cls, points: `${l + s},${t} ${r},${t} ${r - s},${btm} ${l},${btm}` });
  } else {
    parent.ele('rect', { class: cls, x: l, y: t, width: b.width, height: b.height, rx: 4 });
  }
}

/** Lays out a flow graph and draws it as an `<svg>` element, for the caller to write or import. */
function buildSvg(graph: CallFlow): XMLBuilder {
  const { graphlib, layout } = dagre();
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 44, edgesep: 12, marginx: 12, marginy: 12 });
  for (const n of graph.nodes) g.setNode(n.id, { width: n.label.length * CHAR_WIDTH + 28, height: 34 });
  graph.edges.forEach((e, i) => {
    g.setEdge(e.from, e.to, { width: edgeLabelWidth(e.label), height: e.label ? 16 : 0, labelpos: 'c' }, `e${i}`);
  });
  layout(g);
  const size = g.graph();

  const svg = xmlbuilder2().create().ele('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    viewBox: `0 0 ${Math.ceil(size.width ?? 0)} ${Math.ceil(size.height ?? 0)}`,
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    'font-family': 'Helvetica, Arial, sans-serif',
    'font-size': FONT,
  });
  svg
    .ele('defs')
    .ele('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' })
    .ele('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#555' });

  graph.edges.forEach((e, i) => {
    const laid = g.edge(e.from, e.to, `e${i}`) as { points: Array<{ x: number; y: number }>; x?: number; y?: number };
    const d = laid.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const group = svg.ele('g', { class: `edge ${e.style}` });
    group.ele('path', { d, fill: 'none', 'marker-end': 'url(#arrow)' });
    if (e.label && laid.x !== undefined && laid.y !== undefined) {
      const w = edgeLabelWidth(e.label);
      group.ele('rect', { class: 'edge-label', x: laid.x - w / 2, y: laid.y - 8, width: w, height: 16, rx: 3 });
      group.ele('text', { x: laid.x, y: laid.y + 4, 'text-anchor': 'middle', 'font-size': FONT - 1 }).txt(xmlText(e.label));
    }
  });
  for (const n of graph.nodes) {
    const b = g.node(n.id) as Box;
    const group = svg.ele('g', { id: n.id });
    group.ele('title').txt(xmlText(`${n.path}${n.line === undefined ? '' : ` (line ${n.line})`}`));
    outline(group, n, b);
    group.ele('text', { x: b.x, y: b.y + 4, 'text-anchor': 'middle' }).txt(xmlText(n.label));
  }
  return svg;
}

/** Lays out a flow graph and draws it as an SVG element. */
export function graphToSvg(graph: CallFlow): string {
  return buildSvg(graph).end({ headless: true, prettyPrint: false });
}

const STYLE = `
body { font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #222; }
h1 { font-size: 18px; margin: 0 0 4px; }
p.legend { color: #555; font-size: 13px; margin: 0 0 16px; }
.node { fill: #fff; stroke: #4a6fa5; stroke-width: 1.5; }
.node.terminal { fill: #eef3ea; stroke: #5a8a4a; }
.node.decision { fill: #fdf6e3; stroke: #b58900; }
.node.transfer { fill: #eef2fb; }
.edge path { stroke: #555; stroke-width: 1.2; }
.edge.goto path, .edge.event path { stroke-dasharray: 5 4; }
.edge-label { fill: #fff; opacity: 0.9; }
`;

/**
 * A dialplan's call flow as a standalone HTML page (inline SVG, no scripts, no network).
 *
 * @example
 * ```ts
 * writeFileSync('plan.html', toHtml(plan.toAst()));
 * ```
 */
export function toHtml(doc: DocumentNode, title?: string): string {
  const name = title ?? doc.root.attributes['name'] ?? 'dialplan';
  const html = xmlbuilder2().create().ele('html', { lang: 'en' });
  const head = html.ele('head');
  head.ele('meta', { charset: 'utf-8' });
  head.ele('title').txt(xmlText(`Call flow: ${name}`));
  head.ele('style').txt(STYLE);
  const body = html.ele('body');
  body.ele('h1').txt(xmlText(`Call flow: ${name}`));
  body.ele('p', { class: 'legend' }).txt('Solid arrows run in order or take a branch; dashed arrows jump by name (goto) or fire on a caught event. Hover a step for its place in the XML.');
  body.import(buildSvg(callFlow(doc)));
  return `<!DOCTYPE html>\n${html.end({ headless: true, prettyPrint: false })}\n`;
}

/** A dialplan's call flow as an SVG document. */
export function toSvg(doc: DocumentNode): string {
  return `${graphToSvg(callFlow(doc))}\n`;
}
