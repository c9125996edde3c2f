/**
 * The call flow of a dialplan as a graph: which step can follow which, and why. Diagrams are
 * drawn from it; it follows the execution model of `callfire-xml.md` §1.3 (a finished branch
 * continues after its menu, amd or if; a goto continues at its target, wherever it is nested).
 *
 * @module
 */
import type { AnyElement, DocumentNode, ElementNode } from '../ast/nodes.js';
import { elementChildren, textOf } from '../ast/nodes.js';
import { walk } from '../ast/visit.js';
import type { TagName } from '../language/catalog.js';
import { parseKeyPattern } from '../language/key-pattern.js';

/** A step of the call: an action tag, or one of the terminals. */
export interface FlowNode {
  readonly id: string;
  /** The tag, or `start` / `end` for the call's start and end. */
  readonly kind: TagName | '#unknown' | 'start' | 'end';
  readonly label: string;
  /** The node path of the tag, for terminals the root's. */
  readonly path: string;
  readonly line?: number;
}

/** Why one step can follow another. */
export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  /** Key pattern, branch name or outcome; empty for plain sequence. */
  readonly label: string;
  /** `goto` edges are jumps by name (drawn dashed); `event` edges fire on a caught event. */
  readonly style: 'next' | 'branch' | 'goto' | 'event';
}

/** A dialplan's call flow. */
export interface FlowGraph {
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
}

/** Tags that are branches of another tag, not steps of their own. */
const BRANCHES = new Set<string>(['keypress', 'live', 'machine', 'else']);

const short = (text: string, max = 48) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

function describe(el: AnyElement): string {
  const label = action(el);
  const name = el.attributes['name'];
  return name ? `[${name}] ${label}` : label;
}

/** What a tag does, in a few words. */
function action(el: AnyElement): string {
  if (el.kind === '#unknown') return `<${el.name}>`;
  const a = el.attributes;
  const prompts = () =>
    elementChildren(el)
      .filter((c) => c.kind === 'play')
      .map((c) => textOf(c))
      .join(' ');
  switch (el.kind) {
    case 'play':
      return `play: ${short(a['type'] === 'tts' || a['type'] === undefined ? `"${textOf(el)}"` : textOf(el))}`;
    case 'menu':
      return `menu${prompts() ? `: "${short(prompts())}"` : ''}`;
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
 * Builds the call flow graph of a document.
 *
 * @example
 * ```ts
 * const g = flowGraph(parse(xml).document!);
 * g.edges.filter((e) => e.style === 'goto'); // every jump by name
 * ```
 */
export function flowGraph(doc: DocumentNode): FlowGraph {
  const parent = new Map<AnyElement, AnyElement>();
  const ids = new Map<AnyElement, string>();
  const named = new Map<string, AnyElement>();
  const nodes: FlowNode[] = [{ id: 'start', kind: 'start', label: 'call starts', path: '/dialplan' }];
  const edges: FlowEdge[] = [];
  let endUsed = false;

  for (const { node, path, ancestors } of walk(doc)) {
    const up = ancestors.at(-1);
    if (up) parent.set(node, up);
    const name = node.attributes['name'];
    if (name !== undefined && !named.has(name)) named.set(name, node);
    if (node.kind === 'dialplan' || node.kind === 'goto' || BRANCHES.has(node.kind)) continue;
    if (up?.kind === 'menu' && node.kind === 'play') continue; // prompts belong to their menu's label
    const id = `n${ids.size + 1}`;
    ids.set(node, id);
    nodes.push({ id, kind: node.kind, label: describe(node), path, ...(node.loc ? { line: node.loc.line } : {}) });
  }

  /** Where an edge lands, and whether it got there by a jump. */
  type Target = { readonly id: string; readonly jump: boolean };
  const end = (): Target => {
    endUsed = true;
    return { id: 'end', jump: false };
  };
  /** The step that runs when `el` is reached, following gotos (a goto loop ends the call). */
  const resolve = (el: AnyElement, seen = new Set<AnyElement>()): Target => {
    if (el.kind === 'goto') {
      const target = named.get(textOf(el));
      if (!target || seen.has(el)) return end();
      seen.add(el);
      return { id: resolve(target, seen).id, jump: true };
    }
    if (BRANCHES.has(el.kind)) return entry(el, 0);
    if (el.kind === 'play' && parent.get(el)?.kind === 'menu') return resolve(parent.get(el)!, seen);
    const id = ids.get(el);
    return id ? { id, jump: false } : end();
  };
  /** The steps of a block: its children, less branches and a menu's prompts (drawn in the menu's label). */
  const steps = (container: AnyElement) =>
    elementChildren(container).filter((c) => !BRANCHES.has(c.kind) && !(container.kind === 'menu' && c.kind === 'play'));
  /** The first step of `container`'s block from child `index` on, or what follows the container. */
  const entry = (container: AnyElement, index: number): Target => {
    const first = steps(container)[index];
    return first ? resolve(first) : after(container);
  };
  /** What runs when `el` finishes normally. */
  const after = (el: AnyElement): Target => {
    let cur = el;
    for (;;) {
      const up = parent.get(cur);
      if (!up) return end();
      const siblings = steps(up);
      const next = siblings[siblings.indexOf(cur) + 1];
      if (siblings.includes(cur) && next) return resolve(next);
      if (up.kind === 'dialplan') return end();
      // A finished block continues after the statement that holds it (a branch's statement is its parent).
      cur = BRANCHES.has(up.kind) ? parent.get(up)! : up;
    }
  };
  const edge = (from: string, to: Target, label = '', style: FlowEdge['style'] = 'next') => {
    edges.push({ from, to: to.id, label, style: to.jump && style !== 'event' ? 'goto' : style });
  };

  edge('start', entry(doc.root, 0));
  for (const [el, id] of ids) {
    const e = el as ElementNode;
    const a = e.attributes;
    const kids = elementChildren(e);
    switch (e.kind) {
      case 'hangup':
        break;
      case 'gotoXML':
        edge(id, end(), 'continues in another document');
        break;
      case 'transfer':
        edge(id, a['continue-after'] === 'true' ? after(e) : end(), 'answered');
        edge(id, after(e), 'no answer');
        break;
      case 'menu': {
        const inner = steps(e)[0];
        if (inner) edge(id, resolve(inner), 'then');
        const keys = kids.filter((k) => k.kind === 'keypress');
        for (const k of keys) edge(id, entry(k, 0), `pressed ${k.attributes['pressed'] ?? '?'}`, 'branch');
        // Unmatched input falls through, and so does a timeout: `default` does not catch it
        // (the simulator and lint read menus the same way).
        const kinds = new Set(keys.map((k) => parseKeyPattern(k.attributes['pressed'] ?? '').kind));
        const missing = [kinds.has('default') ? '' : 'no match', kinds.has('timeout') ? '' : 'timeout'].filter(Boolean);
        if (missing.length > 0) edge(id, after(e), missing.join(' / '), 'branch');
        break;
      }
      case 'amd':
        for (const k of kids) if (k.kind === 'live' || k.kind === 'machine') edge(id, entry(k, 0), k.kind, 'branch');
        break;
      case 'if': {
        edge(id, entry(e, 0), 'true', 'branch');
        const otherwise = kids.find((k) => k.kind === 'else');
        edge(id, otherwise ? entry(otherwise, 0) : after(e), 'false', 'branch');
        break;
      }
      case 'equal':
      case 'notEqual':
        edge(id, entry(e, 0), 'matches', 'branch');
        edge(id, after(e), 'otherwise', 'branch');
        break;
      case 'catch': {
        edge(id, entry(e, 0));
        const target = named.get(a['goto'] ?? '');
        edge(id, target ? resolve(target) : end(), `on ${a['type'] ?? 'event'}`, 'event');
        break;
      }
      default:
        edge(id, after(e));
    }
  }
  if (endUsed) nodes.push({ id: 'end', kind: 'end', label: 'call ends', path: '' });
  return { nodes, edges };
}
