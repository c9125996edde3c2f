/**
 * The one index of a document: every pass that needs to know where a tag sits (lint, codegen,
 * the simulator, the diagrams, diff, the language server) reads it instead of walking the tree
 * again. It is built once per document object (trees are immutable) and kept in a WeakMap.
 *
 * The core is computed in one pass and kept small: every element gets a number, its place in
 * document order, and the numbers of the parents sit in a typed array. Everything else is
 * computed on first use, since not every reader needs it: paths (written when asked, so lint
 * writes only the paths of its findings), tags by name, names, goto targets, variable
 * facts, the placement map the simulator reads and the flow graph.
 *
 * @module
 */
import { DOCUMENT_ORDER, type MaybeOrdered } from './document-order.js';
import { BRANCH_CHILD, FlowGraph, grown, numberFlow, type NumberedFlow } from './flow.js';
import type { AnyElement, DocumentNode, ElementNode } from './nodes.js';
import { elementChildren, elementName, isElement, textOf } from './nodes.js';
import { SameNameCounter } from './visit.js';

/** Where one tag sits in the plan. */
export interface Placement {
  readonly parent?: ElementNode;
  readonly path: string;
  /** The element siblings, this tag included, in document order. */
  readonly siblings: readonly AnyElement[];
  readonly index: number;
}

/** Where a variable gets its value: the tag and how. @category Lint rules */
export interface VariableSource {
  readonly node: AnyElement;
  readonly via: 'setvar' | 'record' | 'get' | 'post' | 'stash';
}

/** The tags whose `varname` receives a readable value (`<stash>` writes only the call report). */
const SETTERS = new Set(['setvar', 'record', 'get', 'post']);

const NONE: readonly AnyElement[] = Object.freeze([]);

/** The room the index's arrays start with (elements), doubled as needed. */
const INITIAL_ROOM = 1024;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** What the scan of names and variables finds (one pass, for lint and the language server). */
interface Facts {
  readonly names: Map<string, AnyElement[]>;
  readonly gotoTargets: Set<string>;
  readonly dynamicGotoTargets: string[];
  readonly variablesSet: Map<string, VariableSource[]>;
  readonly dynamicVariableNames: string[];
  readonly stashed: Map<string, AnyElement[]>;
}

/** The plan, indexed (get it with {@link indexPlan}). */
export class PlanIndex {
  /** Every element in document order (depth first), the root first, unknown tags included: an element's number is its place here. */
  readonly all: readonly AnyElement[];
  /**
   * The numbers of the elements that do not carry theirs (see `document-order.ts`): every
   * element of a built tree, none of a parsed one; undefined when empty.
   */
  readonly #number: Map<AnyElement, number> | undefined;
  /** The number of each element's parent; -1 for the root. */
  readonly #parent: Int32Array;
  /** Each element's 1-based place among its parent's element children of the same name (the `[n]` of its path). */
  readonly #nth: Int32Array;
  #paths: Array<string | undefined> | undefined;
  #following: Int32Array | undefined;
  #byTag: Map<string, AnyElement[]> | undefined;
  #elements: readonly ElementNode[] | undefined;
  #byName: Map<string, ElementNode> | undefined;
  #facts: Facts | undefined;
  #placement: Map<AnyElement, Placement> | undefined;
  #flow: FlowGraph | undefined;
  #numberedFlow: NumberedFlow | undefined;

  /** Indexes `document`; use {@link indexPlan}, which keeps one index per document. */
  constructor(readonly document: DocumentNode) {
    // the arrays are made at the size a parsed tree tells and grown (doubled) only past it, so
    // a big plan's are allocated once: grown by push, `all` and a number[] per fact (then
    // copied into typed arrays) were ~40 MB of garbage for the 20 MB plan, most of it in
    // large-object space, which only a full collection frees
    const expected = parsedSize(document.root);
    const all: AnyElement[] = expected > 0 ? new Array<AnyElement>(expected) : [];
    let number: Map<AnyElement, number> | undefined;
    let parents = new Int32Array(Math.max(expected, INITIAL_ROOM));
    let nths = new Int32Array(parents.length);
    // an explicit stack, not recursion: a tree built in code may be deeper than the call stack;
    // beside it, each stacked element's parent number and `[n]`, in pairs
    const stack: AnyElement[] = [document.root];
    let stacked = new Int32Array(2 * INITIAL_ROOM);
    stacked[0] = -1;
    stacked[1] = 1;
    const counts = new SameNameCounter<number>();
    // the element children of the node being expanded, in reused slots (`length = 0` would
    // drop the arrays' storage and allocate it again for the next parent)
    const children: AnyElement[] = [];
    const childNth: number[] = [];
    let k = 0;
    for (; stack.length > 0; k++) {
      const node = stack.pop()!;
      all[k] = node;
      if ((node as MaybeOrdered)[DOCUMENT_ORDER] !== k) (number ??= new Map()).set(node, k);
      if (k === parents.length) {
        parents = grown(parents);
        nths = grown(nths);
      }
      parents[k] = stacked[2 * stack.length]!;
      nths[k] = stacked[2 * stack.length + 1]!;
      const kids = node.children;
      if (kids.length === 0) continue;
      let count = 0;
      for (let c = 0; c < kids.length; c++) {
        const child = kids[c]!;
        if (!isElement(child)) continue;
        children[count] = child;
        childNth[count++] = counts.next(k, elementName(child));
      }
      // pushed in reverse, so the first child is expanded next
      for (let j = count - 1; j >= 0; j--) {
        const at = 2 * stack.length;
        if (at === stacked.length) stacked = grown(stacked);
        stacked[at] = k;
        stacked[at + 1] = childNth[j]!;
        stack.push(children[j]!);
      }
    }
    all.length = k;
    this.all = all;
    this.#number = number;
    this.#parent = k === parents.length ? parents : parents.slice(0, k);
    this.#nth = k === nths.length ? nths : nths.slice(0, k);
  }

  /** The number of an element of this document (its place in {@link all}), or -1. */
  numberOf(node: AnyElement): number {
    const k = (node as MaybeOrdered)[DOCUMENT_ORDER];
    // a parsed element's own number, unless it was moved into this document from another
    if (k !== undefined && this.all[k] === node) return k;
    return this.#number?.get(node) ?? -1;
  }

  /** The parent of an element (undefined for the root, or a node not in this document). */
  parentOf(node: AnyElement): AnyElement | undefined {
    const k = this.numberOf(node);
    if (k < 0) return undefined;
    const p = this.#parent[k]!;
    return p < 0 ? undefined : this.all[p];
  }

  /** The number of the parent of element number `k`, or -1 for the root. */
  parentNumber(k: number): number {
    return this.#parent[k] ?? -1;
  }

  /**
   * The path of an element, `/dialplan/menu[2]/keypress[3]` (element names with the 1-based
   * index among same-named siblings), or `/` for a node not in this document. Written when
   * first asked for and kept, with the paths of its ancestors.
   */
  pathOf(node: AnyElement): string {
    const k = this.numberOf(node);
    return k < 0 ? '/' : this.pathAt(k);
  }

  /** The path of element number `k` (see {@link pathOf}). */
  pathAt(k: number): string {
    const paths = (this.#paths ??= new Array<string | undefined>(this.all.length));
    const known = paths[k];
    if (known !== undefined) return known;
    // the ancestors whose paths are not written yet, nearest first: a loop, not recursion
    const pending: number[] = [];
    for (let a = k; a >= 0 && paths[a] === undefined; a = this.#parent[a]!) pending.push(a);
    for (let i = pending.length - 1; i >= 0; i--) {
      const a = pending[i]!;
      const p = this.#parent[a]!;
      paths[a] = p < 0 ? '/dialplan' : `${paths[p]}/${elementName(this.all[a]!)}[${this.#nth[a]}]`;
    }
    return paths[k]!;
  }

  /** The elements with this XML name, in document order (tags by name are listed on first use). */
  ofTag(tag: string): readonly AnyElement[] {
    if (!this.#byTag) {
      const byTag = new Map<string, AnyElement[]>();
      // plain loops over the elements here and below: an iterator's results are garbage per element
      const all = this.all;
      for (let k = 0; k < all.length; k++) push(byTag, elementName(all[k]!), all[k]!);
      this.#byTag = byTag;
    }
    return this.#byTag.get(tag) ?? NONE;
  }

  /** Every known tag (no `#unknown`) in document order. */
  get elements(): readonly ElementNode[] {
    if (!this.#elements) {
      // a plan without unknown tags (the usual case) shares the list of all elements
      const unknown = this.all.some((n) => n.kind === '#unknown');
      this.#elements = unknown ? this.all.filter((n): n is ElementNode => n.kind !== '#unknown') : (this.all as readonly ElementNode[]);
    }
    return this.#elements;
  }

  /** Known tags by trimmed `name`; the first in document order wins when names repeat. */
  get byName(): ReadonlyMap<string, ElementNode> {
    if (!this.#byName) {
      const byName = new Map<string, ElementNode>();
      const all = this.all;
      for (let k = 0; k < all.length; k++) {
        const node = all[k]!;
        if (node.kind === '#unknown') continue;
        const name = node.attributes['name']?.trim();
        if (name && !byName.has(name)) byName.set(name, node);
      }
      this.#byName = byName;
    }
    return this.#byName;
  }

  /** Every tag (unknown ones included) by trimmed `name`, in document order. */
  get names(): ReadonlyMap<string, readonly AnyElement[]> {
    return this.#scan().names;
  }

  /** Names used as jump targets by `<goto>` text or `<catch goto>` (trimmed, as CallFire reads them). */
  get gotoTargets(): ReadonlySet<string> {
    return this.#scan().gotoTargets;
  }

  /** The {@link gotoTargets} built from variables (`menu_${lang}`), in the order first used. */
  get dynamicGotoTargets(): readonly string[] {
    return this.#scan().dynamicGotoTargets;
  }

  /** Variables given a readable value (setvar, record, get, post), by trimmed name. */
  get variablesSet(): ReadonlyMap<string, readonly VariableSource[]> {
    return this.#scan().variablesSet;
  }

  /** Variable names of setters that contain `${…}` themselves (`choice${n}`), as written (trimmed). */
  get dynamicVariableNames(): readonly string[] {
    return this.#scan().dynamicVariableNames;
  }

  /** Report keys written by `<stash>` (plain names only), by name. */
  get stashed(): ReadonlyMap<string, readonly AnyElement[]> {
    return this.#scan().stashed;
  }

  #scan(): Facts {
    if (this.#facts) return this.#facts;
    const facts: Facts = { names: new Map(), gotoTargets: new Set(), dynamicGotoTargets: [], variablesSet: new Map(), dynamicVariableNames: [], stashed: new Map() };
    const attr = (node: AnyElement, name: string): string | undefined => (Object.hasOwn(node.attributes, name) ? node.attributes[name] : undefined);
    const all = this.all;
    for (let k = 0; k < all.length; k++) {
      const node = all[k]!;
      const tag = elementName(node);
      const name = attr(node, 'name')?.trim();
      if (name) push(facts.names, name, node);
      if (tag === 'goto') facts.gotoTargets.add(textOf(node));
      else if (tag === 'catch') {
        const g = attr(node, 'goto')?.trim();
        if (g) facts.gotoTargets.add(g);
      }
      const varname = attr(node, 'varname')?.trim();
      if (!varname) continue;
      if (SETTERS.has(tag)) {
        if (varname.includes('${')) facts.dynamicVariableNames.push(varname);
        else push(facts.variablesSet, varname, { node, via: tag as VariableSource['via'] });
      } else if (tag === 'stash' && !varname.includes('${')) {
        push(facts.stashed, varname, node);
      }
    }
    for (const t of facts.gotoTargets) if (t.includes('${')) facts.dynamicGotoTargets.push(t);
    return (this.#facts = facts);
  }

  /**
   * Each tag's parent, path and position among its element siblings, for every tag: the
   * simulator's view, built on first use (it writes every path; passes that need a few paths
   * ask {@link pathOf}).
   */
  get placement(): ReadonlyMap<AnyElement, Placement> {
    if (!this.#placement) {
      const placement = new Map<AnyElement, Placement>();
      // the children of each parent come in order, so a running count per parent is the child's
      // position; `siblings.indexOf(node)` would make wide parents quadratic
      const childrenOf = new Map<number, { siblings: AnyElement[]; next: number }>();
      this.all.forEach((node, k) => {
        const p = this.#parent[k]!;
        if (p < 0) {
          placement.set(node, { path: this.pathAt(k), siblings: [node], index: 0 });
          return;
        }
        const parent = this.all[p] as ElementNode;
        let seen = childrenOf.get(p);
        if (!seen) childrenOf.set(p, (seen = { siblings: elementChildren(parent), next: 0 }));
        placement.set(node, { parent, path: this.pathAt(k), siblings: seen.siblings, index: seen.next++ });
      });
      this.#placement = placement;
    }
    return this.#placement;
  }

  /**
   * The next sibling of an element that runs in sequence after it (skipping branches:
   * keypress, else, live, machine), or undefined. One pass over the parents array on first use.
   */
  following(node: AnyElement): AnyElement | undefined {
    if (!this.#following) {
      const n = this.all.length;
      const following = new Int32Array(n).fill(-1);
      // the children of a parent carry increasing numbers: walking back from the last element,
      // each parent's last sequential child seen so far is the one that follows
      const last = new Int32Array(n).fill(-1);
      for (let k = n - 1; k > 0; k--) {
        const p = this.#parent[k]!;
        following[k] = last[p]!;
        if (!BRANCH_CHILD.has(elementName(this.all[k]!))) last[p] = k;
      }
      this.#following = following;
    }
    const k = this.numberOf(node);
    const f = k < 0 ? -1 : this.#following[k]!;
    return f < 0 ? undefined : this.all[f];
  }

  /** The execution graph of the document (see `ast/flow.ts`), shared by the simulator, the diagrams and lint. */
  get flow(): FlowGraph {
    this.#flow ??= new FlowGraph({
      parentOf: (n) => this.parentOf(n),
      target: (name) => this.byName.get(name.trim()),
      attr: (n, a) => n.attributes[a],
      text: (n) => textOf(n),
      following: (n) => this.following(n),
    });
    return this.#flow;
  }

  /** The flow graph's edges over dense numbers (elements by their number), for analyses of the whole graph. */
  get numberedFlow(): NumberedFlow {
    this.#numberedFlow ??= numberFlow(this.flow, this.all, (n) => this.numberOf(n));
    return this.#numberedFlow;
  }
}

/**
 * How many elements a parsed tree has, from the number its last element in document order
 * carries (found in a few steps down the last children), or 0 when the tree does not say (a
 * built one). Only a size to make arrays at: the walk still counts, and grows them past it.
 */
function parsedSize(root: AnyElement): number {
  if ((root as MaybeOrdered)[DOCUMENT_ORDER] !== 0) return 0;
  let last = root;
  for (;;) {
    const kids = last.children;
    let c = kids.length - 1;
    while (c >= 0 && !isElement(kids[c]!)) c--;
    if (c < 0) break;
    last = kids[c] as AnyElement;
  }
  return ((last as MaybeOrdered)[DOCUMENT_ORDER] ?? -1) + 1;
}

const cache = new WeakMap<DocumentNode, PlanIndex>();

/** The index of a document (one per document object, since trees are immutable). */
export function indexPlan(document: DocumentNode): PlanIndex {
  let index = cache.get(document);
  if (!index) cache.set(document, (index = new PlanIndex(document)));
  return index;
}

/**
 * The execution graph of a document over its index (parents, goto targets by trimmed name),
 * one per document so the simulator's calls, the diagrams and lint share its caches.
 */
export function flowGraphOf(document: DocumentNode): FlowGraph {
  return indexPlan(document).flow;
}
