/**
 * What a builder holds: its tags as a persistent list, so that adding a tag shares everything
 * built before it and a half-built plan can be the start of several.
 *
 * @module
 */
import type { Node } from '../ast/nodes.js';

/**
 * One cell of a persistent list: adding a tag shares everything built before it.
 *
 * @internal
 */
export interface Cell {
  readonly node: Node;
  readonly prev: Cell | undefined;
  readonly size: number;
}

/** Reads the nodes a builder holds; kept off the public surface. */
export const NODES: unique symbol = Symbol('nodes');

/** The list with `node` added at the end. */
export function append(last: Cell | undefined, node: Node): Cell {
  return { node, prev: last, size: (last?.size ?? 0) + 1 };
}

/** The nodes of a list, first to last. */
export function toArray(last: Cell | undefined): Node[] {
  const out = new Array<Node>(last?.size ?? 0);
  for (let c = last, i = out.length - 1; c; c = c.prev, i--) out[i] = c.node;
  return out;
}
