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
import { elementChildren, elementName } from './nodes.js';
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
}

/** Children that are branches of their parent, not steps in its sequence. */
export const BRANCH_CHILD = new Set(['keypress', 'else', 'live', 'machine']);

const step = (to: FlowNode, label = '', kind: FlowStep['kind'] = 'next'): FlowStep => ({ to, label, kind });

/** The control-flow graph: `steps(node)` lists where execution may go next, and why. */
export class FlowGraph {
  private readonly inputs = new Map<AnyElement, MenuInput>();
  private readonly nextCache = new Map<AnyElement, Map<AnyElement, AnyElement | undefined>>();
  private readonly stepCache = new Map<FlowNode, readonly FlowStep[]>();
  private readonly successorCache = new Map<FlowNode, readonly FlowNode[]>();

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
      const next = this.nextSequential(parent).get(node);
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
    const first = elementChildren(block).find((c) => !BRANCH_CHILD.has(elementName(c)));
    if (first) return first;
    if (elementName(block) === 'menu') return this.inputOf(block);
    return this.after(block);
  }

  /** The possible next steps from a node, with their reasons (computed once per node). */
  steps(n: FlowNode): readonly FlowStep[] {
    let out = this.stepCache.get(n);
    if (!out) this.stepCache.set(n, (out = this.compute(n)));
    return out;
  }

  /** The possible next nodes (cached too: loop analysis asks for them again and again). */
  successors(n: FlowNode): readonly FlowNode[] {
    let out = this.successorCache.get(n);
    if (!out) this.successorCache.set(n, (out = this.steps(n).map((s) => s.to)));
    return out;
  }

  private compute(n: FlowNode): FlowStep[] {
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
