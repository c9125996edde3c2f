/**
 * AST to DialplanXml. The only place that writes XML; xmlbuilder2 escapes by construction.
 *
 * @module
 */
import type * as Xmlbuilder2 from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { AnyElement, Node, PlanSource } from '../ast/nodes.js';
import { elementName } from '../ast/nodes.js';
import { tagSpec } from '../language/catalog.js';
import { onDemand } from '../util/on-demand.js';
import { xmlAttribute, xmlText } from '../util/xml-literal.js';
import { planTree } from '../parse/plan-tree.js';

// xmlbuilder2 brings a DOM and a YAML library and takes longer to load than a whole lint of a
// small plan: load it on the first compile, so commands that only read XML never pay for it.
const xmlbuilder2 = onDemand<typeof Xmlbuilder2>('xmlbuilder2');

/** Options for {@link compile}. */
export interface CompileOptions {
  /** Indent nested tags (default `true`); `false` writes everything on one line. */
  readonly pretty?: boolean;
  /** Indentation for pretty output (default two spaces). */
  readonly indent?: string;
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>` (default `false`, like CallFire's samples). */
  readonly declaration?: boolean;
}

/**
 * Whether pretty output breaks the element's content over indented lines. Leaf tags never:
 * their content is what CallFire reads (`Hello<!-- c -->world` is the TTS text "Helloworld",
 * and line breaks between the pieces would become part of it). Other elements do when they
 * hold more than text, as xmlbuilder2's own pretty printer would.
 */
function indentsContent(node: AnyElement): boolean {
  if (node.kind !== '#unknown' && tagSpec(node.kind).content !== 'children') return false;
  return node.children.some((c) => c.kind !== '#text');
}

/**
 * Appends `node` under `parent`. Pretty output is made here rather than by xmlbuilder2's
 * `prettyPrint`, which indents inside every element holding more than text, leaf tags
 * included: `indent` is the line break and indentation before a tag at this depth, or
 * undefined for one-line output. The whitespace goes in as text nodes, so xmlbuilder2 still
 * writes (and escapes) everything.
 */
function append(parent: XMLBuilder, node: Node, indent: Indent | undefined, depth: number): void {
  switch (node.kind) {
    case '#text':
      parent.txt(xmlText(node.text));
      return;
    case '#comment':
      parent.com(node.text);
      return;
    default: {
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(node.attributes)) attributes[k] = xmlAttribute(v);
      const el = parent.ele(elementName(node), attributes);
      const inner = indent && indentsContent(node) ? indent : undefined;
      for (const child of node.children) {
        // an empty text node writes nothing, so it gets no line of its own either
        if (inner && !(child.kind === '#text' && child.text === '')) el.txt(inner.line(depth + 1));
        append(el, child, indent, depth + 1);
      }
      if (inner) el.txt(inner.line(depth));
    }
  }
}

/** Line breaks and indentation for pretty output. */
class Indent {
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

/**
 * Writes a document as CallFire XML. Output is deterministic: attributes keep their order
 * and every value is escaped.
 *
 * @example
 * ```ts
 * compile(parse('<dialplan><hangup/></dialplan>').document!, { pretty: false });
 * // '<dialplan><hangup/></dialplan>'
 * ```
 */
export function compile(plan: PlanSource, options: CompileOptions = {}): string {
  const doc = planTree(plan, 'compile()');
  const pretty = options.pretty ?? true;
  const indent = pretty ? new Indent(options.indent ?? '  ') : undefined;
  // a fragment, not a document, so the line breaks between the top-level nodes can be text
  const top = xmlbuilder2().fragment();
  const nodes = [...doc.prolog, doc.root, ...doc.epilog];
  nodes.forEach((node, i) => {
    if (indent && i > 0) top.txt(indent.line(0));
    append(top, node, indent, 0);
  });
  const declaration = options.declaration ? `<?xml version="1.0" encoding="UTF-8"?>${pretty ? '\n' : ''}` : '';
  const xml = declaration + top.end({ prettyPrint: false });
  return pretty ? `${xml}\n` : xml;
}
