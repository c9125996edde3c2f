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
  /** The parent element; undefined for the root. */
  readonly parent: AnyElement | undefined;
  /** 1 for the root, 2 for its children, and so on. */
  readonly depth: number;
  /** Every enclosing element, the root first and the parent last (built when read: prefer `parent`). */
  readonly ancestors: readonly AnyElement[];
}

/**
 * A visit that links to its parent's visit instead of copying the ancestors, so walking a
 * plan nested `d` deep costs O(1) per element, not O(d).
 */
class Step implements Visit {
  constructor(
    readonly node: AnyElement,
    readonly path: string,
    private readonly up: Step | undefined,
    readonly depth: number,
  ) {}

  get parent(): AnyElement | undefined {
    return this.up?.node;
  }

  get ancestors(): readonly AnyElement[] {
    const out: AnyElement[] = [];
    for (let s = this.up; s; s = s.up) out.push(s.node);
    return out.reverse();
  }
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
  // an explicit stack, not recursion: depth costs neither call stack nor copies
  const stack: Step[] = [new Step(doc.root, '/dialplan', undefined, 1)];
  while (stack.length > 0) {
    const v = stack.pop()!;
    yield v;
    const steps = childSteps(v.node);
    for (let i = steps.length - 1; i >= 0; i--) {
      const [node, step] = steps[i]!;
      stack.push(new Step(node, `${v.path}/${step}`, v, v.depth + 1));
    }
  }
}

/** A map from each element to its path, for passes that meet nodes out of order. */
export function pathIndex(doc: DocumentNode): Map<AnyElement, string> {
  const index = new Map<AnyElement, string>();
  for (const v of walk(doc)) index.set(v.node, v.path);
  return index;
}
