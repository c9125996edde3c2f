/**
 * What a container's children model (the catalog's `children` and `childrenModel`) means for
 * a concrete list of children. The catalog only names the models (`any`, `each-once`,
 * `else-last`); this module is the one place that says what each allows, so the converter to
 * TypeScript, the editor's completion and the schema diagnostics (which child libxml2 means,
 * and how to word it) cannot read a model differently. test/language/content-model.test.ts
 * holds it against schemas/dialplan.xsd.
 *
 * @module
 */
import { type TagName, tagSpec } from './catalog.js';

/**
 * One way a list of children breaks its parent's content model. `index` is the child's
 * position in the list given.
 *
 * - `not-allowed`: the tag is not among the parent's children (an `<else>` in a `<menu>`).
 * - `after-else`: any child after an `<if>`'s `<else>`, a second `<else>` included.
 * - `repeated`: a second `<live>` or `<machine>` in an `<amd>` (each-once).
 * - `missing`: an each-once child that is not there; it has no position.
 */
export type ContentViolation =
  | { readonly kind: 'not-allowed' | 'after-else' | 'repeated'; readonly tag: string; readonly index: number }
  | { readonly kind: 'missing'; readonly tag: string };

/** The violations of one list of children, in document order (what libxml2 would report first comes first), missing tags last. */
export function contentViolations(parent: TagName, children: readonly string[]): ContentViolation[] {
  const spec = tagSpec(parent);
  const allowed = new Set<string>(spec.children ?? []);
  const out: ContentViolation[] = [];
  const seen = new Set<string>();
  let elseSeen = false;
  children.forEach((tag, index) => {
    // a tag that does not belong is reported as such only: that says more than its place
    if (!allowed.has(tag)) out.push({ kind: 'not-allowed', tag, index });
    else if (spec.childrenModel === 'else-last' && elseSeen) out.push({ kind: 'after-else', tag, index });
    else if (spec.childrenModel === 'each-once' && seen.has(tag)) out.push({ kind: 'repeated', tag, index });
    if (tag === 'else') elseSeen = true;
    seen.add(tag);
  });
  for (const tag of requiredChildren(parent)) if (!seen.has(tag)) out.push({ kind: 'missing', tag });
  return out;
}

/** The tags a parent must hold once each (an `<amd>`'s two branches); empty for most parents. */
export function requiredChildren(parent: TagName): readonly string[] {
  const spec = tagSpec(parent);
  return spec.childrenModel === 'each-once' ? (spec.children ?? []) : [];
}

/**
 * The tags that may be written between `before` and `after` (the children already there) without
 * breaking the order or count of the parent's model: in an `<amd>` a branch not yet written, in
 * an `<if>` nothing after the `<else>`. A tag that only leaves the parent incomplete (a `<live>`
 * still waiting for its `<machine>`) may be written; problems the lists already have do not
 * count against a tag, so an editor keeps offering what fits while the rest is being fixed.
 */
export function insertableChildren(parent: TagName, before: readonly string[], after: readonly string[] = []): readonly string[] {
  const allowed = tagSpec(parent).children ?? [];
  const placed = (list: readonly string[]) => contentViolations(parent, list).filter((v) => v.kind !== 'missing').length;
  const already = placed([...before, ...after]);
  return allowed.filter((tag) => placed([...before, tag, ...after]) === already);
}
