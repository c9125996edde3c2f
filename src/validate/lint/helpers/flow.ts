/**
 * A control-flow graph of a dialplan, following the execution model of §1.3: tags run top
 * to bottom; a finished keypress, if/else, amd branch, equal/notEqual or catch body goes on
 * after its container; a menu plays its prompts, then waits for input and runs the matching
 * keypress (or falls through); `goto` jumps to the named tag; `hangup` ends the call.
 *
 * @module
 */
import type { AnyElement } from '../../../ast/nodes.js';
import { elementChildren, elementName } from '../../../ast/nodes.js';
import { parseKeyPattern } from '../../../language/key-pattern.js';

/** A point in the flow: entering a tag, a menu waiting for input, or the call ending. */
export type FlowNode = AnyElement | MenuInput | typeof EXIT;

/** A menu after its prompts, waiting for the caller. */
export interface MenuInput {
  readonly input: AnyElement;
}

/** The call ends, or leaves the plan (hangup, transfer, end of the dialplan, gotoXML). */
export const EXIT = Symbol('exit');

/** What the graph needs from the document. */
export interface FlowFacts {
  parentOf(node: AnyElement): AnyElement | undefined;
  /** The first tag with that name. */
  target(name: string): AnyElement | undefined;
  attr(node: AnyElement, name: string): string | undefined;
  text(node: AnyElement): string;
}

const BRANCH_CHILD = new Set(['keypress', 'else']);

/** The control-flow graph: `successors(node)` lists where execution may go next. */
export class FlowGraph {
  private readonly inputs = new Map<AnyElement, MenuInput>();
  constructor(private readonly facts: FlowFacts) {}

  /** The waiting point of a menu (one object per menu). */
  inputOf(menu: AnyElement): MenuInput {
    let i = this.inputs.get(menu);
    if (!i) this.inputs.set(menu, (i = { input: menu }));
    return i;
  }

  private readonly nextCache = new Map<AnyElement, Map<AnyElement, AnyElement | undefined>>();

  /** For each child of `parent`, the next sibling that runs in sequence (keypress/else are branches, skipped). Cached: big plans have thousands of siblings. */
  private nextSequential(parent: AnyElement): Map<AnyElement, AnyElement | undefined> {
    let map = this.nextCache.get(parent);
    if (!map) {
      map = new Map();
      let next: AnyElement | undefined;
      const children = elementChildren(parent);
      for (let i = children.length - 1; i >= 0; i--) {
        const c = children[i]!;
        map.set(c, next);
        if (!BRANCH_CHILD.has(elementName(c))) next = c;
      }
      this.nextCache.set(parent, map);
    }
    return map;
  }

  /** Where execution goes when `node` has run to its end. */
  after(node: AnyElement): FlowNode {
    const parent = this.facts.parentOf(node);
    if (!parent) return EXIT;
    const name = elementName(node);
    if (!BRANCH_CHILD.has(name)) {
      const next = this.nextSequential(parent).get(node);
      if (next) return next;
    }
    const pname = elementName(parent);
    if (pname === 'dialplan') return EXIT;
    if (pname === 'menu') return name === 'keypress' ? this.after(parent) : this.inputOf(parent);
    if (pname === 'keypress' || pname === 'live' || pname === 'machine' || pname === 'else') return this.after(parent);
    return this.after(parent);
  }

  /** Entering a block: its first sequential child, or what follows the block. */
  private enter(block: AnyElement): FlowNode {
    const first = elementChildren(block).find((c) => !BRANCH_CHILD.has(elementName(c)));
    if (first) return first;
    if (elementName(block) === 'menu') return this.inputOf(block);
    if (elementName(block) === 'keypress') return this.after(this.facts.parentOf(block) ?? block);
    return this.after(block);
  }

  private readonly succCache = new Map<FlowNode, readonly FlowNode[]>();

  /** The possible next steps from a flow node (computed once per node). */
  successors(n: FlowNode): readonly FlowNode[] {
    let out = this.succCache.get(n);
    if (!out) this.succCache.set(n, (out = this.compute(n)));
    return out;
  }

  private compute(n: FlowNode): FlowNode[] {
    if (n === EXIT) return [];
    if ('input' in n) {
      const menu = n.input;
      const keys = elementChildren(menu).filter((c) => elementName(c) === 'keypress');
      const out: FlowNode[] = keys.map((k) => this.enter(k));
      const kinds = new Set(keys.map((k) => parseKeyPattern(this.facts.attr(k, 'pressed') ?? '').kind));
      // input that matches no keypress, or no input at all, falls through (§1.3)
      if (!(kinds.has('default') && kinds.has('timeout'))) out.push(this.after(menu));
      return out;
    }
    const name = elementName(n);
    switch (name) {
      case 'hangup':
      case 'transfer':
      case 'gotoXML':
        return [EXIT];
      case 'goto': {
        const t = this.facts.target(this.facts.text(n));
        return [t ?? EXIT];
      }
      case 'dialplan':
      case 'menu':
      case 'live':
      case 'machine':
      case 'else':
      case 'keypress':
        return [this.enter(n)];
      case 'amd':
        return elementChildren(n).map((c) => this.enter(c));
      case 'if': {
        const els = elementChildren(n).find((c) => elementName(c) === 'else');
        return [this.enter(n), els ? this.enter(els) : this.after(n)];
      }
      case 'equal':
      case 'notEqual':
        return [this.enter(n), this.after(n)];
      case 'catch': {
        const t = this.facts.target((this.facts.attr(n, 'goto') ?? '').trim());
        return t ? [this.enter(n), t] : [this.enter(n)];
      }
      default:
        return [this.after(n)];
    }
  }
}

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
