/**
 * Strongly connected components of the control-flow graph: the loops `loop-without-exit`
 * looks for.
 *
 * @module
 */
import type { FlowGraph, FlowNode } from '../../../ast/flow.js';

/**
 * Strongly connected components of the graph reachable from `starts` (Tarjan, iterative so
 * deep plans cannot overflow the stack).
 */
export function stronglyConnected(graph: FlowGraph, starts: readonly FlowNode[]): FlowNode[][] {
  const index = new Map<FlowNode, number>();
  const low = new Map<FlowNode, number>();
  const onStack = new Set<FlowNode>();
  const stack: FlowNode[] = [];
  const out: FlowNode[][] = [];
  let counter = 0;
  for (const s of starts) {
    if (index.has(s)) continue;
    const work: Array<{ node: FlowNode; succ: readonly FlowNode[]; i: number }> = [];
    const push = (node: FlowNode) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, succ: graph.successors(node), i: 0 });
    };
    push(s);
    while (work.length > 0) {
      const top = work.at(-1)!;
      if (top.i < top.succ.length) {
        const w = top.succ[top.i++]!;
        if (!index.has(w)) push(w);
        else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const comp: FlowNode[] = [];
        let w: FlowNode;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.node);
        out.push(comp);
      }
    }
  }
  return out;
}
