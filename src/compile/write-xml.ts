/**
 * The syntax tree written as XML text directly, without building a DOM: xmlbuilder2, used the
 * way `compile()` used it, spent about half a second on a 1,000-menu flow, most of it creating
 * and walking DOM nodes (issue 13). This writer produces the same bytes for every tree it
 * accepts; the property test in test/compile/write-xml.test.ts holds it against
 * `writeWithXmlbuilder2` on random trees, pretty and compact.
 *
 * What it writes, as xmlbuilder2 writes it after `xml-literal.ts`'s escapes:
 * - text: `&`, `<` and `>` as entities; everything else as it is (quotes, control
 *   characters, astral characters);
 * - attribute values in double quotes: `&`, `<`, `>` and `"` as entities, tab, line feed and
 *   carriage return as character references (a reader would turn raw ones into spaces);
 * - comments as they are; an element without children as `<x/>`, one whose only children are
 *   empty texts as `<x></x>`.
 *
 * A tree it does not handle the same way by construction (a namespace prefix or `xmlns`
 * attribute, which xmlbuilder2 resolves against namespaces; a name outside plain ASCII; a
 * value that is not a string, from untyped code) makes it give up, and `compile()` uses
 * xmlbuilder2 for that tree.
 *
 * @module
 */
import type { AnyElement, DocumentNode, Node } from '../ast/nodes.js';
import { TAG_NAMES, tagSpec } from '../language/catalog.js';
import { declarationOf, indentsContent, type Indent, type Layout } from './layout.js';
import { TextBuffer } from './text-buffer.js';

/** Thrown inside the writer when the tree needs xmlbuilder2; never leaves this module. */
const GIVE_UP: unique symbol = Symbol('write with xmlbuilder2');

// XML names without a namespace prefix, ASCII only; `xmlns` declares a namespace.
const PLAIN_NAME = /^(?!xmlns$)[A-Za-z_][A-Za-z0-9_.-]*$/;
// xmlbuilder2's own escape of text it is handed as is (the indentation), which leaves an `&`
// that starts something entity-like alone.
const LOOSE_AMPERSAND = /&(?![A-Za-z]+;|#\d+;)/g;

// The catalog's tag and attribute names, all plain: most names are one of them, and a set
// lookup is cheaper than the pattern.
let catalogNames: ReadonlySet<string> | undefined;

function plainName(name: unknown): string {
  catalogNames ??= new Set(TAG_NAMES.flatMap((tag) => [tag, ...Object.keys(tagSpec(tag).attributes)]));
  if (typeof name !== 'string' || !(catalogNames.has(name) || PLAIN_NAME.test(name))) throw GIVE_UP;
  return name;
}

/** One document being written: the text so far, and the layout's indentation. */
class Writer {
  readonly out = new TextBuffer();
  readonly #indent: Indent | undefined;
  // Indentation of spaces or tabs, the usual kind, has nothing to escape, so the layout's own
  // (cached) lines are written as they are; only an indent unit with `&`, `<` or `>` is escaped.
  readonly #escapes: boolean;

  constructor(indent: Indent | undefined) {
    this.#indent = indent;
    this.#escapes = indent !== undefined && /[&<>]/.test(indent.line(1));
  }

  /** The line break and indentation before a node at `depth`, escaped as xmlbuilder2 escapes text. */
  line(depth: number): string {
    const line = this.#indent!.line(depth);
    return this.#escapes ? line.replace(LOOSE_AMPERSAND, '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;') : line;
  }

  node(node: Node, depth: number): void {
    switch (node.kind) {
      case '#text':
        if (typeof node.text !== 'string') throw GIVE_UP;
        this.out.text(node.text);
        return;
      case '#comment':
        if (typeof node.text !== 'string') throw GIVE_UP;
        this.out.raw('<!--');
        this.out.raw(node.text);
        this.out.raw('-->');
        return;
      default:
        this.element(node, depth);
    }
  }

  element(node: AnyElement, depth: number): void {
    const { out } = this;
    const name = plainName(node.kind === '#unknown' ? node.name : node.kind);
    const attributes = node.attributes;
    out.raw('<');
    out.raw(name);
    for (const key of Object.keys(attributes)) {
      const value = attributes[key];
      if (typeof value !== 'string') throw GIVE_UP;
      out.raw(' ');
      out.raw(plainName(key));
      out.raw('="');
      out.attribute(value);
      out.raw('"');
    }
    const children = node.children;
    if (!Array.isArray(children)) throw GIVE_UP;
    if (children.length === 0) {
      out.raw('/>');
      return;
    }
    out.raw('>');
    const inner = this.#indent !== undefined && indentsContent(node);
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as Node;
      // an empty text node writes nothing, so it gets no line of its own either
      if (inner && !(child.kind === '#text' && child.text === '')) out.raw(this.line(depth + 1));
      this.node(child, depth + 1);
    }
    if (inner) out.raw(this.line(depth));
    out.raw('</');
    out.raw(name);
    out.raw('>');
  }
}

/**
 * The document as XML, or undefined when the tree holds something only xmlbuilder2 writes
 * right (see the module comment).
 */
export function writeXml(doc: DocumentNode, layout: Layout): string | undefined {
  const { indent } = layout;
  const writer = new Writer(indent);
  const { out } = writer;
  try {
    out.raw(declarationOf(layout));
    const nodes = [...doc.prolog, doc.root, ...doc.epilog];
    for (let i = 0; i < nodes.length; i++) {
      if (indent && i > 0) out.raw(writer.line(0));
      writer.node(nodes[i] as Node, 0);
    }
  } catch (e) {
    out.discard();
    if (e === GIVE_UP) return undefined;
    throw e;
  }
  if (indent) out.raw('\n');
  return out.finish();
}
