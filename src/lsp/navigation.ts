/**
 * Goto targets as links: go to definition from a `<goto>` or `catch goto` to the named tag,
 * find every jump to a name, and rename a name with all its jumps. Works on the current
 * text's syntax tree and its exact spans; a document that does not parse has no links.
 *
 * @module
 */
import type { Location, Range, TextEdit } from 'vscode-languageserver';
import type { AnyElement, DocumentNode } from '../ast/nodes.js';
import { elementName } from '../ast/nodes.js';
import { indexPlan } from '../ast/plan-index.js';
import { isTagName, tagSpec } from '../language/catalog.js';
import { tagLabelProblem } from '../language/tag-label.js';
import { spanOffsets, rangeOf, type OffsetMap } from './positions.js';

/** One place a name is written: a tag's `name`, or a jump to it. */
export interface NameSite {
  readonly name: string;
  readonly role: 'declaration' | 'reference';
  readonly element: AnyElement;
  /** Offsets of the name as written, surrounding white space left out. */
  readonly start: number;
  readonly end: number;
}

/** The offsets of `[start, end)` with the white space at both ends left out. */
function trimmed(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return [s, e];
}

/** Whether the tag takes a tag name as its text (`goto`). */
function holdsTagref(el: AnyElement): boolean {
  const tag = elementName(el);
  return isTagName(tag) && tagSpec(tag).content === 'tagref';
}

/** Attributes of a tag that name another tag (`catch goto`). */
function tagrefAttributes(el: AnyElement): string[] {
  const tag = elementName(el);
  if (!isTagName(tag)) return [];
  return Object.entries(tagSpec(tag).attributes)
    .filter(([, spec]) => spec.type === 'tagref')
    .map(([a]) => a);
}

/**
 * Every name site of the document: each `name` attribute and each jump (goto text, catch
 * goto) whose target is written literally (targets built from `${…}` are left out).
 */
export function nameSites(doc: DocumentNode, text: string): NameSite[] {
  const out: NameSite[] = [];
  const add = (element: AnyElement, role: NameSite['role'], span: { start: { offset: number }; end: { offset: number } } | undefined) => {
    if (!span) return;
    const [s, e] = trimmed(text, ...spanOffsets(span, text));
    const name = text.slice(s, e);
    if (name === '' || name.includes('${')) return;
    out.push({ name, role, element, start: s, end: e });
  };
  for (const el of indexPlan(doc).elements) {
    const span = el.span;
    if (!span) continue;
    if (Object.hasOwn(span.attributes, 'name')) add(el, 'declaration', span.attributes['name']!.value);
    for (const a of tagrefAttributes(el)) if (Object.hasOwn(span.attributes, a)) add(el, 'reference', span.attributes[a]!.value);
    // a goto's name as its text: the content between the tags, when it is plain text
    if (holdsTagref(el) && span.content && !/[<&]/.test(text.slice(...spanOffsets(span.content, text)))) add(el, 'reference', span.content);
  }
  return out;
}

/** The name site under the cursor (its end included, so a cursor just after a name finds it). */
export function siteAt(sites: readonly NameSite[], offset: number): NameSite | undefined {
  return sites.find((s) => s.start <= offset && offset <= s.end);
}

/** Where the name of the tag a jump leads to is written. */
export function definitionOf(sites: readonly NameSite[], site: NameSite, doc: DocumentNode): NameSite | undefined {
  const target = indexPlan(doc).byName.get(site.name);
  return sites.find((s) => s.role === 'declaration' && s.element === target);
}

/** Every site of one name: the tags that carry it and the jumps to it. */
export function sitesOf(sites: readonly NameSite[], name: string): NameSite[] {
  return sites.filter((s) => s.name === name);
}

/** As locations in the document `uri`. */
export function locations(uri: string, doc: OffsetMap, sites: readonly NameSite[]): Location[] {
  return sites.map((s) => ({ uri, range: rangeOf(doc, s.start, s.end) }));
}

/** The outcome of a rename: the edits, or why it is refused. */
export type RenameResult = { readonly ok: true; readonly edits: TextEdit[] } | { readonly ok: false; readonly reason: string };

/** Renames the name at a site, together with every other site of that name. */
export function rename(sites: readonly NameSite[], site: NameSite, newName: string, doc: OffsetMap): RenameResult {
  const problem = tagLabelProblem(newName);
  if (problem) return { ok: false, reason: `Cannot rename to "${newName}": ${problem}.` };
  if (newName !== site.name && sites.some((s) => s.role === 'declaration' && s.name === newName)) {
    return { ok: false, reason: `Cannot rename to "${newName}": another tag is already named "${newName}".` };
  }
  return { ok: true, edits: sitesOf(sites, site.name).map((s) => ({ range: rangeOf(doc, s.start, s.end), newText: newName })) };
}

/** The range of a site, for prepareRename. */
export function siteRange(doc: OffsetMap, site: NameSite): Range {
  return rangeOf(doc, site.start, site.end);
}
