/**
 * The call flow of a dialplan as a graph: which step can follow which, and why. Diagrams are
 * drawn from it; it follows the execution model CallFire's samples rely on (a finished branch
 * continues after its menu, amd or if; a goto continues at its target, wherever it is nested).
 *
 * @module
 */
import { BRANCH_CHILD, EXIT, type FlowNode as ExecNode, type FlowStep } from '../ast/flow.js';
import type { AnyElement, DocumentNode, PlanSource } from '../ast/nodes.js';
import { elementChildren, textOf } from '../ast/nodes.js';
import { indexPlan } from '../ast/plan-index.js';
import type { TagName } from '../language/catalog.js';
import { planTree } from '../parse/plan-tree.js';

/** A step of the call: an action tag, or one of the terminals. */
export interface CallFlowNode {
  readonly id: string;
  /** The tag, or `start` / `end` for the call's start and end. */
  readonly kind: TagName | '#unknown' | 'start' | 'end';
  readonly label: string;
  /** The node path of the tag, for terminals the root's. */
  readonly path: string;
  readonly line?: number;
  /** What an overlay says about the step (findings, coverage, changes). */
  readonly marks?: readonly Mark[];
}

/**
 * What an overlay says about a step or an edge: a finding's severity, whether the scenarios
 * reached it, or how it changed. Every format draws the same marks (classes, colours).
 */
export interface Mark {
  readonly kind: MarkKind;
  /** The finding's message, the change, the hit count: shown when the step is clicked. */
  readonly note?: string;
}

/** The kinds of {@link Mark}. */
export type MarkKind = 'error' | 'warning' | 'info' | 'reached' | 'missed' | 'added' | 'changed' | 'removed' | 'retargeted';

/** Why one step can follow another. */
export interface CallFlowEdge {
  readonly from: string;
  readonly to: string;
  /** Key pattern, branch name or outcome; empty for plain sequence. */
  readonly label: string;
  /** `goto` edges are jumps by name (drawn dashed); `event` edges fire on a caught event. */
  readonly style: 'next' | 'branch' | 'goto' | 'event';
  readonly marks?: readonly Mark[];
}

/** A dialplan's call flow. */
export interface CallFlow {
  readonly nodes: readonly CallFlowNode[];
  readonly edges: readonly CallFlowEdge[];
}

/**
 * How a step is drawn, the same in every format: `terminal` for the call's start and end (a
 * hangup is its end), `decision` for a step with several ways on (menu, amd, if, equal,
 * notEqual, and catch, whose event is one of them), `transfer` for a transfer, `step` for
 * the rest.
 */
export type CallFlowShape = 'terminal' | 'decision' | 'transfer' | 'step';

const DECISIONS = new Set<CallFlowNode['kind']>(['menu', 'if', 'amd', 'equal', 'notEqual', 'catch']);

/** The shape a step is drawn with; each format maps it to its own. */
export function shapeOf(node: CallFlowNode): CallFlowShape {
  if (node.kind === 'start' || node.kind === 'end' || node.kind === 'hangup') return 'terminal';
  if (DECISIONS.has(node.kind)) return 'decision';
  if (node.kind === 'transfer') return 'transfer';
  return 'step';
}

const short = (text: string, max = 48) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** A step's label in every diagram and diff: its name in brackets, then what it does (`[main] menu: "Press 1…"`). */
export function describe(el: AnyElement): string {
  const label = action(el);
  const name = el.attributes['name'];
  return name ? `[${name}] ${label}` : label;
}

/** What a tag does, in a few words. */
function action(el: AnyElement): string {
  if (el.kind === '#unknown') return `<${el.name}>`;
  const a = el.attributes;
  switch (el.kind) {
    case 'play':
      return `play: ${short(a['type'] === 'tts' || a['type'] === undefined ? `"${textOf(el)}"` : textOf(el))}`;
    case 'menu': {
      const prompts = elementChildren(el)
        .filter((c) => c.kind === 'play')
        .map((c) => textOf(c))
        .join(' ');
      return `menu${prompts ? `: "${short(prompts)}"` : ''}`;
    }
    case 'transfer':
      return `transfer to ${short(textOf(el))}`;
    case 'setvar':
    case 'stash':
      return `${el.kind} ${a['varname'] ?? ''} = ${short(textOf(el), 32)}`;
    case 'if':
      return `if ${short(a['expr'] ?? '', 40)}`;
    case 'equal':
    case 'notEqual':
      return `${el.kind} ${short(a['var'] ?? '', 20)} ${el.kind === 'equal' ? '==' : '!='} ${short(a['expr'] ?? '', 20)}`;
    case 'get':
    case 'post':
      return `${el.kind.toUpperCase()} ${short(textOf(el), 40)}${a['varname'] ? ` -> ${a['varname']}` : ''}`;
    case 'sms':
      return `sms to ${a['to'] ?? ''}`;
    case 'dnc':
      return `add ${textOf(el)} to DNC`;
    case 'wait':
      return `wait ${textOf(el)} s`;
    case 'record':
      return `record${a['varname'] ? ` -> ${a['varname']}` : ''}`;
    case 'hangup':
      return `hang up`;
    case 'catch':
      return `catch ${a['type'] ?? ''}`;
    default:
      return `${el.kind}${textOf(el) ? ` ${short(textOf(el), 32)}` : ''}`;
  }
}

/**
 * Builds the call flow graph of a document: the execution model of `ast/flow.ts` (the one
 * lint reads), drawn with one node per step. Gotos, branch containers (keypress, live,
 * machine, else) and a menu's prompts are not steps of their own: edges pass through them,
 * taking the first reason met on the way as their label.
 *
 * @example
 * ```ts
 * const g = callFlow(parse(xml).document!);
 * g.edges.filter((e) => e.style === 'goto'); // every jump by name
 * ```
 */
export function callFlow(plan: PlanSource): CallFlow {
  return callFlowWithTags(planTree(plan, 'callFlow()')).flow;
}

/** {@link callFlow} and the tag each drawn step stands for, by node id (for overlays and the page's XML view). */
export function callFlowWithTags(doc: DocumentNode): { readonly flow: CallFlow; readonly tags: ReadonlyMap<string, AnyElement> } {
  // the index and execution graph the simulator reads: the same parents, goto targets by trimmed name
  const index = indexPlan(doc);
  const parentOf = (el: AnyElement) => index.parentOf(el);
  const ids = new Map<AnyElement, string>();
  const nodes: CallFlowNode[] = [{ id: 'start', kind: 'start', label: 'call starts', path: '/dialplan' }];
  const edges: CallFlowEdge[] = [];
  let endUsed = false;

  /** A play directly inside a menu is one of its prompts, drawn in the menu's label. */
  const promptOf = (el: AnyElement): AnyElement | undefined => {
    const up = parentOf(el);
    return el.kind === 'play' && up?.kind === 'menu' ? up : undefined;
  };

  // every tag in document order
  for (const node of index.all) {
    if (node.kind === 'dialplan' || node.kind === 'goto' || BRANCH_CHILD.has(node.kind) || promptOf(node)) continue;
    const id = `n${ids.size + 1}`;
    ids.set(node, id);
    nodes.push({ id, kind: node.kind, label: describe(node), path: index.pathOf(node), ...(node.loc ? { line: node.loc.line } : {}) });
  }

  const model = index.flow;

  /** The drawn node a flow node stands for, if it is drawn (a menu's input and prompts are the menu). */
  const drawn = (n: ExecNode, from: AnyElement | undefined): string | undefined => {
    if (n === EXIT) return undefined;
    const el = 'input' in n ? n.input : (promptOf(n) ?? n);
    if (el === from && ('input' in n || promptOf(n))) return undefined; // the source menu's own prompts and input
    return ids.get(el);
  };

  /**
   * Follows `steps` from a drawn node until each path reaches a drawn node or the end. An
   * explicit stack rather than recursion: a long run of undrawn nodes (a menu's thousand
   * prompts, a chain of gotos) must not overflow the call stack.
   */
  const edgesFrom = (source: AnyElement | undefined, sourceId: string, first: readonly FlowStep[]) => {
    const seen = new Set<ExecNode>();
    const stack: Array<{ s: FlowStep; label: string; jumped: boolean; kind: FlowStep['kind'] }> = [];
    const pushAll = (steps: readonly FlowStep[], label: string, jumped: boolean, kind: FlowStep['kind'] | undefined) => {
      for (let i = steps.length - 1; i >= 0; i--) {
        const s = steps[i]!;
        stack.push({ s, label, jumped, kind: kind === undefined || kind === 'next' ? s.kind : kind });
      }
    };
    pushAll(first, '', false, undefined);
    while (stack.length > 0) {
      const { s, label, jumped, kind } = stack.pop()!;
      const why = label || s.label;
      const jump = jumped || s.kind === 'jump';
      if (s.to === EXIT) {
        if (source?.kind === 'hangup') continue; // a hangup is drawn as the end itself
        endUsed = true;
        edges.push({ from: sourceId, to: 'end', label: why, style: styleOf(kind, jump, why) });
        continue;
      }
      const id = drawn(s.to, source);
      if (id !== undefined) {
        edges.push({ from: sourceId, to: id, label: why, style: styleOf(kind, jump, why) });
        continue;
      }
      if (seen.has(s.to)) continue; // a loop of gotos among undrawn nodes
      seen.add(s.to);
      pushAll(model.steps(s.to), why, jump, kind);
    }
  };

  edgesFrom(undefined, 'start', model.steps(doc.root));
  for (const [el, id] of ids) edgesFrom(el, id, model.steps(el));
  if (endUsed) nodes.push({ id: 'end', kind: 'end', label: 'call ends', path: '' });
  return { flow: { nodes, edges }, tags: new Map([...ids].map(([el, id]) => [id, el])) };
}

/** How an edge is drawn: jumps and caught events dashed. */
function styleOf(kind: FlowStep['kind'], jumped: boolean, label: string): CallFlowEdge['style'] {
  if (kind === 'event') return 'event';
  if (jumped) return 'goto';
  return label ? 'branch' : 'next';
}
