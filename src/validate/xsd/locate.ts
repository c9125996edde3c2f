/**
 * Finds the element a libxml2 schema error is about, to give the diagnostic a path
 * (`/dialplan/menu[2]/keypress[3]`) and the line and column of its start tag.
 *
 * libxml2 reports only a line (the one on which the start tag ends) and the element's
 * name, and neither schema engine hands out a node (the compiled one builds no tree). So the element is found in the syntax
 * tree `parse()` builds from the same text: among the elements of that name whose start tag
 * ends on that line, the first one at or after the previous error's element (libxml2
 * reports in document order) whose content fits the error (it has the attribute that is
 * not allowed, lacks the one that is required, holds the rejected value). That stays exact
 * when several tags share a line, as in a plan written on one line.
 *
 * @module
 */
import type { AnyElement, DocumentNode } from '../../ast/nodes.js';
import { elementChildren, elementName, rawText } from '../../ast/nodes.js';
import { walk } from '../../ast/visit.js';
import { CATALOG } from '../../language/catalog.js';
import { contentViolations } from '../../language/content-model.js';
import { firstNotBefore } from '../../util/binary-search.js';
import { lineStarts } from '../../util/line-starts.js';
import type { LibxmlSchemaError } from './libxml-issue.js';

/** An element of the document with where it sits. */
export interface LocatedElement {
  readonly node: AnyElement;
  readonly path: string;
  /** The parent element; undefined for the root. */
  readonly parent?: AnyElement;
  /** Index in document order. */
  readonly index: number;
}

/** XML Schema's whitespace collapsing, as libxml2 applies it before reporting a value. */
export function collapse(s: string): string {
  return s.replace(/[ \t\r\n]+/g, ' ').trim();
}

function allowedIn(parent: AnyElement | undefined, child: AnyElement): boolean {
  if (parent === undefined || parent.kind === '#unknown' || child.kind === '#unknown') return false;
  const spec = CATALOG[parent.kind];
  return 'children' in spec && (spec.children as readonly string[]).includes(child.kind);
}

/**
 * How an allowed tag breaks its parent's order or count: `after-else` for anything after an
 * `<else>` in an `<if>` (a second `<else>` included), `repeated` for a second `<live>` or
 * `<machine>` in an `<amd>`; undefined when it does neither.
 */
export function misplacement(parent: AnyElement | undefined, node: AnyElement): 'after-else' | 'repeated' | undefined {
  if (parent === undefined || parent.kind === '#unknown') return undefined;
  let found = misplaced.get(parent);
  if (!found) {
    // one pass over the siblings, kept per parent: asked for each of a wide parent's
    // children, a scan of the earlier siblings each time would be quadratic
    found = new Map();
    const siblings = elementChildren(parent);
    for (const v of contentViolations(parent.kind, siblings.map(elementName))) {
      if (v.kind === 'after-else' || v.kind === 'repeated') found.set(siblings[v.index]!, v.kind);
    }
    misplaced.set(parent, found);
  }
  return found.get(node);
}

/** {@link misplacement}'s answers by parent (trees are immutable). */
const misplaced = new WeakMap<AnyElement, Map<AnyElement, 'after-else' | 'repeated'>>();

/** Whether the error could be about this element, judged from its content. */
function fits(error: LibxmlSchemaError, at: LocatedElement): boolean {
  const { node } = at;
  const attr = error.attribute;
  const issue = error.issue;
  switch (issue.kind) {
    case 'unexpected-element':
      // a tag misplaced among allowed siblings (a second <else>) does not show in the
      // content alone; the caller then falls back to document order
      return !allowedIn(at.parent, node) || misplacement(at.parent, node) !== undefined;
    case 'required-attribute':
      return !Object.hasOwn(node.attributes, issue.attribute);
    case 'unknown-attribute':
      return Object.hasOwn(node.attributes, issue.attribute);
    case 'not-in-set':
    case 'bad-value': {
      const actual = attr === undefined ? rawText(node) : node.attributes[attr];
      return actual !== undefined && collapse(actual) === collapse(issue.value);
    }
    case 'blank': {
      const actual = attr === undefined ? rawText(node) : node.attributes[attr];
      return actual !== undefined && collapse(actual) === '';
    }
    case 'text-not-allowed':
      return collapse(rawText(node)) !== '';
    case 'elements-not-allowed':
      return elementChildren(node).length > 0;
    case 'stray-text':
      return node.children.some((c) => c.kind === '#text' && c.text.trim() !== '');
    case 'missing-child': {
      const present = new Set(elementChildren(node).map(elementName));
      return issue.expected.some((e) => !present.has(e));
    }
    default:
      return true;
  }
}

/** Locates the elements named in libxml2's schema errors within the text they came from. */
export class ElementLocator {
  private readonly elements: LocatedElement[] = [];
  private readonly byName = new Map<string, number[]>();
  private readonly endLines = new Map<number, number>();
  /** The candidates of each name by the line their start tag ends on. */
  private readonly byLine = new Map<string, Map<number, number[]>>();
  /** Per error (its signature): the pool position from which on no candidate fits it. */
  private readonly noFitFrom = new Map<string, number>();
  /** Per error: the pool position after the element it was last found at. */
  private readonly nextFor = new Map<string, number>();
  /** Per error: the first candidate in its whole pool that fits, or -1. */
  private readonly firstFit = new Map<string, number>();
  private lineStarts: number[] | undefined;
  private cursor = 0;

  /**
   * @param xml the text libxml2 validated (without a byte-order mark)
   * @param doc the same text parsed by `parse()`
   */
  constructor(
    private readonly xml: string,
    doc: DocumentNode,
  ) {
    for (const v of walk(doc)) {
      const index = this.elements.length;
      const parent = v.parent;
      this.elements.push(parent === undefined ? { node: v.node, path: v.path, index } : { node: v.node, path: v.path, parent, index });
      const name = elementName(v.node);
      const list = this.byName.get(name);
      if (list) list.push(index);
      else this.byName.set(name, [index]);
    }
  }

  /** The element an error is about, or undefined when it cannot be told. */
  locate(error: LibxmlSchemaError): LocatedElement | undefined {
    const candidates = this.byName.get(error.element);
    if (!candidates) return undefined;
    const pool = this.linesOf(error.element, candidates).get(error.line) ?? candidates;
    // Pools are in document order. The first candidate at or after the cursor that fits, else
    // the first that fits anywhere, else the first at or after the cursor. Each answer is
    // remembered per error signature, so thousands of errors on one line of thousands of
    // same-named tags cost one pass over them, not one pass per error.
    const key = `${error.line}\u0000${error.element}\u0000${error.attribute ?? ''}\u0000${JSON.stringify(error.issue)}`;
    // an element has each error once: the same error again is about a later element
    const from = Math.max(firstNotBefore(pool, (i) => i < this.cursor), this.nextFor.get(key) ?? 0);
    const stop = Math.min(pool.length, this.noFitFrom.get(key) ?? pool.length);
    let pick: number | undefined;
    for (let p = from; p < stop && pick === undefined; p++) if (fits(error, this.elements[pool[p]!]!)) pick = pool[p]!;
    if (pick === undefined) {
      if (from < stop) this.noFitFrom.set(key, from);
      let first = this.firstFit.get(key);
      if (first === undefined) this.firstFit.set(key, (first = pool.find((i) => fits(error, this.elements[i]!)) ?? -1));
      pick = first !== -1 ? first : (pool[from] ?? pool[0]!);
    }
    this.cursor = pick;
    const at = firstNotBefore(pool, (i) => i < pick);
    if (pool[at] === pick) this.nextFor.set(key, at + 1);
    return this.elements[pick];
  }

  /** The candidates of a name grouped by the line their start tag ends on (built once per name). */
  private linesOf(name: string, candidates: readonly number[]): Map<number, number[]> {
    let lines = this.byLine.get(name);
    if (!lines) {
      lines = new Map();
      for (const i of candidates) {
        const line = this.endLine(i);
        const list = lines.get(line);
        if (list) list.push(i);
        else lines.set(line, [i]);
      }
      this.byLine.set(name, lines);
    }
    return lines;
  }

  /** The line on which an element's start tag ends (its `>`), which is the line libxml2 reports. */
  private endLine(index: number): number {
    const cached = this.endLines.get(index);
    if (cached !== undefined) return cached;
    const { loc, span } = this.elements[index]!.node;
    // the parser's span ends just after the `>`, which is on the line libxml2 reports
    let line = span?.startTag.end.line ?? loc?.line ?? 0;
    if (loc && !span) {
      const starts = (this.lineStarts ??= lineStarts(this.xml));
      let i = (starts[loc.line - 1] ?? 0) + loc.column - 1;
      let quote = 0;
      for (; i < this.xml.length; i++) {
        const c = this.xml.charCodeAt(i);
        if (c === 0x0a) line++;
        else if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e /* > */) break;
      }
    }
    this.endLines.set(index, line);
    return line;
  }
}
