/**
 * How compiled XML is laid out, shared by both writers of `compile/` (the direct writer and
 * the xmlbuilder2 one it falls back to), so the two cannot drift apart.
 *
 * @module
 */
import type { AnyElement } from '../ast/nodes.js';
import { tagSpec } from '../language/catalog.js';

/** The options of `compile()` that shape the text. */
export interface Layout {
  /** Indentation for pretty output, or undefined for one line. */
  readonly indent: Indent | undefined;
  /** Start with the XML declaration. */
  readonly declaration: boolean;
}

/**
 * Whether pretty output breaks the element's content over indented lines. Leaf tags never:
 * their content is what CallFire reads (`Hello<!-- c -->world` is the TTS text "Helloworld",
 * and line breaks between the pieces would become part of it). Other elements do when they
 * hold more than text, as xmlbuilder2's own pretty printer would.
 */
export function indentsContent(node: AnyElement): boolean {
  if (node.kind !== '#unknown' && tagSpec(node.kind).content !== 'children') return false;
  for (const c of node.children) if (c.kind !== '#text') return true;
  return false;
}

/** Line breaks and indentation for pretty output. */
export class Indent {
  readonly #unit: string;
  readonly #lines: string[] = [];
  constructor(unit: string) {
    this.#unit = unit;
  }
  /** A line break followed by the indentation of `depth`. */
  line(depth: number): string {
    return (this.#lines[depth] ??= `\n${this.#unit.repeat(depth)}`);
  }
}

/** The XML declaration `compile()` writes on request, with the line break after it when pretty. */
export function declarationOf(layout: Layout): string {
  return layout.declaration ? `<?xml version="1.0" encoding="UTF-8"?>${layout.indent ? '\n' : ''}` : '';
}
