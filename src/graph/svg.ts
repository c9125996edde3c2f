/**
 * Self-contained SVG and HTML diagrams, laid out by `layout.ts`. The SVG carries its own
 * style, so it looks the same opened alone; the HTML page adds fit, pan, zoom and a panel with
 * each step's line and tag, and works with no network (everything inline).
 *
 * @module
 */
import type * as Xmlbuilder2 from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { AnyElement, PlanSource } from '../ast/nodes.js';
import { elementChildren, elementName, textOf } from '../ast/nodes.js';
import { onDemand } from '../util/on-demand.js';
import { xmlAttribute, xmlText } from '../util/xml-literal.js';
import { drawingOf, edgeLabel, edgeLabelWidth, FONT, type Drawing, type DrawnNode } from './drawing.js';
import { callFlowWithTags, shapeOf, type CallFlow, type Mark, type MarkKind } from './flow.js';
import { MARK_STYLES } from './mark-style.js';
import { PAGE_SCRIPT } from './page-script.js';
import { planTree } from '../parse/plan-tree.js';

// The package index re-exports this module: load the XML writer on the first drawing, so
// importing the package (to build a plan, say) does not pay for it.
const xmlbuilder2 = onDemand<typeof Xmlbuilder2>('xmlbuilder2');

/** Options of the SVG and HTML writers. */
export interface DiagramOptions {
  /** The page's title (default: the plan's `name`). */
  readonly title?: string;
  /** The flow to draw, marked by an overlay (`lintOverlay`, `coverageOverlay`, `diffOverlay`); default `callFlow(doc)`. */
  readonly flow?: CallFlow;
}

/** The style of the drawing; marks are classes on the step and edge groups. */
const SVG_STYLE = `
.step .shape { fill: #fff; stroke: #4a6fa5; stroke-width: 1.5; }
.step.terminal .shape { fill: #eef3ea; stroke: #5a8a4a; }
.step.decision .shape { fill: #fdf6e3; stroke: #b58900; }
.step.transfer .shape { fill: #eef2fb; }
.step text { fill: #1f2328; }
.edge path { fill: none; stroke: #57606a; stroke-width: 1.3; }
.edge.goto path, .edge.event path { stroke-dasharray: 5 4; }
.edge.back path { stroke: #8250df; }
.edge .edge-label { fill: #fff; stroke: #d0d7de; stroke-width: 0.8; }
.edge text { fill: #424a53; }
.step.mark-error .shape { fill: #ffebe9; stroke: #cf222e; stroke-width: 2.5; }
.step.mark-warning .shape { fill: #fff8c5; stroke: #bf8700; stroke-width: 2.5; }
.step.mark-info .shape { stroke: #0969da; stroke-width: 2.5; }
.step.mark-reached .shape { fill: #dafbe1; stroke: #1a7f37; }
.step.mark-missed .shape { fill: #f6f8fa; stroke: #cf222e; stroke-dasharray: 4 3; }
.step.mark-missed text { fill: #6e7781; }
.edge.mark-reached path { stroke: #1a7f37; stroke-width: 2.2; }
.edge.mark-missed path { stroke: #cf222e; stroke-dasharray: 2 3; }
.step.mark-added .shape { fill: #dafbe1; stroke: #1a7f37; stroke-width: 2.5; }
.step.mark-changed .shape { fill: #fff8c5; stroke: #9a6700; stroke-width: 2.5; }
.step.mark-removed .shape { fill: #ffebe9; stroke: #cf222e; stroke-dasharray: 5 3; }
.step.mark-removed text { fill: #a40e26; text-decoration: line-through; }
.edge.mark-retargeted path { stroke: #bc4c00; stroke-width: 2.6; }
.edge.mark-added path { stroke: #1a7f37; stroke-width: 2.2; }
.edge.mark-removed path { stroke: #cf222e; stroke-dasharray: 2 3; }
.step.on-path .shape, .step.selected .shape { stroke: #0969da; stroke-width: 3; }
.edge.on-path path { stroke: #0969da; stroke-width: 2.6; }
.step { cursor: pointer; }
.step:focus { outline: none; }
.step:focus .shape { stroke-width: 3; }
`;

/** What each mark means, in the page's legend (in this order). */
const MARK_WORDS: Readonly<Record<MarkKind, string>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  reached: 'reached by the calls',
  missed: 'missed by every call',
  added: 'added',
  changed: 'changed',
  removed: 'removed',
  retargeted: 'jump retargeted',
};

const markClasses = (marks: readonly Mark[] | undefined) => [...new Set((marks ?? []).map((m) => `mark-${m.kind}`))];

function outline(parent: XMLBuilder, d: DrawnNode, x: number, y: number): void {
  const [l, r, t, b] = [x - d.width / 2, x + d.width / 2, y - d.height / 2, y + d.height / 2];
  const shape = shapeOf(d.node);
  if (shape === 'terminal') {
    parent.ele('rect', { class: 'shape', x: l, y: t, width: d.width, height: d.height, rx: Math.min(d.height / 2, 16) });
  } else if (shape === 'decision') {
    const s = 14;
    parent.ele('polygon', { class: 'shape', points: `${l},${y} ${l + s},${t} ${r - s},${t} ${r},${y} ${r - s},${b} ${l + s},${b}` });
  } else if (shape === 'transfer') {
    const s = 10;
    parent.ele('polygon', { class: 'shape', points: `${l + s},${t} ${r},${t} ${r - s},${b} ${l},${b}` });
  } else {
    parent.ele('rect', { class: 'shape', x: l, y: t, width: d.width, height: d.height, rx: 4 });
  }
}

/** Draws a laid-out flow as an `<svg>` element. */
function buildSvg(drawing: Drawing): XMLBuilder {
  const { layout } = drawing;
  const svg = xmlbuilder2().create().ele('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    id: 'diagram',
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    width: layout.width,
    height: layout.height,
    'font-family': 'Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif',
    'font-size': FONT,
    role: 'img',
  });
  const defs = svg.ele('defs');
  defs.ele('style').txt(SVG_STYLE);
  for (const [id, colour] of [
    ['arrow', '#57606a'],
    ['arrow-back', '#8250df'],
  ] as const) {
    defs
      .ele('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse' })
      .ele('path', { d: 'M0,0 L10,5 L0,10 z', fill: colour });
  }

  drawing.edges.forEach((e, i) => {
    const route = layout.edges[i]!;
    const classes = ['edge', e.style, route.direction === 'down' ? '' : route.direction, ...markClasses(e.marks)].filter(Boolean);
    const group = svg.ele('g', { class: classes.join(' '), 'data-from': e.from, 'data-to': e.to });
    group.ele('path', { d: route.d, 'marker-end': `url(#${route.direction === 'down' ? 'arrow' : 'arrow-back'})` });
    if (e.label && route.label) {
      const w = edgeLabelWidth(e.label);
      group.ele('title').txt(xmlText(e.label));
      group.ele('rect', { class: 'edge-label', x: route.label.x - w / 2, y: route.label.y - 8, width: w, height: 16, rx: 3 });
      group.ele('text', { x: route.label.x, y: route.label.y + 4, 'text-anchor': 'middle', 'font-size': FONT - 1 }).txt(xmlText(edgeLabel(e.label)));
    }
  });
  for (const d of drawing.nodes) {
    const at = layout.nodes.get(d.id)!;
    const n = d.node;
    const classes = ['step', shapeOf(n), n.kind.replace('#', ''), ...markClasses(n.marks)];
    const group = svg.ele('g', { id: d.id, class: classes.join(' '), 'data-node': n.id, tabindex: 0 });
    group.ele('title').txt(xmlText(`${n.path}${n.line === undefined ? '' : ` (line ${n.line})`}`));
    outline(group, d, at.x, at.y);
    const text = group.ele('text', { x: at.x, y: at.y - ((d.lines.length - 1) * 15) / 2 + 4, 'text-anchor': 'middle' });
    d.lines.forEach((line, k) => {
      text.ele('tspan', { x: at.x, dy: k === 0 ? 0 : 15 }).txt(xmlText(line));
    });
  }
  return svg;
}

/** Lays out a flow graph and draws it as an SVG element. */
export function graphToSvg(graph: CallFlow): string {
  return buildSvg(drawingOf(graph)).end({ headless: true, prettyPrint: false });
}

// HTML reads no entities inside <style>, and xmlbuilder2 escapes `<`, `>` and `&`: the page style uses none of them.
const PAGE_STYLE = `
html, body { height: 100%; margin: 0; }
body { font-family: Helvetica, Arial, "Liberation Sans", sans-serif; color: #1f2328; display: flex; flex-direction: column; }
header { padding: 10px 16px; border-bottom: 1px solid #d0d7de; display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
h1 { font-size: 17px; margin: 0; }
p.legend { color: #57606a; font-size: 12px; margin: 0; flex: 1; min-width: 240px; }
.tools button { font: inherit; font-size: 13px; padding: 2px 9px; margin-left: 4px; }
main { flex: 1; position: relative; min-height: 0; }
#diagram { position: absolute; inset: 0; width: 100%; height: 100%; display: block; user-select: none; touch-action: none; }
aside { position: absolute; top: 12px; right: 12px; width: min(420px, 45vw); max-height: calc(100% - 24px); overflow: auto; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.12); padding: 10px 14px; font-size: 13px; }
p.marks { font-size: 12px; margin: 0; color: #424a53; }
p.marks .swatch { display: inline-block; width: 12px; height: 10px; margin: 0 4px 0 8px; vertical-align: middle; border-radius: 2px; }
aside h2 { font-size: 14px; margin: 0 24px 4px 0; }
aside pre { background: #f6f8fa; padding: 8px; white-space: pre-wrap; word-break: break-word; font-size: 12px; }
aside ul { padding-left: 18px; }
aside .note-error { color: #cf222e; } aside .note-warning { color: #9a6700; }
#d-close { position: absolute; top: 6px; right: 8px; border: 0; background: none; font-size: 16px; cursor: pointer; }
`;

/** The tag of a step as the panel shows it: a leaf whole, a container's start tag with `…` for its content. */
function snippet(el: AnyElement): string {
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(el.attributes)) attrs[k] = xmlAttribute(v);
  const e = xmlbuilder2().create().ele(elementName(el), attrs);
  if (elementChildren(el).length > 0) e.txt('…');
  else if (textOf(el)) e.txt(xmlText(textOf(el)));
  return e.end({ headless: true, prettyPrint: false });
}

/** A JSON value as text that can sit inside a `<script>` element: `<`, `>`, `&` and line separators as escapes. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * A dialplan's call flow as a standalone HTML page: the diagram fitted to the window, pan and
 * zoom (drag, wheel, `+` `-` `0` and the arrow keys), and a click on a step shows its line,
 * its tag, the notes of an overlay and the path to it from the start. No network needed.
 *
 * @example
 * ```ts
 * writeFileSync('plan.html', toHtml(plan.toAst()));
 * writeFileSync('lint.html', toHtml(doc, { flow: lintOverlay(callFlow(doc), lint(xml).diagnostics) }));
 * ```
 */
export function toHtml(plan: PlanSource, options: string | DiagramOptions = {}): string {
  const doc = planTree(plan, 'toHtml()');
  const opts = typeof options === 'string' ? { title: options } : options;
  const name = opts.title ?? doc.root.attributes['name'] ?? 'dialplan';
  const { flow: plain, tags } = callFlowWithTags(doc);
  const flow = opts.flow ?? plain;
  const drawing = drawingOf(flow);
  const data = {
    width: drawing.layout.width,
    height: drawing.layout.height,
    nodes: Object.fromEntries(
      flow.nodes.map((n) => {
        const tag = tags.get(n.id);
        const notes = (n.marks ?? []).flatMap((m) => (m.note ? [{ kind: m.kind, text: m.note }] : []));
        return [n.id, { label: n.label, path: n.path, ...(n.line === undefined ? {} : { line: n.line }), xml: tag ? snippet(tag) : '', notes }];
      }),
    ),
  };
  const html = xmlbuilder2().create().ele('html', { lang: 'en' });
  const head = html.ele('head');
  head.ele('meta', { charset: 'utf-8' });
  head.ele('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' });
  head.ele('title').txt(xmlText(`Call flow: ${name}`));
  head.ele('style').txt(PAGE_STYLE);
  const body = html.ele('body');
  const header = body.ele('header');
  header.ele('h1').txt(xmlText(`Call flow: ${name}`));
  header
    .ele('p', { class: 'legend' })
    .txt('Solid arrows run in order or take a branch; dashed arrows jump by name (goto) or fire on a caught event; purple ones go back up. Click a step for its line and tag; drag to pan, wheel or + − to zoom, 0 to fit.');
  // the overlay's colours, for the marks this drawing has
  const present = new Set([...flow.nodes, ...flow.edges].flatMap((x) => (x.marks ?? []).map((m) => m.kind)));
  if (present.size > 0) {
    const legend = header.ele('p', { class: 'marks' });
    for (const kind of Object.keys(MARK_WORDS) as MarkKind[]) {
      if (!present.has(kind)) continue;
      const s = MARK_STYLES[kind];
      legend.ele('span', { class: 'swatch', style: `background:${s.fill};border:2px ${s.dashed ? 'dashed' : 'solid'} ${s.stroke}` }).txt(' ');
      legend.txt(`${MARK_WORDS[kind]} `);
    }
  }
  const tools = header.ele('div', { class: 'tools' });
  tools.ele('button', { type: 'button', 'data-act': 'out', title: 'Zoom out (-)' }).txt('−');
  tools.ele('button', { type: 'button', 'data-act': 'in', title: 'Zoom in (+)' }).txt('+');
  tools.ele('button', { type: 'button', 'data-act': 'fit', title: 'Fit to the window (0)' }).txt('Fit');
  const main = body.ele('main');
  main.import(buildSvg(drawing));
  const aside = main.ele('aside', { id: 'details', hidden: 'hidden' });
  aside.ele('button', { type: 'button', id: 'd-close', title: 'Close (Esc)' }).txt('×');
  // HTML has no self-closing tags (an empty <p/> would swallow what follows): the panel's
  // parts start with a space, which the script replaces
  for (const [tag, id] of [
    ['h2', 'd-title'],
    ['p', 'd-line'],
    ['pre', 'd-xml'],
    ['ul', 'd-notes'],
    ['p', 'd-reach'],
  ] as const) {
    aside.ele(tag, { id }).txt(' ');
  }
  // xmlbuilder2 would escape `<` and `&` inside <script>, where HTML reads no entities: the
  // script elements are written empty and filled with text made safe for them (JSON with
  // those characters as \u escapes, and a constant script holding no `</`).
  body.ele('script', { type: 'application/json', id: 'flow-data' }).txt('@@DATA@@');
  body.ele('script').txt('@@SCRIPT@@');
  const page = html.end({ headless: true, prettyPrint: false });
  // the placeholders are found at the page's end, after everything the plan's text could write
  const tail = '<script type="application/json" id="flow-data">@@DATA@@</script><script>@@SCRIPT@@</script>';
  const at = page.lastIndexOf(tail);
  if (at < 0) throw new Error('toHtml: the page lost its script placeholders');
  const scripts = `<script type="application/json" id="flow-data">${scriptJson(data)}</script><script>${PAGE_SCRIPT}</script>`;
  return `<!DOCTYPE html>\n${page.slice(0, at)}${scripts}${page.slice(at + tail.length)}\n`;
}

/** A dialplan's call flow as an SVG document. */
export function toSvg(plan: PlanSource, options: DiagramOptions = {}): string {
  return `${graphToSvg(options.flow ?? callFlowWithTags(planTree(plan, 'toSvg()')).flow)}\n`;
}
