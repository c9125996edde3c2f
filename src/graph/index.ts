/**
 * Diagrams of a dialplan's call flow, and the overlays drawn on them.
 *
 * @module
 */
export { callFlow, callFlowWithTags, type CallFlowEdge, type CallFlow, type CallFlowNode, type Mark, type MarkKind } from './flow.js';
export { graphToMermaid, toMermaid } from './mermaid.js';
export { graphToDot, toDot } from './dot.js';
export { graphToSvg, toHtml, toSvg, type DiagramOptions } from './svg.js';
export { MAX_DRAWN_STEPS } from './drawing.js';
export { LayoutLimitError, MAX_BEND_POINTS } from './layout.js';
export { coverageOverlay, lintOverlay, stepAt, withMarks } from './overlay.js';
