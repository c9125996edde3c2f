/**
 * For findings in a flow: where each one sits in the flow's compiled XML (what `dialplan build`
 * writes), kept beside the flow's own line and column as `xml`, so a report can be read next to
 * either file.
 *
 * @module
 */
import type { DocumentNode } from '../ast/nodes.js';
import { walk } from '../ast/visit.js';
import { compile } from '../compile/compile.js';
import { parse } from '../parse/parse.js';
import type { Diagnostic } from '../validate/diagnostic.js';

/** The diagnostics with `xml` set to their node's position in the compiled XML, where it has one. */
export function withXmlPositions(doc: DocumentNode, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  if (diagnostics.length === 0) return [];
  let compiled: DocumentNode | undefined;
  try {
    compiled = parse(compile(doc)).document;
  } catch {
    // a tree that cannot be written as XML has no XML positions (validate reports why)
  }
  if (!compiled) return [...diagnostics];
  const byPath = new Map<string, { line: number; column: number }>();
  for (const v of walk(compiled)) if (v.node.loc) byPath.set(v.path, { line: v.node.loc.line, column: v.node.loc.column });
  return diagnostics.map((d) => {
    const at = byPath.get(d.path);
    return at ? { ...d, xml: at } : d;
  });
}
