/**
 * Exact source spans of attributes: where each attribute's name and value were written in a
 * start tag. The parser keeps only where the start tag begins and ends; the tag (known to be
 * well-formed) is scanned here once more, character by character, when its spans are read.
 *
 * @module
 */
import type { AttributeSpan, SourcePoint, SourceSpan } from '../ast/nodes.js';

/** Turns 0-based offsets into points (line, column and offset). */
export type PointAt = (offset: number) => SourcePoint;

/** A span between two offsets. */
function spanOf(at: PointAt, start: number, end: number): SourceSpan {
  return { start: at(start), end: at(end) };
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * The attributes of the well-formed start tag `xml.slice(nameEnd, end)` (just after the tag
 * name up to and including its `>`), by name in the order written.
 */
export function attributeSpans(xml: string, nameEnd: number, end: number, at: PointAt): Record<string, AttributeSpan> {
  const out: Record<string, AttributeSpan> = {};
  let i = nameEnd;
  while (i < end) {
    const c = xml.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 0x2f /* / */ || c === 0x3e /* > */) break;
    const nameStart = i;
    while (i < end && !isSpace(xml.charCodeAt(i)) && xml.charCodeAt(i) !== 0x3d /* = */) i++;
    const nameStop = i;
    while (i < end && xml.charCodeAt(i) !== 0x22 && xml.charCodeAt(i) !== 0x27) i++;
    const quote = xml[i] === "'" ? "'" : '"';
    const valueStart = i + 1;
    const valueStop = xml.indexOf(quote, valueStart);
    if (valueStop === -1 || valueStop >= end) break; // not reached for well-formed input
    i = valueStop + 1;
    const name = spanOf(at, nameStart, nameStop);
    const value = spanOf(at, valueStart, valueStop);
    out[xml.slice(nameStart, nameStop)] = { whole: { start: name.start, end: at(i) }, name, value, quote };
  }
  return out;
}
