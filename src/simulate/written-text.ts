/**
 * The text of a tag as the plan writes it, and whether a value so written reads as text or as
 * JavaScript. Both the engine (engine.ts) and the tag handlers (handlers.ts) read them; they
 * live here so that handlers.ts needs no run-time import of the engine, which imports the
 * handlers (issue 14).
 *
 * @module
 */
import { textOf, type ElementNode } from '../ast/nodes.js';
import { readTemplateValue, type ValueReading } from '../language/value-rule.js';
import { remember } from '../util/bounded-cache.js';

/** Texts of leaf tags by tag, read once (trees are immutable). */
const texts = new WeakMap<ElementNode, string>();

/** The trimmed text of a leaf tag, as written (before substitution). */
export function writtenText(node: ElementNode): string {
  let text = texts.get(node);
  if (text === undefined) texts.set(node, (text = textOf(node)));
  return text;
}

/** How each value reads as the plan writes it (a pure function of the text; plans repeat their values). */
const readings = new Map<string, ValueReading>();
const MAX_READINGS = 2_000;

function readingOf(raw: string): ValueReading {
  let reading = readings.get(raw);
  if (reading === undefined) {
    reading = readTemplateValue(raw);
    if (raw.length < 4_096) remember(readings, raw, reading, MAX_READINGS);
  }
  return reading;
}

/** Whether a setvar/stash/equal value, as the plan writes it, reads as text rather than JavaScript (see `Run.value` in engine.ts). */
export function readsAsText(raw: string): boolean {
  return readingOf(raw).kind === 'text';
}
