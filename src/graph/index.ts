/**
 * Diagrams of a dialplan's call flow.
 *
 * @module
 */
export { callFlow, type CallFlowEdge, type CallFlow, type CallFlowNode } from './flow.js';
export { graphToMermaid, toMermaid } from './mermaid.js';
export { graphToDot, toDot } from './dot.js';
export { graphToSvg, toHtml, toSvg } from './svg.js';
