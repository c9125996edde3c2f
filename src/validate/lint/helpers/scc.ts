/**
 * Strongly connected components of the control-flow graph: the loops `loop-without-exit`
 * looks for.
 *
 * @module
 */
import type { FlowGraph, FlowNode } from '../../../ast/flow.js';

/**
 * Hands `each` the strongly connected components of the graph reachable from `starts`, one by
 * one as they close, so a big plan's many one-node components are not all kept (Tarjan,
 * iterative so deep plans cannot overflow the stack). Nodes get dense numbers on first sight, so the
 * bookkeeping lives in flat arrays rather than maps: a 3 MB plan has some 70,000 nodes.
 */
export function stronglyConnected(graph: FlowGraph, starts: readonly FlowNode[], each: (component: readonly FlowNode[]) => void): void {
  const id = new Map<FlowNode, number>();
  const nodes: FlowNode[] = [];
  // each node's successors, asked of the graph once: the walk comes back to a node once per edge
  const next: (readonly FlowNode[])[] = [];
  const low: number[] = [];
  const onStack: boolean[] = [];
  const stack: number[] = [];
  // the depth-first path: node numbers and how many successors each has been through
  const path: number[] = [];
  const nextChild: number[] = [];
  const visit = (node: FlowNode): number => {
    const n = nodes.length;
    id.set(node, n);
    nodes.push(node);
    next.push(graph.successors(node));
    low.push(n);
    onStack.push(true);
    stack.push(n);
    path.push(n);
    nextChild.push(0);
    return n;
  };
  for (const s of starts) {
    if (id.has(s)) continue;
    visit(s);
    while (path.length > 0) {
      const v = path[path.length - 1]!;
      const succ = next[v]!;
      const i = nextChild[nextChild.length - 1]!;
      if (i < succ.length) {
        nextChild[nextChild.length - 1] = i + 1;
        const w = id.get(succ[i]!);
        if (w === undefined) visit(succ[i]!);
        else if (onStack[w]) low[v] = Math.min(low[v]!, w);
        continue;
      }
      path.pop();
      nextChild.pop();
      if (path.length > 0) {
        const parent = path[path.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === v) {
        const comp: FlowNode[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          comp.push(nodes[w]!);
        } while (w !== v);
        each(comp);
      }
    }
  }
}
