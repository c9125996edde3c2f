/**
 * Two dialplans compared as call flows: steps added, removed and changed (which attribute or
 * text), branches retargeted, tags renamed (a rename and the gotos that follow it are one
 * change), and steps that became reachable or unreachable. Formatting and comments never
 * count: the plans are compared as syntax trees, attribute by attribute and by the text
 * CallFire reads.
 *
 * @module
 */
import { BRANCH_CHILD, EXIT, type FlowNode } from '../ast/flow.js';
import type { AnyElement, DocumentNode, PlanSource } from '../ast/nodes.js';
import { elementChildren, elementName, textOf } from '../ast/nodes.js';
import { indexPlan } from '../ast/plan-index.js';
import { describe } from '../graph/flow.js';
import { planTree } from '../parse/plan-tree.js';
import { matchPlans, type Matching } from './match.js';

/** Where a tag sits in one version. */
export interface PlanLocation {
  readonly path: string;
  readonly line?: number;
}

/** One difference in detail: an attribute or the text, before and after (absent when added or removed). */
export interface FieldChange {
  readonly field: 'attribute' | 'text';
  /** The attribute's name (for `attribute`). */
  readonly name?: string;
  readonly old?: string;
  readonly new?: string;
}

/** The kinds of {@link PlanChange}. */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'renamed' | 'retargeted' | 'unreachable' | 'reachable';

/** One change between two plans. */
export interface PlanChange {
  readonly kind: ChangeKind;
  /** The tag. */
  readonly tag: string;
  /** The step as diagrams label it, in the version that has it (the new one when both do). */
  readonly step: string;
  readonly old?: PlanLocation;
  readonly new?: PlanLocation;
  /** For `changed`: what changed. */
  readonly fields?: readonly FieldChange[];
  /** For `renamed` and `retargeted`: the name before and after. */
  readonly from?: string;
  readonly to?: string;
  /** For `renamed`: how many gotos and catches follow the new name; for `added`/`removed`: the tags inside. */
  readonly count?: number;
  /** Where a retargeted jump sits: `[main] menu › pressed 2`. */
  readonly context?: string;
}

/** The result of {@link diffPlans}. */
export interface PlanDiff {
  /** Whether the two plans are the same call flow. */
  readonly same: boolean;
  readonly changes: readonly PlanChange[];
}

const where = (doc: DocumentNode, el: AnyElement): PlanLocation => ({
  path: indexPlan(doc).numberOf(el) < 0 ? '' : indexPlan(doc).pathOf(el),
  ...(el.loc ? { line: el.loc.line } : {}),
});

/** Every tag inside `el`, itself included, in document order (iteratively). */
function subtree(el: AnyElement): AnyElement[] {
  const out: AnyElement[] = [];
  const stack = [el];
  while (stack.length > 0) {
    const e = stack.pop()!;
    out.push(e);
    const children = elementChildren(e);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/** The tags a call can reach (breadth first over the execution graph). */
function reachable(doc: DocumentNode): Set<AnyElement> {
  const graph = indexPlan(doc).flow;
  const seen = new Set<FlowNode>([doc.root]);
  const out = new Set<AnyElement>();
  const queue: FlowNode[] = [doc.root];
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head]!;
    if (n !== EXIT) out.add('input' in n ? n.input : n);
    for (const next of graph.successors(n)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return out;
}

/** Whether a tag is a step a reader follows (not a branch container, a goto or the root). */
const isStep = (el: AnyElement) => !BRANCH_CHILD.has(elementName(el)) && elementName(el) !== 'goto' && elementName(el) !== 'dialplan';

/** Where a jump sits, read from its nearest menu, if or amd: `[main] menu › pressed 2`. */
function contextOf(doc: DocumentNode, el: AnyElement): string {
  const index = indexPlan(doc);
  const parts: string[] = [];
  let at: AnyElement | undefined = el;
  while (at && parts.length < 2) {
    const up: AnyElement | undefined = index.parentOf(at);
    if (!up) break;
    if (elementName(at) === 'keypress') parts.unshift(`pressed ${at.attributes['pressed'] ?? '?'}`);
    else if (elementName(at) === 'else') parts.unshift('else');
    else if (elementName(at) === 'live' || elementName(at) === 'machine') parts.unshift(elementName(at));
    if (isStep(up) && elementName(up) !== 'dialplan') {
      parts.unshift(up.attributes['name'] ? `${elementName(up)} "${up.attributes['name']}"` : describe(up));
      break;
    }
    at = up;
  }
  return parts.join(' › ') || 'the plan';
}

/**
 * Compares two plans as call flows. Each is a plan built with the DSL, a syntax tree or XML
 * text (XML that does not parse throws a SyntaxError naming the line, anything else a TypeError).
 *
 * @example
 * ```ts
 * const { same, changes } = diffPlans(before, after);
 * for (const c of changes) console.log(c.kind, c.step, c.new?.line ?? c.old?.line);
 * ```
 */
export function diffPlans(oldPlan: PlanSource, newPlan: PlanSource): PlanDiff {
  const oldDoc = planTree(oldPlan, 'diffPlans()');
  const newDoc = planTree(newPlan, 'diffPlans()');
  const matching = matchPlans(oldDoc, newDoc);
  const changes: PlanChange[] = [];
  const renames = findRenames(matching);

  for (const o of subtree(oldDoc.root)) {
    const n = matching.oldToNew.get(o);
    if (!n) continue;
    const fields = fieldChanges(o, n, renames);
    const name = o.attributes['name'];
    const newName = n.attributes['name'];
    if (name !== undefined && newName !== undefined && name !== newName && renames.get(name) === newName) {
      const count = countReferences(newDoc, newName);
      changes.push({ kind: 'renamed', tag: elementName(n), step: describe(n), old: where(oldDoc, o), new: where(newDoc, n), from: name, to: newName, count });
    }
    const target = elementName(n) === 'goto' ? 'text' : elementName(n) === 'catch' ? 'goto' : undefined;
    const retarget = fields.find((f) => (target === 'text' ? f.field === 'text' : f.field === 'attribute' && f.name === 'goto'));
    if (target && retarget) {
      changes.push({
        kind: 'retargeted',
        tag: elementName(n),
        step: describe(n),
        old: where(oldDoc, o),
        new: where(newDoc, n),
        from: retarget.old?.trim() ?? '',
        to: retarget.new?.trim() ?? '',
        context: contextOf(newDoc, n),
      });
    }
    const rest = fields.filter((f) => f !== retarget);
    if (rest.length > 0) changes.push({ kind: 'changed', tag: elementName(n), step: describe(n), old: where(oldDoc, o), new: where(newDoc, n), fields: rest });
  }

  // added and removed: the top-most tag of each new or gone part, with how many tags it holds
  const lone = (doc: DocumentNode, matched: ReadonlyMap<AnyElement, AnyElement>, kind: 'added' | 'removed') => {
    const index = indexPlan(doc);
    for (const el of index.all) {
      if (matched.has(el)) continue;
      const parent = index.parentOf(el);
      if (parent && !matched.has(parent)) continue;
      const loc = where(doc, el);
      changes.push({ kind, tag: elementName(el), step: describe(el), ...(kind === 'added' ? { new: loc } : { old: loc }), count: subtree(el).length });
    }
  };
  lone(oldDoc, matching.oldToNew, 'removed');
  lone(newDoc, matching.newToOld, 'added');

  // reachability of the steps both plans have: the top-most step of each part that changed
  const before = reachable(oldDoc);
  const after = reachable(newDoc);
  const index = indexPlan(newDoc);
  for (const [o, n] of matching.oldToNew) {
    if (!isStep(n)) continue;
    const was = before.has(o);
    const is = after.has(n);
    if (was === is) continue;
    // the nearest enclosing step: when it changed the same way, this step is part of its change
    let parent = index.parentOf(n);
    while (parent && !isStep(parent) && elementName(parent) !== 'dialplan') parent = index.parentOf(parent);
    const parentOld = parent ? matching.newToOld.get(parent) : undefined;
    if (parent && parentOld && isStep(parent) && before.has(parentOld) === was && after.has(parent) === is) continue;
    changes.push({ kind: is ? 'reachable' : 'unreachable', tag: elementName(n), step: describe(n), old: where(oldDoc, o), new: where(newDoc, n) });
  }

  const line = (c: PlanChange) => c.new?.line ?? c.old?.line ?? 0;
  changes.sort((a, b) => line(a) - line(b));
  return { same: changes.length === 0, changes };
}

/** Renamed tags (old name → new name): a matched tag whose name changed and whose old name is gone. */
function findRenames(matching: Matching): Map<string, string> {
  const out = new Map<string, string>();
  const newNames = new Set<string>();
  for (const n of matching.newToOld.keys()) if (n.attributes['name'] !== undefined) newNames.add(n.attributes['name'].trim());
  for (const [o, n] of matching.oldToNew) {
    const a = o.attributes['name']?.trim();
    const b = n.attributes['name']?.trim();
    if (a && b && a !== b && !newNames.has(a) && !out.has(a)) out.set(a, b);
  }
  return out;
}

/** How many gotos and catches of a plan jump to a name. */
function countReferences(doc: DocumentNode, name: string): number {
  let k = 0;
  for (const el of indexPlan(doc).elements) {
    if (el.kind === 'goto' && textOf(el) === name.trim()) k++;
    if (el.kind === 'catch' && el.attributes['goto']?.trim() === name.trim()) k++;
  }
  return k;
}

/** The attributes and text that differ between two matched tags; renames and the jumps that follow them are not differences. */
function fieldChanges(o: AnyElement, n: AnyElement, renames: ReadonlyMap<string, string>): FieldChange[] {
  const out: FieldChange[] = [];
  const follows = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && renames.get(a.trim()) === b.trim();
  const names = new Set([...Object.keys(o.attributes), ...Object.keys(n.attributes)]);
  for (const name of names) {
    const a = o.attributes[name];
    const b = n.attributes[name];
    if (a === b) continue;
    if (name === 'name' && follows(a, b)) continue;
    if (name === 'goto' && elementName(n) === 'catch' && follows(a, b)) continue;
    out.push({ field: 'attribute', name, ...(a === undefined ? {} : { old: a }), ...(b === undefined ? {} : { new: b }) });
  }
  if (elementChildren(o).length === 0 && elementChildren(n).length === 0) {
    const a = textOf(o);
    const b = textOf(n);
    if (a !== b && !(elementName(n) === 'goto' && follows(a, b))) out.push({ field: 'text', old: a, new: b });
  }
  return out;
}
