/**
 * AST to DialplanXml. The only place that writes plan XML: `write-xml.ts` writes the text
 * directly, and the few trees it leaves alone (namespace prefixes, non-ASCII names) go
 * through xmlbuilder2, whose output the direct writer matches byte for byte (a property test
 * holds the two against each other).
 *
 * @module
 */
import type { PlanSource } from '../ast/nodes.js';
import { planTree } from '../parse/plan-tree.js';
import { Indent, type Layout } from './layout.js';
import { writeXml } from './write-xml.js';
import { writeWithXmlbuilder2 } from './xmlbuilder-writer.js';

/** Options for {@link compile}. @category Compiling and parsing */
export interface CompileOptions {
  /** Indent nested tags (default `true`); `false` writes everything on one line. */
  readonly pretty?: boolean;
  /** Indentation for pretty output (default two spaces). */
  readonly indent?: string;
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>` (default `false`, like CallFire's samples). */
  readonly declaration?: boolean;
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
 * @category Compiling and parsing
 */
export function compile(plan: PlanSource, options: CompileOptions = {}): string {
  const doc = planTree(plan, 'compile()');
  const pretty = options.pretty ?? true;
  const layout: Layout = { indent: pretty ? new Indent(options.indent ?? '  ') : undefined, declaration: Boolean(options.declaration) };
  return writeXml(doc, layout) ?? writeWithXmlbuilder2(doc, layout);
}
