/**
 * The syntax tree every pass works on. The builder makes it, `compile/` writes it as XML,
 * `parse/` reads XML back into it; lint, simulate and graph read it and never care which.
 *
 * Attribute values and text are kept exactly as written (strings), so a parsed plan compiles
 * back to the same document; passes read them through the catalog's types.
 *
 * @module
 */
import type { TagName } from '../language/catalog.js';

/** 1-based line and column of a node's start in the XML it was parsed from. @category Syntax tree */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A point in the parsed text: 1-based line and column (UTF-16 code units) and its 0-based offset (after a byte-order mark). @category Syntax tree */
export interface SourcePoint extends Position {
  readonly offset: number;
}

/**
 * A stretch of the parsed text, `end` exclusive. It has the shape of a diagnostic's
 * `TextRange` (plus offsets), so a span can be a finding's range or a fix's edit as it is.
 * @category Syntax tree
 */
export interface SourceSpan {
  readonly start: SourcePoint;
  readonly end: SourcePoint;
}

/** Where one attribute was written. @category Syntax tree */
export interface AttributeSpan {
  /** From the name to the closing quote: what removing or renaming the attribute replaces. */
  readonly whole: SourceSpan;
  readonly name: SourceSpan;
  /** The value as written (entities not decoded), without the quotes. */
  readonly value: SourceSpan;
  readonly quote: '"' | "'";
}

/** Where the parts of an element were written. Only parsed elements have one. @category Syntax tree */
export interface ElementSpan {
  /** From the start tag's `<` to the end of its end tag (or of `/>`). */
  readonly whole: SourceSpan;
  /** `<name …>` or `<name …/>`. */
  readonly startTag: SourceSpan;
  /** The name in the start tag. */
  readonly name: SourceSpan;
  /** By attribute name, in the order written. */
  readonly attributes: Readonly<Record<string, AttributeSpan>>;
  /** Between the start and the end tag, as written (CDATA markup and entities included); absent when self-closing. */
  readonly content?: SourceSpan;
  /** `</name>`; absent when self-closing. */
  readonly endTag?: SourceSpan;
}

/** Character data inside a tag (text and CDATA sections alike). @category Syntax tree */
export interface TextNode {
  readonly kind: '#text';
  readonly text: string;
  readonly loc?: Position;
  /** The text as written, adjacent CDATA sections included. */
  readonly span?: SourceSpan;
}

/** An XML comment, kept so that suppression comments and documentation survive a round trip. @category Syntax tree */
export interface CommentNode {
  readonly kind: '#comment';
  readonly text: string;
  readonly loc?: Position;
  /** From `<!--` to the end of `-->`. */
  readonly span?: SourceSpan;
}

/** A tag of the language. `kind` is its exact XML name. @category Syntax tree */
export interface ElementNode<K extends TagName = TagName> {
  readonly kind: K;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly Node[];
  readonly loc?: Position;
  readonly span?: ElementSpan;
}

/** A tag that is not part of the language, kept as parsed so validation can point at it. @category Syntax tree */
export interface UnknownElementNode {
  readonly kind: '#unknown';
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly Node[];
  readonly loc?: Position;
  readonly span?: ElementSpan;
}

/** Any node below the document. @category Syntax tree */
export type Node = ElementNode | UnknownElementNode | TextNode | CommentNode;

/** Any element, known or not. @category Syntax tree */
export type AnyElement = ElementNode | UnknownElementNode;

/**
 * A whole dialplan document: the `dialplan` root and the comments before and after it.
 * @category Syntax tree
 */
export interface DocumentNode {
  readonly kind: '#document';
  readonly root: ElementNode<'dialplan'>;
  /** Comments before the root element (copyright blocks, notes). */
  readonly prolog: readonly CommentNode[];
  /** Comments after the root element. */
  readonly epilog: readonly CommentNode[];
}

/**
 * The children of every element without any, in built and parsed trees alike: one frozen
 * empty list shared by all, rather than a new one for each leaf. Internal to the builder and the
 * parser (no entry exports it), so it has no API reference category.
 */
export const NO_CHILDREN: readonly Node[] = Object.freeze([]);

/** Whether a node is an element (known or unknown). @category Syntax tree */
export function isElement(node: Node): node is AnyElement {
  return node.kind !== '#text' && node.kind !== '#comment';
}

/** The XML name of an element. @category Syntax tree */
export function elementName(node: AnyElement): string {
  return node.kind === '#unknown' ? node.name : node.kind;
}

/** The element children of a node, skipping text and comments. @category Syntax tree */
export function elementChildren(node: { readonly children: readonly Node[] }): AnyElement[] {
  return node.children.filter(isElement);
}

/** The raw text inside a leaf tag: its text nodes joined, comments left out. @category Syntax tree */
export function rawText(node: { readonly children: readonly Node[] }): string {
  let out = '';
  for (const c of node.children) if (c.kind === '#text') out += c.text;
  return out;
}

/** The text inside a leaf tag with surrounding white space removed, as CallFire reads it. @category Syntax tree */
export function textOf(node: { readonly children: readonly Node[] }): string {
  return rawText(node).trim();
}

/** A dialplan in any form the toolkit takes: CallFire XML text, a syntax tree, or a builder (anything with `toAst()`). @category Syntax tree */
export type PlanSource = string | DocumentNode | {
  /** The plan's syntax tree. */
  toAst(): DocumentNode;
};

/** Whether a value is a syntax tree's document node. */
export function isDocument(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === '#document';
}

/** Whether a value is a builder, or anything else that gives its tree with `toAst()`. */
export function hasToAst(value: unknown): value is { toAst(): DocumentNode } {
  return typeof value === 'object' && value !== null && typeof (value as { toAst?: unknown }).toAst === 'function';
}

/**
 * The syntax tree of a tree or a builder. Anything else (a value from untyped code) is a
 * TypeError that says what was expected, rather than a crash deeper in the caller.
 */
export function treeOf(plan: DocumentNode | { toAst(): DocumentNode }, caller = 'a dialplan function'): DocumentNode {
  if (isDocument(plan)) return plan;
  if (hasToAst(plan)) return plan.toAst();
  throw new TypeError(`${caller} takes a plan built with the DSL, a syntax tree, or XML text; got ${describeValue(plan)}`);
}

/**
 * A plan handed on to another function that takes the same forms (expectCall and runScenario
 * run simulate()): XML text as given, anything else as its tree, so a value that is no plan is
 * refused under the name of the function the caller called. @internal
 */
export function passedPlan(plan: PlanSource, caller: string): string | DocumentNode {
  return typeof plan === 'string' ? plan : treeOf(plan, caller);
}

/** A wrong argument in a few words: its type, or the object's constructor name. @internal */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value !== 'object') return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
  // parse() returns { document, diagnostics }: passing that instead of its document is an easy slip
  if (isDocument((value as { document?: unknown }).document) && Array.isArray((value as { diagnostics?: unknown }).diagnostics)) {
    return "parse()'s result, whose .document is the tree";
  }
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== 'Object' ? `a ${name}` : 'an object without toAst()';
}
