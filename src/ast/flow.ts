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
   * The steps of a node computed afresh and not kept. {@link numberFlow} follows the same
   * cases over element numbers: a change here is a change there.
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

/** What {@link numberFlow} reads of the document index: the elements by number, their parents and next sequential siblings. */
export interface NumberedTree extends Pick<FlowFacts, 'target' | 'attr' | 'text'> {
  /** Every element in document order: element `k` is `all[k]`. */
  readonly all: readonly AnyElement[];
  /** The number of each element's parent; -1 for the root. */
  readonly parent: Int32Array;
  /** The number of the next sibling that runs in sequence after each element (branches skipped), or -1. */
  readonly following: Int32Array;
  /** The number of an element of the document, or -1. */
  numberOf(node: AnyElement): number;
  /** The flow graph's waiting point of a menu ({@link FlowGraph.inputOf}), for {@link NumberedFlow.node}. */
  inputOf(menu: AnyElement): MenuInput;
}

/**
 * The successors of every node of the graph {@link FlowGraph} describes, worked out on the
 * element numbers of the index (parents, next siblings and first children are numbers there)
 * and written straight into typed arrays: no step objects, no menu-input objects, no map per
 * node, which on a big plan made this pass a quarter of lint's rules. It must give exactly
 * `graph.successors(node)` for every node, in that order (test/ast/plan-index.test.ts holds it
 * on the corpus, the fixtures and generated plans): each case below is the case of
 * {@link FlowGraph.computeSteps} of the same name, and `after`/`enter` are its methods.
 * Menu inputs are numbered after EXIT in the order steps first reach them, row by row.
 */
export function numberFlow(tree: NumberedTree): NumberedFlow {
  return new Numbering(tree).run();
}

/**
 * The pass of {@link numberFlow}, as a class: methods are compiled once for every document,
 * where closures made anew in each call ran unoptimised on small plans (3x slower on the corpus).
 */
class Numbering {
  readonly #tree: NumberedTree;
  readonly #all: readonly AnyElement[];
  readonly #parent: Int32Array;
  readonly #following: Int32Array;
  readonly #exit: number;
  /** The input node of each menu (-1: not reached yet). */
  readonly #inputOf: Int32Array;
  /** The menus of the inputs, in the order of their numbers. */
  readonly #menus: number[] = [];
  // rows and edges straight into typed arrays, doubled when full (about one edge per node, a few more at branches)
  #first: Int32Array<ArrayBuffer>;
  #to: Int32Array<ArrayBuffer>;
  #edges = 0;

  constructor(tree: NumberedTree) {
    this.#tree = tree;
    this.#all = tree.all;
    this.#parent = tree.parent;
    this.#following = tree.following;
    const exit = (this.#exit = tree.all.length);
    this.#inputOf = new Int32Array(exit).fill(-1);
    this.#first = new Int32Array(exit + 2);
    this.#to = new Int32Array(2 * exit + 16);
  }

  run(): NumberedFlow {
    const exit = this.#exit;
    for (let k = 0; k < exit; k++) {
      this.#first[k] = this.#edges;
      this.#row(k);
    }
    // EXIT has no steps
    this.#first[exit] = this.#edges;
    // inputs found while numbering inputs are appended and numbered in turn
    const menus = this.#menus;
    for (let j = 0; j < menus.length; j++) {
      const r = exit + 1 + j;
      if (r + 1 >= this.#first.length) this.#first = grown(this.#first);
      this.#first[r] = this.#edges;
      this.#inputRow(menus[j]!);
    }
    const rows = exit + 1 + menus.length;
    this.#first[rows] = this.#edges;
    return numberedFlowOf(this.#all, Int32Array.from(menus), this.#tree.inputOf, this.#first.slice(0, rows + 1), this.#to.slice(0, this.#edges));
  }

  #edge(n: number): void {
    if (this.#edges >= this.#to.length) this.#to = grown(this.#to);
    this.#to[this.#edges++] = n;
  }

  #name(k: number): string {
    return elementName(this.#all[k]!);
  }

  #numbered(node: AnyElement): number {
    const k = this.#tree.numberOf(node);
    if (k < 0) throw new Error(`flow step to a <${elementName(node)}> outside the document`);
    return k;
  }

  #input(menu: number): number {
    let i = this.#inputOf[menu]!;
    if (i < 0) {
      i = this.#exit + 1 + this.#menus.length;
      this.#menus.push(menu);
      this.#inputOf[menu] = i;
    }
    return i;
  }

  /** FlowGraph.after, climbing out of finished blocks in a loop. */
  #after(k: number): number {
    for (;;) {
      const p = this.#parent[k]!;
      if (p < 0) return this.#exit;
      const own = this.#name(k);
      if (!BRANCH_CHILD.has(own)) {
        const next = this.#following[k]!;
        if (next >= 0) return next;
      }
      const pname = this.#name(p);
      if (pname === 'dialplan') return this.#exit;
      if (pname === 'menu' && own !== 'keypress') return this.#input(p);
      k = p;
    }
  }

  /** FlowGraph.enter: an element's first child is the next element, when that one is its child. */
  #enter(k: number): number {
    const c = k + 1;
    if (c < this.#exit && this.#parent[c] === k) {
      const s = BRANCH_CHILD.has(this.#name(c)) ? this.#following[c]! : c;
      if (s >= 0) return s;
    }
    return this.#name(k) === 'menu' ? this.#input(k) : this.#after(k);
  }

  /** FlowGraph.computeSteps of element `k`. */
  #row(k: number): void {
    const node = this.#all[k]!;
    const tree = this.#tree;
    switch (elementName(node)) {
      case 'hangup':
      case 'gotoXML':
        this.#edge(this.#exit);
        return;
      case 'transfer': {
        const next = this.#after(k);
        this.#edge(tree.attr(node, 'continue-after')?.trim() === 'true' ? next : this.#exit);
        this.#edge(next);
        return;
      }
      case 'goto': {
        const target = tree.target(tree.text(node));
        this.#edge(target ? this.#numbered(target) : this.#exit);
        return;
      }
      case 'amd':
        for (const c of node.children) if (isElement(c)) this.#edge(this.#enter(this.#numbered(c)));
        return;
      case 'if': {
        this.#edge(this.#enter(k));
        let otherwise: AnyElement | undefined;
        for (const c of node.children) {
          if (isElement(c) && elementName(c) === 'else') {
            otherwise = c;
            break;
          }
        }
        this.#edge(otherwise ? this.#enter(this.#numbered(otherwise)) : this.#after(k));
        return;
      }
      case 'equal':
      case 'notEqual':
        this.#edge(this.#enter(k));
        this.#edge(this.#after(k));
        return;
      case 'catch': {
        const target = tree.target((tree.attr(node, 'goto') ?? '').trim());
        this.#edge(this.#enter(k));
        if (target) this.#edge(this.#numbered(target));
        return;
      }
      case 'dialplan':
      case 'menu':
      case 'live':
      case 'machine':
      case 'else':
      case 'keypress':
        this.#edge(this.#enter(k));
        return;
      default:
        this.#edge(this.#after(k));
    }
  }

  /** A menu's input: each keypress, then the fall-through unless default and timeout keypresses take it. */
  #inputRow(menu: number): void {
    let fallback = false;
    let timeout = false;
    for (const c of this.#all[menu]!.children) {
      if (!isElement(c) || elementName(c) !== 'keypress') continue;
      this.#edge(this.#enter(this.#numbered(c)));
      const kind = parseKeyPattern(this.#tree.attr(c, 'pressed') ?? '').kind;
      if (kind === 'default') fallback = true;
      else if (kind === 'timeout') timeout = true;
    }
    if (!fallback || !timeout) this.#edge(this.#after(menu));
  }
}

/**
 * The result of {@link numberFlow}, made outside it: a closure shares the scope of every
 * closure made beside it, so a `node()` made in numberFlow would keep its oversized arrays
 * for as long as the result lives. `menus` are the menus of the inputs, in their numbers' order.
 */
function numberedFlowOf(all: readonly AnyElement[], menus: Int32Array, inputOf: (menu: AnyElement) => MenuInput, first: Int32Array, to: Int32Array): NumberedFlow {
  const exit = all.length;
  return {
    size: exit + 1 + menus.length,
    elements: exit,
    exit,
    first,
    to,
    node: (i) => (i < exit ? all[i]! : i === exit ? EXIT : inputOf(all[menus[i - exit - 1]!]!)),
  };
}

/** A copy of `a` with twice the room. */
function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}
