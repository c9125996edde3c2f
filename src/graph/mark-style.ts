/**
 * The colours of overlay marks, one table for the formats that take colours as data (Mermaid
 * class definitions, DOT attributes); the SVG's stylesheet uses the same colours.
 *
 * @module
 */
import type { MarkKind } from './flow.js';

/** Fill, outline and text colour of a marked step; `dashed` outlines, `struck` text. */
export interface MarkStyle {
  readonly fill: string;
  readonly stroke: string;
  readonly color?: string;
  readonly dashed?: boolean;
  readonly struck?: boolean;
}

/** How each mark colours a step; the first mark of a step that has several wins. */
export const MARK_STYLES: Readonly<Record<MarkKind, MarkStyle>> = {
  error: { fill: '#ffebe9', stroke: '#cf222e' },
  warning: { fill: '#fff8c5', stroke: '#bf8700' },
  info: { fill: '#ddf4ff', stroke: '#0969da' },
  reached: { fill: '#dafbe1', stroke: '#1a7f37' },
  missed: { fill: '#f6f8fa', stroke: '#cf222e', color: '#6e7781', dashed: true },
  added: { fill: '#dafbe1', stroke: '#1a7f37' },
  changed: { fill: '#fff8c5', stroke: '#9a6700' },
  removed: { fill: '#ffebe9', stroke: '#cf222e', color: '#a40e26', dashed: true, struck: true },
  retargeted: { fill: '#fff1e5', stroke: '#bc4c00' },
};

/** Which mark of several colours a step: findings first, then changes, then coverage. */
const PRIORITY: readonly MarkKind[] = ['error', 'warning', 'info', 'removed', 'added', 'changed', 'retargeted', 'missed', 'reached'];

/** The mark that colours a step or an edge with these marks. */
export function leadingMark(marks: ReadonlyArray<{ readonly kind: MarkKind }> | undefined): MarkKind | undefined {
  if (!marks || marks.length === 0) return undefined;
  return PRIORITY.find((k) => marks.some((m) => m.kind === k));
}

/** Text struck through with U+0336 after each character, which renders wherever text does (no markup needed). */
export const struck = (text: string) => [...text].map((c) => `${c}\u0336`).join('');
