/**
 * Exact source spans for the parser: where a start tag's name and each attribute's name
 * and value were written. saxes reports positions only at tag boundaries, so the start tag
 * (already known to be well-formed) is scanned here once more, character by character.
 *
 * @module
 */
import type { AttributeSpan, SourcePoint, SourceSpan } from '../ast/nodes.js';
import { lineStarts, positionAt } from '../util/line-starts.js';

/** Turns 0-based offsets into points (line, column and offset). */
export type PointAt = (offset: number) => SourcePoint;

/**
 * Points of one text, asked for in (mostly) increasing order as the parser moves on: moving
 * forward counts the line breaks passed, so a whole parse costs one pass over the text; a step
 * back (rare) is a binary search in the line starts, built on first need.
 */
export class PointCursor {
  #offset = 0;
  #line = 1;
  #lineStart = 0;
  #starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** The point of `offset`. */
  at(offset: number): SourcePoint {
    if (offset < this.#offset) {
      const p = positionAt((this.#starts ??= lineStarts(this.text)), offset);
      this.#line = p.line;
      this.#lineStart = offset - p.column + 1;
    } else {
      const text = this.text;
      for (let i = this.#offset; i < offset; i++) {
        if (text.charCodeAt(i) === 10) {
          this.#line++;
          this.#lineStart = i + 1;
        }
      }
    }
    this.#offset = offset;
    return { line: this.#line, column: offset - this.#lineStart + 1, offset };
  }
}

/** A span between two offsets. */
export function spanOf(at: PointAt, start: number, end: number): SourceSpan {
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
    // in text order, so a cursor behind `at` only moves forward
    const name = spanOf(at, nameStart, nameStop);
    const value = spanOf(at, valueStart, valueStop);
    out[xml.slice(nameStart, nameStop)] = { whole: { start: name.start, end: at(i) }, name, value, quote };
  }
  return out;
}
