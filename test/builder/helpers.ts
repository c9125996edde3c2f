import type { Node } from '../../src/ast/nodes.js';
import { dialplan, type DialplanBuilder } from '../../src/builder/index.js';

/** The top-level nodes of a plan. */
export function body(plan: DialplanBuilder): readonly Node[] {
  return plan.toAst().root.children;
}

/** The single top-level node a plan holds. */
export function only(build: (b: DialplanBuilder) => DialplanBuilder): Node {
  const nodes = body(build(dialplan()));
  if (nodes.length !== 1) throw new Error(`expected one node, got ${nodes.length}`);
  return nodes[0]!;
}

/** Shorthand for expected nodes. */
export const el = (kind: string, attributes: Record<string, string> = {}, children: unknown[] = []) => ({ kind, attributes, children });
export const tx = (text: string) => ({ kind: '#text', text });
