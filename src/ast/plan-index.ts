/**
 * A document index computed once per document: each tag's parent, path and position among
 * its siblings, and the tags by (trimmed) name for `goto`. The simulator runs on it; lint's
 * context and the flow graph can share it instead of walking the tree again.
 *
 * @module
 */
import { FlowGraph } from './flow.js';
import type { AnyElement, DocumentNode, ElementNode } from './nodes.js';
import { elementChildren, textOf } from './nodes.js';
import { walk } from './visit.js';

/** Where one tag sits in the plan. */
export interface Placement {
  readonly parent?: ElementNode;
  readonly path: string;
  /** The element siblings, this tag included, in document order. */
  readonly siblings: readonly AnyElement[];
  readonly index: number;
}

/** The plan, indexed. */
export interface PlanIndex {
  readonly document: DocumentNode;
  readonly placement: ReadonlyMap<AnyElement, Placement>;
  /** Tags by `name`; the first in document order wins when names repeat. */
  readonly byName: ReadonlyMap<string, ElementNode>;
  /** Every known tag in document order. */
  readonly elements: readonly ElementNode[];
}

const cache = new WeakMap<DocumentNode, PlanIndex>();

/** Indexes a document (cached per document object, since trees are immutable). */
export function indexPlan(document: DocumentNode): PlanIndex {
  const hit = cache.get(document);
  if (hit) return hit;
  const placement = new Map<AnyElement, Placement>();
  const byName = new Map<string, ElementNode>();
  const elements: ElementNode[] = [];
  // walk() visits each parent's element children in order, so a running count per parent is
  // the child's position; `siblings.indexOf(node)` would make wide parents quadratic.
  const childrenOf = new Map<AnyElement, { siblings: AnyElement[]; next: number }>();
  for (const { node, path, parent: visitParent } of walk(document)) {
    const parent = visitParent as ElementNode | undefined;
    if (!parent) {
      placement.set(node, { path, siblings: [node], index: 0 });
    } else {
      let seen = childrenOf.get(parent);
      if (!seen) childrenOf.set(parent, (seen = { siblings: elementChildren(parent), next: 0 }));
      placement.set(node, { parent, path, siblings: seen.siblings, index: seen.next++ });
    }
    if (node.kind === '#unknown') continue;
    elements.push(node);
    const name = node.attributes['name']?.trim();
    if (name && !byName.has(name)) byName.set(name, node);
  }
  const index: PlanIndex = { document, placement, byName, elements };
  cache.set(document, index);
  return index;
}

const graphs = new WeakMap<DocumentNode, FlowGraph>();

/**
 * The execution graph of a document over its index (parents, goto targets by trimmed name),
 * built once per document so the simulator's calls and the diagrams share its caches.
 */
export function flowGraphOf(document: DocumentNode): FlowGraph {
  let graph = graphs.get(document);
  if (!graph) {
    const { placement, byName } = indexPlan(document);
    graph = new FlowGraph({
      parentOf: (n) => placement.get(n)?.parent,
      target: (name) => byName.get(name.trim()),
      attr: (n, a) => n.attributes[a],
      text: (n) => textOf(n),
    });
    graphs.set(document, graph);
  }
  return graph;
}
