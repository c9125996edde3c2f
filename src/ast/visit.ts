/**
 * Walking the tree with the path every diagnostic and trace event carries.
 *
 * @module
 */
import type { AnyElement, DocumentNode, Node } from './nodes.js';
import { elementName, isElement } from './nodes.js';

/** Where a node sits: its path and its ancestors, nearest last. */
export interface Visit {
  readonly node: AnyElement;
  /** `/dialplan/menu[2]/keypress[3]`: element names with 1-based index among same-named siblings. */
  readonly path: string;
  readonly ancestors: readonly AnyElement[];
}

/** The path step of each element child of `parent`, in order. */
export function childSteps(parent: { readonly children: readonly Node[] }): Array<[AnyElement, string]> {
  const counts = new Map<string, number>();
  const out: Array<[AnyElement, string]> = [];
  for (const child of parent.children) {
    if (!isElement(child)) continue;
    const n = elementName(child);
    const i = (counts.get(n) ?? 0) + 1;
    counts.set(n, i);
    out.push([child, `${n}[${i}]`]);
  }
  return out;
}

/**
 * Every element of the document in document order (depth first), with its path.
 * The root comes first with path `/dialplan`.
 */
export function* walk(doc: DocumentNode): Generator<Visit> {
  const stack: Visit[] = [{ node: doc.root, path: '/dialplan', ancestors: [] }];
  while (stack.length > 0) {
    const v = stack.pop()!;
    yield v;
    const steps = childSteps(v.node);
    const ancestors = [...v.ancestors, v.node];
    for (let i = steps.length - 1; i >= 0; i--) {
      const [node, step] = steps[i]!;
      stack.push({ node, path: `${v.path}/${step}`, ancestors });
    }
  }
}

/** A map from each element to its path, for passes that meet nodes out of order. */
export function pathIndex(doc: DocumentNode): Map<AnyElement, string> {
  const index = new Map<AnyElement, string>();
  for (const v of walk(doc)) index.set(v.node, v.path);
  return index;
}
