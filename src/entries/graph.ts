/**
 * `callfire-dialplan/graph`: diagrams of a dialplan's call flow (Mermaid, DOT, SVG, an HTML
 * page) and the overlays drawn on them (coverage, lint findings, a diff).
 *
 * @module callfire-dialplan/graph
 */
export * from '../graph/index.js';
