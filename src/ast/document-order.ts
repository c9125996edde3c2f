/**
 * An element's place in the document order of the tree it was made in, when its maker knows
 * it: `parse()` opens elements in document order (depth first, the root first), which is the
 * order the document index numbers them in (`plan-index.ts`). The index then finds a parsed
 * element's number on the element itself instead of in a map from each node to its number,
 * which on a 20 MB plan was 18 MB of a lint run's peak.
 *
 * It is a symbol-keyed getter on the node's prototype, not an own property, so copies, JSON
 * and deep equality of trees do not see it. A node moved into another document keeps its old
 * place: the index checks it (`all[k] === node`) before trusting it.
 *
 * @module
 */

/** The key of a node's place in its document's order (a getter; absent on built nodes). */
export const DOCUMENT_ORDER: unique symbol = Symbol('document order');

/** A node that may know its place in its document's order. */
export interface MaybeOrdered {
  readonly [DOCUMENT_ORDER]?: number;
}
