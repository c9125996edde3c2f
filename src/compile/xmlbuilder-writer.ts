/**
 * The syntax tree written through xmlbuilder2's DOM. `compile()` uses it for the trees its
 * direct writer (`write-xml.ts`) leaves alone (names with a namespace prefix, `xmlns`
 * attributes, names outside ASCII, values that are not strings), and the property test in
 * test/compile holds the direct writer byte for byte against it.
 *
 * @module
 */
import type * as Xmlbuilder2 from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { DocumentNode, Node } from '../ast/nodes.js';
import { elementName } from '../ast/nodes.js';
import { onDemand } from '../util/on-demand.js';
import { xmlAttribute, xmlText } from '../util/xml-literal.js';
import { declarationOf, indentsContent, type Indent, type Layout } from './layout.js';

// xmlbuilder2 brings a DOM and a YAML library and takes longer to load than a whole lint of a
// small plan: load it on first use, so commands that only read XML never pay for it.
const xmlbuilder2 = onDemand<typeof Xmlbuilder2>('xmlbuilder2');

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

/** The document as XML, written by xmlbuilder2. */
export function writeWithXmlbuilder2(doc: DocumentNode, layout: Layout): string {
  const { indent } = layout;
  // a fragment, not a document, so the line breaks between the top-level nodes can be text
  const top = xmlbuilder2().fragment();
  const nodes = [...doc.prolog, doc.root, ...doc.epilog];
  nodes.forEach((node, i) => {
    if (indent && i > 0) top.txt(indent.line(0));
    append(top, node, indent, 0);
  });
  const xml = declarationOf(layout) + top.end({ prettyPrint: false });
  return indent ? `${xml}\n` : xml;
}
