/**
 * AST to DialplanXml. The only place that writes XML; xmlbuilder2 escapes by construction.
 *
 * @module
 */
import type * as Xmlbuilder2 from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { DocumentNode, Node } from '../ast/nodes.js';
import { elementName } from '../ast/nodes.js';
import { onDemand } from '../util/on-demand.js';
import { xmlAttribute, xmlText } from '../util/xml-literal.js';

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

function append(parent: XMLBuilder, node: Node): void {
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
      for (const child of node.children) append(el, child);
    }
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
export function compile(doc: DocumentNode, options: CompileOptions = {}): string {
  const root = xmlbuilder2().create({ version: '1.0', encoding: 'UTF-8' });
  for (const c of doc.prolog) root.com(c.text);
  append(root, doc.root);
  for (const c of doc.epilog) root.com(c.text);
  const pretty = options.pretty ?? true;
  const xml = root.end({
    headless: !(options.declaration ?? false),
    prettyPrint: pretty,
    indent: options.indent ?? '  ',
    newline: '\n',
  });
  return pretty ? `${xml}\n` : xml;
}
