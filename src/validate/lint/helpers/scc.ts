/**
 * Strongly connected components of the control-flow graph: the loops `loop-without-exit`
 * looks for.
 *
 * @module
 */

/** A graph over the numbers `0 … size - 1` in compressed rows (see `NumberedFlow` in `ast/flow.ts`). */
export interface NumberedGraph {
  readonly size: number;
  /** The successors of node `i` are `to[first[i]] … to[first[i + 1] - 1]`. */
  readonly first: Int32Array;
  readonly to: Int32Array;
}

/**
 * Hands `each` the strongly connected components of the graph reachable from the nodes
 * `0 … starts - 1` (tried in that order), one by one as they close, so a big plan's many
 * one-node components are not all kept (Tarjan, iterative so deep plans cannot overflow the
 * stack). The bookkeeping is a few typed arrays of the graph's size: a 20 MB plan has some
 * 400,000 nodes. A component is `nodes[from] … nodes[to - 1]`, valid only during the call (its
 * order is not meaningful): no array per component, since most are one node.
 */
export function stronglyConnected(graph: NumberedGraph, starts: number, each: (nodes: Int32Array, from: number, to: number) => void): void {
  const { size, first, to } = graph;
  // discovery order of each node (-1: not seen), and the lowest one it reaches on the stack
  const order = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const stack = new Int32Array(size);
  let top = 0;
  // the depth-first path: node numbers and the next edge of each to follow
  const path = new Int32Array(size);
  const edge = new Int32Array(size);
  let depth = 0;
  let seen = 0;
  const visit = (v: number): void => {
    order[v] = low[v] = seen++;
    stack[top++] = v;
    onStack[v] = 1;
    path[depth] = v;
    edge[depth++] = first[v]!;
  };
  for (let s = 0; s < starts; s++) {
    if (order[s]! >= 0) continue;
    visit(s);
    while (depth > 0) {
      const v = path[depth - 1]!;
      const e = edge[depth - 1]!;
      if (e < first[v + 1]!) {
        edge[depth - 1] = e + 1;
        const w = to[e]!;
        if (order[w]! < 0) visit(w);
        else if (onStack[w] && order[w]! < low[v]!) low[v] = order[w]!;
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = path[depth - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] === order[v]) {
        let from = top - 1;
        while (stack[from] !== v) from--;
        for (let i = from; i < top; i++) onStack[stack[i]!] = 0;
        each(stack, from, top);
        top = from;
      }
    }
  }
}
