/**
 * Builds the syntax tree from what a reader of the text reports (a start tag, a run of
 * character data, a comment, an end tag, each with its offsets), so the two readers of
 * `parse()` (the fast scanner and the saxes fallback) make the same tree with the same
 * positions by construction, and refuse the same shapes at the same places.
 *
 * @module
 */
import type { CommentNode, DocumentNode, ElementNode, Node, Position } from '../ast/nodes.js';
import type { Diagnostic } from '../ast/diagnostic.js';
import { NO_CHILDREN } from '../ast/nodes.js';
import { attributesMessage, depthMessage, LIMITS, referenceProblem, referencesMessage } from '../ast/limits.js';
import { CATALOG, type TagName } from '../language/catalog.js';
import { NO_ATTRIBUTES, ParsedCharacters, ParsedElement, SourceText } from './parsed-nodes.js';

const XINCLUDE_NS = 'http://www.w3.org/2001/XInclude';
const MAX_DEPTH = LIMITS.depth;
const MAX_ATTRIBUTES = LIMITS.attributes;
/** The longest value the tree keeps one copy of (longer ones are mostly unique: prompts, expressions). */
export const MAX_SHARED = 32;
/**
 * How many distinct values, and sets of attributes, a parse keeps to share: the ones that
 * repeat are mostly met early, and past this the unique ones of a big plan (each menu's name)
 * would only fill the maps.
 */
export const MAX_KEPT = 4096;

/** Each tag of the language: its name (one string for every element of that kind) and whether it keeps white-space-only text (a leaf tag does). */
const TAGS: ReadonlyMap<string, { readonly tag: TagName; readonly keepsText: boolean }> = new Map(
  Object.entries(CATALOG).map(([tag, spec]) => [tag, { tag: tag as TagName, keepsText: spec.content !== 'children' }]),
);

/** A step in the tree of attribute sets kept to share: the set that ends here, and the steps on by attribute name and value. */
interface RecordStep {
  record?: Readonly<Record<string, string>>;
  readonly next: Map<string, Map<string, RecordStep>>;
}

/** An element opened before, as {@link TreeBuilder.openAgain} opens others like it (from {@link TreeBuilder.seen}). */
export interface SeenTag {
  readonly el: OpenElement;
  /** Whether it keeps white-space-only text. */
  readonly keepsText: boolean;
}

/** A refusal at a place: the parse stops with this `xml-syntax` error. */
export class Refused extends Error {
  constructor(
    message: string,
    readonly loc: Position,
  ) {
    super(message);
  }
}

/** An element being read (its children are set when it closes). */
export type OpenElement = ParsedElement;

/**
 * `rawText` of an element's children (its texts joined) by index: a `for…of` over children
 * arrays, some of them the frozen NO_CHILDREN, left an iterator result per element on the
 * heap (a fifth of what parsing a big plan allocated).
 */
function textOfChildren(children: readonly Node[]): string {
  let out = '';
  for (let k = 0; k < children.length; k++) {
    const c = children[k]!;
    if (c.kind === '#text') out += c.text;
  }
  return out;
}

/** The tree of one document as it is read. */
export class TreeBuilder {
  readonly src: SourceText;
  /** The open elements, outermost first. */
  readonly stack: OpenElement[] = [];
  /** For each open element: whether it keeps white-space-only text (a leaf tag, or unknown). */
  readonly #keepsText: boolean[] = [];
  /** The children read so far of every open element, in text order; #childStart says where each element's begin. */
  readonly #pending: (ParsedElement | ParsedCharacters)[] = [];
  /** How many of #pending are in use (the rest are left over, to be overwritten). */
  #pendingTop = 0;
  readonly #childStart: number[] = [];
  readonly #prolog: CommentNode[] = [];
  readonly #epilog: CommentNode[] = [];
  readonly diagnostics: Diagnostic[] = [];
  #root: ElementNode<'dialplan'> | undefined;
  #rootName: string | undefined;
  /** Where the character data that comes next starts: the end of the last markup. */
  #lastEnd = 0;
  /** How many elements have been opened: the next one's place in document order. */
  #opened = 0;

  constructor(xml: string) {
    this.src = new SourceText(xml);
  }

  /** Line and column of an offset (for a refusal: a node's own are computed when read). */
  locAt(offset: number): Position {
    return this.src.positionAt(offset);
  }

  /**
   * Short values read before, by value. A plan says "tts", "female2", "default" or
   * "${call.lastinput}" thousands of times, and each reading of the text makes a new string
   * (a copy, for fewer than 13 characters): the tree keeps one of each instead.
   */
  readonly #strings = new Map<string, string>();

  /** `s`, or the equal string read before when it is short. */
  #shared(s: string): string {
    return this.#known(s) ?? this.#keep(s);
  }

  /** The string equal to `s` read before, if it is short and was. */
  #known(s: string): string | undefined {
    return s.length > MAX_SHARED ? undefined : this.#strings.get(s);
  }

  /** `s`, kept to share when it is short and there is room. */
  #keep(s: string): string {
    if (s.length <= MAX_SHARED && this.#strings.size < MAX_KEPT) this.#strings.set(s, s);
    return s;
  }

  /**
   * Sets of attributes read before, frozen, by their names and values: most tags of a plan
   * repeat one of a few (`pressed="1"`, `type="tts" voice="female2"`, `varname="Counter"`),
   * and a record each was a fifth of a big plan's tree. A tree of maps, one step per name and
   * value, since the names (property keys) and the shared values keep their hashes.
   */
  readonly #records: RecordStep = { next: new Map() };
  /** How many steps {@link #records} holds. */
  #recordSteps = 0;

  /** The step after `at` for the attribute `name` of value `value` (made when missing, while there is room), or undefined. */
  #recordStep(at: RecordStep, name: string, value: string): RecordStep | undefined {
    let byValue = at.next.get(name);
    if (byValue === undefined) {
      if (this.#recordSteps >= MAX_KEPT) return undefined;
      at.next.set(name, (byValue = new Map()));
    }
    let step = byValue.get(value);
    if (step === undefined) {
      if (this.#recordSteps >= MAX_KEPT) return undefined;
      byValue.set(value, (step = { next: new Map() }));
      this.#recordSteps++;
    }
    return step;
  }

  /** The innermost open element. */
  get top(): OpenElement | undefined {
    return this.stack[this.stack.length - 1];
  }

  /**
   * The names and values of the attributes of the start tag being read, in the order written:
   * a reader fills the first `count` of each and calls {@link openRead}, so no record is made
   * for a tag whose set of attributes is one kept to share (most tags of a plan).
   */
  readonly attributeNames: string[] = [];
  /** The values beside {@link attributeNames}. */
  readonly attributeValues: string[] = [];

  /**
   * A start tag from `start` (its `<`) to `startEnd` (just after its `>`), with these
   * attributes. Refuses XInclude, a second root and the shape limits (docs/limits.md) before
   * any work that grows with them.
   */
  open(name: string, attributes: Readonly<Record<string, string>>, start: number, startEnd: number): OpenElement {
    let count = 0;
    for (const k in attributes) {
      this.attributeNames[count] = k;
      this.attributeValues[count++] = attributes[k]!;
    }
    return this.openRead(name, count, start, startEnd);
  }

  /** {@link open} with the tag's `count` attributes in {@link attributeNames} and {@link attributeValues}. */
  openRead(name: string, count: number, start: number, startEnd: number): OpenElement {
    const names = this.attributeNames;
    const values = this.attributeValues;
    // one pass over the attributes; the refusals below keep their order
    let xinclude = false;
    let overReferences: string | undefined;
    // where this set of attributes is kept; none when a value is new (its set is new too, and
    // a plan's unique names make most such sets)
    let kept: RecordStep | undefined = this.#records;
    for (let a = 0; a < count; a++) {
      const k = names[a]!;
      const known = this.#known(values[a]!);
      const v = known ?? this.#keep(values[a]!);
      values[a] = v;
      if (kept !== undefined) kept = known !== undefined ? this.#recordStep(kept, k, v) : undefined;
      if (v === XINCLUDE_NS) xinclude = true;
      if (overReferences === undefined) {
        const problem = referenceProblem(v);
        if (problem) overReferences = referencesMessage(name, `attribute "${k}"`, problem);
      }
    }
    if (xinclude || name.endsWith(':include') || name === 'include') throw new Refused('XInclude is not allowed in a dialplan.', this.locAt(start));
    this.#checkPlace(name, start);
    if (count > MAX_ATTRIBUTES) throw new Refused(attributesMessage(name), this.locAt(start));
    if (overReferences !== undefined) throw new Refused(overReferences, this.locAt(start));
    const known = TAGS.get(name);
    const attributes = count === 0 ? NO_ATTRIBUTES : (kept?.record ?? this.#record(count, kept));
    return this.#push(new ParsedElement(name, known?.tag, attributes, this.src, start, this.#opened++), known ? known.keepsText : true, startEnd);
  }

  /**
   * Opens another element of a start tag written as `like`'s was, character for character
   * (the fast reader knows when): `like`'s name and attributes (one record for both, frozen),
   * with only the refusals that depend on where the tag stands, since `like`'s tag passed the
   * others.
   */
  openAgain(like: SeenTag, start: number, startEnd: number): OpenElement {
    const el = like.el;
    const unknown = el.name;
    this.#checkPlace(unknown ?? el.kind, start);
    const tag = unknown === undefined ? (el.kind as TagName) : undefined;
    return this.#push(new ParsedElement(unknown ?? tag!, tag, el.attributes, this.src, start, this.#opened++), like.keepsText, startEnd);
  }

  /**
   * The element opened last, as {@link openAgain} takes it to open others like it: its record
   * of attributes is frozen, since they will share it.
   */
  seen(): SeenTag {
    const el = this.#lastOpened!;
    Object.freeze(el.attributes);
    return { el, keepsText: this.#lastKeepsText };
  }

  /** The element opened last, and whether it keeps white-space-only text. */
  #lastOpened: OpenElement | undefined;
  #lastKeepsText = false;

  /** Refuses a start tag of `name` at `start` where it stands: a second root, or nested too deep. */
  #checkPlace(name: string, start: number): void {
    const depth = this.stack.length;
    if (depth === 0 && this.#rootName !== undefined) throw new Refused('A document has only one root element.', this.locAt(start));
    if (depth >= MAX_DEPTH) throw new Refused(depthMessage(name), this.locAt(start));
  }

  /** `el` (its start tag ends at `startEnd`) as the innermost open element. */
  #push(el: OpenElement, keepsText: boolean, startEnd: number): OpenElement {
    this.#lastOpened = el;
    this.#lastKeepsText = keepsText;
    this.stack.push(el);
    this.#keepsText.push(keepsText);
    this.#childStart.push(this.#pendingTop);
    this.#rootName ??= el.name ?? el.kind;
    this.#lastEnd = startEnd;
    return el;
  }

  /** The record of the `count` attributes read, kept (frozen) at `kept` to share, or not kept when that is undefined. */
  #record(count: number, kept: RecordStep | undefined): Readonly<Record<string, string>> {
    const record: Record<string, string> = {};
    for (let a = 0; a < count; a++) record[this.attributeNames[a]!] = this.attributeValues[a]!;
    if (kept === undefined) return record;
    kept.record = Object.freeze(record);
    return kept.record;
  }

  /** Closes the innermost element: `end` is just after its end tag or its `/>`. */
  close(end: number): OpenElement {
    const el = this.stack.pop()!;
    this.#keepsText.pop();
    // the children as an array of their own size (a growing array keeps spare room)
    const from = this.#childStart.pop()!;
    el.closeAt(this.#pendingTop > from ? (this.#pending.slice(from, this.#pendingTop) as readonly Node[]) : NO_CHILDREN, end);
    this.#pendingTop = from;
    const name = el.name ?? el.kind;
    const problem = referenceProblem(textOfChildren(el.children));
    if (problem) throw new Refused(referencesMessage(name, 'text', problem), el.loc);
    const parent = this.top;
    if (parent) this.#pending[this.#pendingTop++] = el;
    else if (el.kind === 'dialplan') this.#root = el as unknown as ElementNode<'dialplan'>;
    else {
      this.diagnostics.push({
        rule: 'schema',
        severity: 'error',
        message: `The root element must be <dialplan>, found <${name}>.`,
        line: el.loc.line,
        column: el.loc.column,
        path: '/',
      });
    }
    this.#lastEnd = end;
    return el;
  }

  /**
   * A run of character data (text with its entities decoded, or a CDATA section's content)
   * ending at `end`, just before the next markup (or after the section's `]]>`). White space
   * between tags is layout and dropped; text inside a leaf tag (or stray text in a container)
   * is kept, and runs that follow one another make one text node. `shared` says the reader
   * already gives one string for equal short texts (the fast reader's pool), so they are not
   * looked up again here.
   */
  text(text: string, end: number, shared = false): void {
    const parent = this.top;
    if (parent && (this.#keepsText[this.#keepsText.length - 1] || text.trim() !== '')) {
      const top = this.#pendingTop;
      const prev = top > this.#childStart[this.#childStart.length - 1]! ? this.#pending[top - 1] : undefined;
      if (prev instanceof ParsedCharacters && prev.kind === '#text') prev.extend(text, end);
      else this.#pending[this.#pendingTop++] = new ParsedCharacters('#text', shared ? text : this.#shared(text), this.src, this.#lastEnd, end);
    }
    this.#lastEnd = end;
  }

  /** A comment from `start` (its `<!--`) to `end` (after its `-->`). */
  comment(text: string, start: number, end: number): void {
    const node = new ParsedCharacters('#comment', text, this.src, start, end);
    if (this.stack.length > 0) this.#pending[this.#pendingTop++] = node;
    else (this.#rootName === undefined ? this.#prolog : this.#epilog).push(node as CommentNode);
    this.#lastEnd = end;
  }

  /** Whether the innermost open element keeps white-space-only text (a reader may skip making such text otherwise). */
  get keepsWhiteSpace(): boolean {
    return this.#keepsText[this.#keepsText.length - 1] ?? false;
  }

  /** Markup that makes no node (a processing instruction), or white space dropped as layout, ended at `end`. */
  skipped(end: number): void {
    this.#lastEnd = end;
  }

  /** The result once the whole text is read. */
  finish(): { readonly document?: DocumentNode; readonly diagnostics: readonly Diagnostic[] } {
    const root = this.#root;
    return root && this.diagnostics.length === 0
      ? { document: { kind: '#document', root, prolog: this.#prolog, epilog: this.#epilog }, diagnostics: this.diagnostics }
      : { diagnostics: this.diagnostics };
  }
}
