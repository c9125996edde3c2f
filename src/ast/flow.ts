/**
 * The execution model of a dialplan as a graph (what CallFire's samples rely on): tags run top to bottom; a
 * finished keypress, if/else, amd branch, equal/notEqual or catch body goes on after its
 * container; a menu plays its prompts, then waits for input and runs the matching keypress
 * (or falls through); `goto` jumps to the named tag; `hangup` ends the call. Every step
 * carries why it is taken, so the same graph serves loop analysis (lint) and diagrams.
 *
 * @module
 */
import type { AnyElement } from './nodes.js';
import { elementChildren, elementName, isElement } from './nodes.js';
import { parseKeyPattern } from '../language/key-pattern.js';

/** A point in the flow: entering a tag, a menu waiting for input, or the call ending. */
export type FlowNode = AnyElement | MenuInput | typeof EXIT;

/** A menu after its prompts, waiting for the caller. */
export interface MenuInput {
  readonly input: AnyElement;
}

/** The call ends, or leaves the plan (hangup, answered transfer, end of the dialplan, gotoXML). */
export const EXIT = Symbol('exit');

/** One way execution can go on from a node. */
export interface FlowStep {
  readonly to: FlowNode;
  /** Why: a key pattern, `live`, `true`, `answered`…; empty for plain sequence. */
  readonly label: string;
  /** `branch`: a choice among several; `jump`: a goto by name; `event`: a caught event. */
  readonly kind: 'next' | 'branch' | 'jump' | 'event';
}

/** What the graph needs from the document. */
export interface FlowFacts {
  parentOf(node: AnyElement): AnyElement | undefined;
  /** The first tag with that name. */
  target(name: string): AnyElement | undefined;
  attr(node: AnyElement, name: string): string | undefined;
  text(node: AnyElement): string;
  /**
   * The next sibling that runs in sequence after `node` (branches skipped), when the document
   * index knows it; without it the graph works it out per parent and keeps it.
   */
  following?(node: AnyElement): AnyElement | undefined;
}

/** Children that are branches of their parent, not steps in its sequence. */
export const BRANCH_CHILD = new Set(['keypress', 'else', 'live', 'machine']);

const step = (to: FlowNode, label = '', kind: FlowStep['kind'] = 'next'): FlowStep => ({ to, label, kind });

/** The control-flow graph: `steps(node)` lists where execution may go next, and why. */
export class FlowGraph {
  private readonly inputs = new Map<AnyElement, MenuInput>();
  private readonly nextCache = new Map<AnyElement, Map<AnyElement, AnyElement | undefined>>();
  private readonly stepCache = new Map<FlowNode, readonly FlowStep[]>();

  constructor(private readonly facts: FlowFacts) {}

  /** The waiting point of a menu (one object per menu). */
  inputOf(menu: AnyElement): MenuInput {
    let i = this.inputs.get(menu);
    if (!i) this.inputs.set(menu, (i = { input: menu }));
    return i;
  }

  /** For each child of `parent`, the next sibling that runs in sequence. Cached: big plans have thousands of siblings. */
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
      const next = this.facts.following ? this.facts.following(node) : this.nextSequential(parent).get(node);
      if (next) return next;
    }
    const pname = elementName(parent);
    if (pname === 'dialplan') return EXIT;
    // a menu's prompts lead to its input; a finished keypress leaves the menu
    if (pname === 'menu') return name === 'keypress' ? this.after(parent) : this.inputOf(parent);
    return this.after(parent);
  }

  /** Entering a block: its first sequential child, or what follows the block. */
  enter(block: AnyElement): FlowNode {
    for (const c of block.children) if (isElement(c) && !BRANCH_CHILD.has(elementName(c))) return c;
    if (elementName(block) === 'menu') return this.inputOf(block);
    return this.after(block);
  }

  /** The possible next steps from a node, with their reasons (computed once per node). */
  steps(n: FlowNode): readonly FlowStep[] {
    let out = this.stepCache.get(n);
    if (!out) this.stepCache.set(n, (out = this.computeSteps(n)));
    return out;
  }

  /** The possible next nodes, in the order of {@link steps}. */
  successors(n: FlowNode): readonly FlowNode[] {
    return this.steps(n).map((s) => s.to);
  }

  /**
   * The steps of a node computed afresh and not kept: for one pass over the whole graph
   * ({@link numberFlow}), which must not hold every node's steps at once.
   */
  computeSteps(n: FlowNode): FlowStep[] {
    if (n === EXIT) return [];
    if ('input' in n) {
      const menu = n.input;
      const keys = elementChildren(menu).filter((c) => elementName(c) === 'keypress');
      const out = keys.map((k) => step(this.enter(k), `pressed ${this.facts.attr(k, 'pressed') ?? '?'}`, 'branch'));
      // input that matches no keypress, and a timeout without a timeout keypress, fall through to the next tag
      const kinds = new Set(keys.map((k) => parseKeyPattern(this.facts.attr(k, 'pressed') ?? '').kind));
      const missing = [kinds.has('default') ? '' : 'no match', kinds.has('timeout') ? '' : 'timeout'].filter(Boolean);
      if (missing.length > 0) out.push(step(this.after(menu), missing.join(' / '), 'branch'));
      return out;
    }
    switch (elementName(n)) {
      case 'hangup':
        return [step(EXIT)];
      case 'gotoXML':
        return [step(EXIT, 'continues in another document')];
      case 'transfer':
        return [
          step(this.facts.attr(n, 'continue-after')?.trim() === 'true' ? this.after(n) : EXIT, 'answered', 'branch'),
          step(this.after(n), 'no answer', 'branch'),
        ];
      case 'goto':
        return [step(this.facts.target(this.facts.text(n)) ?? EXIT, '', 'jump')];
      case 'amd':
        return elementChildren(n).map((c) => step(this.enter(c), elementName(c), 'branch'));
      case 'if': {
        const otherwise = elementChildren(n).find((c) => elementName(c) === 'else');
        return [step(this.enter(n), 'true', 'branch'), step(otherwise ? this.enter(otherwise) : this.after(n), 'false', 'branch')];
      }
      case 'equal':
      case 'notEqual':
        return [step(this.enter(n), 'matches', 'branch'), step(this.after(n), 'otherwise', 'branch')];
      case 'catch': {
        const target = this.facts.target((this.facts.attr(n, 'goto') ?? '').trim());
        const body = step(this.enter(n));
        return target ? [body, step(target, `on ${this.facts.attr(n, 'type') ?? 'event'}`, 'event')] : [body];
      }
      case 'dialplan':
      case 'menu':
      case 'live':
      case 'machine':
      case 'else':
      case 'keypress':
        return [step(this.enter(n))];
      default:
        return [step(this.after(n))];
    }
  }
}

/**
 * A flow graph's edges over dense numbers, in compressed rows: the elements keep their
 * numbers (document order), `exit` is {@link EXIT}, and the menu inputs come after it. Whole-graph
 * analyses (the loops lint looks for) run on flat arrays instead of a map per node.
 */
export interface NumberedFlow {
  /** How many nodes: the elements, EXIT and the menu inputs. */
  readonly size: number;
  /** How many elements: nodes `0 … elements - 1` are the elements in document order. */
  readonly elements: number;
  /** The number of {@link EXIT} (equal to `elements`). */
  readonly exit: number;
  /** The successors of node `i` are `to[first[i]] … to[first[i + 1] - 1]`, in the order of its steps. */
  readonly first: Int32Array;
  readonly to: Int32Array;
  /** The flow node with this number. */
  node(i: number): FlowNode;
}

/**
 * Numbers the graph over the document's elements (`numberOf(all[k]) === k`): every node's steps
 * are computed once, turned into numbers and dropped, so a big plan's graph takes a few
 * integers per edge.
 */
export function numberFlow(graph: FlowGraph, all: readonly AnyElement[], numberOf: (node: AnyElement) => number): NumberedFlow {
  const exit = all.length;
  const inputs: MenuInput[] = [];
  const inputNumber = new Map<MenuInput, number>();
  // rows and edges straight into typed arrays, doubled when full (about one edge per node, a few more at branches)
  let first = new Int32Array(exit + 2);
  let to = new Int32Array(2 * exit + 16);
  let rows = 0;
  let edges = 0;
  const numbered = (f: FlowNode): number => {
    if (f === EXIT) return exit;
    if ('input' in f) {
      let i = inputNumber.get(f);
      if (i === undefined) {
        i = exit + 1 + inputs.length;
        inputs.push(f);
        inputNumber.set(f, i);
      }
      return i;
    }
    const k = numberOf(f);
    if (k < 0) throw new Error(`flow step to a <${elementName(f)}> outside the document`);
    return k;
  };
  const row = (f: FlowNode): void => {
    if (rows + 1 >= first.length) first = grown(first);
    first[rows++] = edges;
    for (const s of graph.computeSteps(f)) {
      if (edges >= to.length) to = grown(to);
      to[edges++] = numbered(s.to);
    }
  };
  for (const el of all) row(el);
  row(EXIT);
  // inputs found while numbering inputs are appended and numbered in turn
  for (let j = 0; j < inputs.length; j++) row(inputs[j]!);
  first[rows] = edges;
  return numberedFlowOf(all, inputs, first.slice(0, rows + 1), to.slice(0, edges));
}

/**
 * The result of {@link numberFlow}, made outside it: a closure shares the scope of every
 * closure made beside it, so a `node()` made in numberFlow would keep its oversized arrays
 * and its map of inputs for as long as the result lives.
 */
function numberedFlowOf(all: readonly AnyElement[], inputs: readonly MenuInput[], first: Int32Array, to: Int32Array): NumberedFlow {
  const exit = all.length;
  return {
    size: exit + 1 + inputs.length,
    elements: exit,
    exit,
    first,
    to,
    node: (i) => (i < exit ? all[i]! : i === exit ? EXIT : inputs[i - exit - 1]!),
  };
}

/** A copy of `a` with twice the room. */
function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}
