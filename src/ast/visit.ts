/**
 * Walking the tree with the path every diagnostic and trace event carries.
 *
 * @module
 */
import type { AnyElement, DocumentNode, Node } from './nodes.js';
import { elementName, isElement } from './nodes.js';

/** Where a node sits: its path, its parent and its depth. @category Lint rules */
export interface Visit {
  readonly node: AnyElement;
  /** `/dialplan/menu[2]/keypress[3]`: element names with 1-based index among same-named siblings. */
  readonly path: string;
  /** The parent element; undefined for the root. */
  readonly parent: AnyElement | undefined;
  /** 1 for the root, 2 for its children, and so on. */
  readonly depth: number;
}

/**
 * A visit that links to its parent's visit instead of copying the ancestors, so walking a
 * plan nested `d` deep costs O(1) per element, not O(d). The path is written when first read
 * (most passes read few of them: lint only for its findings) and kept.
 */
class Step implements Visit {
  private written: string | undefined;

  constructor(
    readonly node: AnyElement,
    /** The element's name and 1-based index among same-named siblings; the root has none. */
    private readonly name: string,
    private readonly nth: number,
    private readonly up: Step | undefined,
    readonly depth: number,
  ) {}

  get parent(): AnyElement | undefined {
    return this.up?.node;
  }

  get path(): string {
    if (this.written === undefined) {
      // the ancestors whose paths are not written yet, nearest first: a loop, not recursion,
      // so a tree built in code deeper than any limit still gets its paths
      const pending: Step[] = [];
      for (let s: Step | undefined = this; s && s.written === undefined; s = s.up) pending.push(s);
      for (let i = pending.length - 1; i >= 0; i--) {
        const s = pending[i]!;
        s.written = s.up ? `${s.up.written}/${s.name}[${s.nth}]` : '/dialplan';
      }
    }
    return this.written!;
  }
}

/**
 * Numbers children among their same-named siblings (the `[n]` of a path), one parent after
 * the other, with one reused map: a new map per parent, or `Map.clear()`, allocates a table
 * for each of a big plan's parents.
 */
export class SameNameCounter<P> {
  readonly #counts = new Map<string, { of: P; n: number }>();

  /** The 1-based place of the next child called `name` among the children of `parent`; all of one parent's children come before the next parent's. */
  next(parent: P, name: string): number {
    const same = this.#counts.get(name);
    if (!same) {
      this.#counts.set(name, { of: parent, n: 1 });
      return 1;
    }
    if (same.of !== parent) {
      same.of = parent;
      same.n = 0;
    }
    return ++same.n;
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
  const stack: Step[] = [new Step(doc.root, 'dialplan', 1, undefined, 1)];
  const counts = new SameNameCounter<Step>();
  // the children of the step being expanded, in reused slots (emptying the array would drop its storage)
  const children: Step[] = [];
  while (stack.length > 0) {
    const v = stack.pop()!;
    yield v;
    const kids = v.node.children;
    let count = 0;
    for (let c = 0; c < kids.length; c++) {
      const child = kids[c]!;
      if (!isElement(child)) continue;
      const n = elementName(child);
      children[count++] = new Step(child, n, counts.next(v, n), v, v.depth + 1);
    }
    for (let j = count - 1; j >= 0; j--) stack.push(children[j]!);
  }
}
