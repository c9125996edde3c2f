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
import { parseKeyPattern, type PressedPattern } from '../language/key-pattern.js';

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

/**
 * Receives one step of a node: where it goes, what kind it is and why, the reason in two parts
 * (`pressed ` and the pattern) that only a {@link FlowStep} joins, so a pass that wants the
 * targets alone ({@link numberFlow}) writes no label.
 */
type StepSink = (to: FlowNode, kind: FlowStep['kind'], label: string, labelEnd: string) => void;

/** What a menu's input falls through on, by whether a `default` and a `timeout` keypress exist (index: 2 × default + timeout). */
const FALLTHROUGH = ['no match / timeout', 'no match', 'timeout', ''] as const;

/** The control-flow graph: `steps(node)` lists where execution may go next, and why. */
export class FlowGraph {
  private readonly inputs = new Map<AnyElement, MenuInput>();
  private readonly nextCache = new Map<AnyElement, Map<AnyElement, AnyElement | undefined>>();
  private readonly stepCache = new Map<FlowNode, readonly FlowStep[]>();
  /** The kind of each `pressed` value read (menus repeat a few: `1`, `2`, `default`…). */
  private readonly patternKinds = new Map<string, PressedPattern['kind']>();

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
    const children = block.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      if (isElement(c) && !BRANCH_CHILD.has(elementName(c))) return c;
    }
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
   * The steps of a node computed afresh and not kept (for a caller that needs them once; a pass
   * over the whole graph wants {@link eachSuccessor}, which makes no step objects).
   */
  computeSteps(n: FlowNode): FlowStep[] {
    const out: FlowStep[] = [];
    this.#eachStep(n, (to, kind, label, labelEnd) => out.push({ to, label: labelEnd === '' ? label : label + labelEnd, kind }));
    return out;
  }

  /**
   * Hands `each` the successors of a node, in the order of {@link steps}, without making steps
   * or their labels: for one pass over the whole graph ({@link numberFlow}), which must not hold
   * every node's steps at once.
   */
  eachSuccessor(n: FlowNode, each: (to: FlowNode) => void): void {
    this.#eachStep(n, each);
  }

  /** The kind of a `pressed` pattern, read once per distinct value. */
  #patternKind(pressed: string): PressedPattern['kind'] {
    let kind = this.patternKinds.get(pressed);
    if (kind === undefined) this.patternKinds.set(pressed, (kind = parseKeyPattern(pressed).kind));
    return kind;
  }

  /** Where execution may go on from a node, and why: the successor rules of every tag, written here alone. */
  #eachStep(n: FlowNode, emit: StepSink): void {
    if (n === EXIT) return;
    if ('input' in n) {
      const menu = n.input;
      // input that matches no keypress, and a timeout without a timeout keypress, fall through to the next tag
      let fallback = false;
      let timeout = false;
      const children = menu.children;
      for (let i = 0; i < children.length; i++) {
        const k = children[i]!;
        if (!isElement(k) || elementName(k) !== 'keypress') continue;
        const pressed = this.facts.attr(k, 'pressed');
        emit(this.enter(k), 'branch', 'pressed ', pressed ?? '?');
        const kind = this.#patternKind(pressed ?? '');
        if (kind === 'default') fallback = true;
        else if (kind === 'timeout') timeout = true;
      }
      const missing = FALLTHROUGH[(fallback ? 2 : 0) + (timeout ? 1 : 0)]!;
      if (missing !== '') emit(this.after(menu), 'branch', missing, '');
      return;
    }
    switch (elementName(n)) {
      case 'hangup':
        emit(EXIT, 'next', '', '');
        return;
      case 'gotoXML':
        emit(EXIT, 'next', 'continues in another document', '');
        return;
      case 'transfer':
        emit(this.facts.attr(n, 'continue-after')?.trim() === 'true' ? this.after(n) : EXIT, 'branch', 'answered', '');
        emit(this.after(n), 'branch', 'no answer', '');
        return;
      case 'goto':
        emit(this.facts.target(this.facts.text(n)) ?? EXIT, 'jump', '', '');
        return;
      case 'amd': {
        const children = n.children;
        for (let i = 0; i < children.length; i++) {
          const c = children[i]!;
          if (isElement(c)) emit(this.enter(c), 'branch', elementName(c), '');
        }
        return;
      }
      case 'if': {
        emit(this.enter(n), 'branch', 'true', '');
        const otherwise = this.#elseOf(n);
        emit(otherwise ? this.enter(otherwise) : this.after(n), 'branch', 'false', '');
        return;
      }
      case 'equal':
      case 'notEqual':
        emit(this.enter(n), 'branch', 'matches', '');
        emit(this.after(n), 'branch', 'otherwise', '');
        return;
      case 'catch': {
        const target = this.facts.target((this.facts.attr(n, 'goto') ?? '').trim());
        emit(this.enter(n), 'next', '', '');
        if (target) emit(target, 'event', 'on ', this.facts.attr(n, 'type') ?? 'event');
        return;
      }
      case 'dialplan':
      case 'menu':
      case 'live':
      case 'machine':
      case 'else':
      case 'keypress':
        emit(this.enter(n), 'next', '', '');
        return;
      default:
        emit(this.after(n), 'next', '', '');
    }
  }

  /** The first `<else>` child of an `<if>`. */
  #elseOf(node: AnyElement): AnyElement | undefined {
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      if (isElement(c) && elementName(c) === 'else') return c;
    }
    return undefined;
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
 * Numbers the graph over the document's elements (`numberOf(all[k]) === k`): every node's
 * successors are found once ({@link FlowGraph.eachSuccessor}, no step objects) and written as
 * numbers, so a big plan's graph takes a few integers per edge.
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
  const add = (f: FlowNode): void => {
    if (edges >= to.length) to = grown(to);
    to[edges++] = numbered(f);
  };
  const row = (f: FlowNode): void => {
    if (rows + 1 >= first.length) first = grown(first);
    first[rows++] = edges;
    graph.eachSuccessor(f, add);
  };
  for (let k = 0; k < all.length; k++) row(all[k]!);
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

/** A copy of `a` with twice the room (for arrays filled before their size is known: here and in the document index). */
export function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}
