/**
 * `format()`: the canonical layout of CallFire XML, what `dialplan fmt` writes.
 *
 * - one tag per line, indented by depth, where CallFire does not read white space (between
 *   the tags of a container);
 * - attributes in the catalog's order (unknown ones after, as written), each value in double
 *   quotes and spelled as it was (entities kept), a single space apart;
 * - text CallFire reads is never touched: the content of every leaf tag (TTS, numbers,
 *   expressions, goto targets, CDATA, comments inside it) is copied character for character,
 *   and so is a container holding stray text or an unknown tag;
 * - comments stay where they stand: on their own line, or at the end of the line of the tag
 *   before them; one blank line between tags is kept where the source had one or more.
 *
 * The layout is computed from the source spans the parser records, so `parse(format(x))` is
 * the same plan as `parse(x)`, and `format(format(x)) === format(x)`.
 *
 * Source text is written by hand here rather than through xmlbuilder2 (which `compile/`
 * uses): a formatter must keep the author's exact spelling of every value and text, which a
 * serializer would re-encode.
 *
 * @module
 */
import type { AnyElement, CommentNode, DocumentNode, Node, PlanSource, SourceSpan } from '../ast/nodes.js';
import { describeValue, elementName, isElement, treeOf } from '../ast/nodes.js';
import { compile } from '../compile/compile.js';
import { isTagName, tagSpec } from '../language/catalog.js';
import { parse } from '../parse/parse.js';
import { splitBom } from '../util/bom.js';
import type { Diagnostic } from '../validate/diagnostic.js';

/** The most spaces per level {@link format} indents by (`fmt.indent` of `.dialplanrc.json`'s schema says the same). @internal */
export const MAX_INDENT = 8;

/** Whether `value` is an indent {@link format} takes: 0 to {@link MAX_INDENT} spaces, or `'tab'`. @internal */
export function isIndent(value: unknown): value is number | 'tab' {
  return value === 'tab' || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_INDENT);
}

/** Options of {@link format}. @category Formatting */
export interface FormatOptions {
  /** Spaces per level (0 to 8), or `'tab'` (default 2). The `fmt.indent` of `.dialplanrc.json`. */
  readonly indent?: number | 'tab';
}

/** What {@link format} returns: the text when the input could be read, else why not. @category Formatting */
export interface FormatResult {
  readonly text?: string;
  /** `xml-syntax` (or root) problems that stop formatting; empty when `text` is there. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Writes a dialplan in the canonical layout. XML text keeps its byte-order mark, its line
 * endings (CRLF when the text uses them) and the declaration; a syntax tree or builder is
 * compiled first.
 *
 * @example
 * ```ts
 * format('<dialplan name="R"><menu maxDigits="1" name="m"><play type="tts">Hi</play></menu></dialplan>').text;
 * // '<dialplan name="R">\n  <menu name="m" maxDigits="1">\n    <play type="tts">Hi</play>\n  </menu>\n</dialplan>\n'
 * ```
 * @category Formatting
 */
export function format(input: PlanSource, options: FormatOptions = {}): FormatResult {
  // from untyped code, a wrong indent would format silently with another one
  if (options.indent !== undefined && !isIndent(options.indent)) {
    const got: unknown = options.indent;
    const shown = typeof got === 'string' ? JSON.stringify(got) : typeof got === 'number' ? String(got) : describeValue(got);
    throw new TypeError(`format() takes an indent of 0 to ${MAX_INDENT} spaces or 'tab'; got ${shown}`);
  }
  const text = typeof input === 'string' ? input : compile(treeOf(input, 'format()'));
  const parsed = parse(text);
  if (!parsed.document) return { diagnostics: parsed.diagnostics };
  const { bom, body: source } = splitBom(text);
  const pi = processingInstruction(source);
  if (pi !== undefined) {
    const before = source.slice(0, pi);
    const line = before.split('\n').length;
    const column = pi - before.lastIndexOf('\n');
    const message = 'A processing instruction (<?…?>) other than the XML declaration: fmt does not know where it belongs and would drop it; remove it or format by hand.';
    return { diagnostics: [{ rule: 'xml-syntax', severity: 'error', message, line, column, path: '/' }] };
  }
  const unit = options.indent === 'tab' ? '\t' : ' '.repeat(options.indent ?? 2);
  const newline = source.includes('\r\n') ? '\r\n' : '\n';
  return { text: bom + new Layout(source, unit, newline).document(parsed.document), diagnostics: [] };
}

/**
 * The offset of a processing instruction other than a leading XML declaration, if any: the
 * parser keeps none, so the layout could not put one back. Comments and CDATA are skipped.
 */
function processingInstruction(source: string): number | undefined {
  const re = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m[0] !== '<?') continue;
    if (m.index === 0 && /^<\?xml\s/.test(source)) continue;
    return m.index;
  }
  return undefined;
}

/** The canonical order of a tag's attributes: the catalog's, then unknown ones as written. */
function attributeOrder(node: AnyElement): string[] {
  const written = Object.keys(node.attributes);
  const name = elementName(node);
  if (!isTagName(name)) return written;
  const known = Object.keys(tagSpec(name).attributes).filter((a) => Object.hasOwn(node.attributes, a));
  return [...known, ...written.filter((a) => !known.includes(a))];
}

/** Whether the element's children are laid out one per line: a container holding only tags and comments. */
function isLaidOut(node: AnyElement): boolean {
  const name = elementName(node);
  const container = isTagName(name) && tagSpec(name).content === 'children';
  return container && node.children.every((c) => c.kind !== '#text');
}

class Layout {
  constructor(
    private readonly source: string,
    private readonly unit: string,
    private readonly newline: string,
  ) {}

  private raw(span: SourceSpan): string {
    return this.source.slice(span.start.offset, span.end.offset);
  }

  /** Whether the source has a blank line between two offsets. */
  private blankBetween(from: number, to: number): boolean {
    return /\n[ \t\r]*\n/.test(this.source.slice(from, to));
  }

  /**
   * Whether a comment stays at the end of the line before it: it starts on the line where the
   * previous tag ends and nothing but white space follows it on its own line.
   */
  private trails(comment: CommentNode, prevEnd: number | undefined): boolean {
    const span = comment.span;
    if (!span || prevEnd === undefined || /\n/.test(this.source.slice(prevEnd, span.start.offset))) return false;
    const after = this.source.slice(span.end.offset);
    return /^[ \t]*(\r?\n|$)/.test(after);
  }

  document(doc: DocumentNode): string {
    const decl = /^\s*(<\?xml\s[^?]*\?>)/.exec(this.source);
    const top: Node[] = [...doc.prolog, doc.root, ...doc.epilog];
    const out = this.sequence(top, 0, decl ? decl[0].length : undefined, decl ? decl[1]! : '');
    return `${out.replace(/^(\r?\n)+/, '')}${this.newline}`;
  }

  /**
   * Nodes one per line at `depth`, each line preceded by a line break; `head` is what the
   * first line continues (a start tag, the declaration), `headEnd` where it ends in the source.
   */
  private sequence(nodes: readonly Node[], depth: number, headEnd: number | undefined, head: string): string {
    const indent = this.unit.repeat(depth);
    let out = head;
    let prevEnd = headEnd;
    let first = true;
    for (const n of nodes) {
      const span = isElement(n) ? n.span?.whole : n.kind === '#comment' ? n.span : undefined;
      if (n.kind === '#comment' && this.trails(n, prevEnd) && out !== '') {
        out += ` ${this.comment(n)}`;
      } else {
        const blank = !first && prevEnd !== undefined && span !== undefined && this.blankBetween(prevEnd, span.start.offset);
        out += `${blank ? this.newline : ''}${this.newline}${indent}${this.node(n, depth)}`;
      }
      first = false;
      prevEnd = span?.end.offset;
    }
    return out;
  }

  private comment(n: CommentNode): string {
    return n.span ? this.raw(n.span) : `<!--${n.text}-->`;
  }

  private node(n: Node, depth: number): string {
    if (n.kind === '#comment') return this.comment(n);
    if (n.kind === '#text') return n.span ? this.raw(n.span) : n.text; // not reached: text is never laid out
    return this.element(n, depth);
  }

  private startTag(node: AnyElement, close: '>' | '/>'): string {
    const spans = node.span?.attributes ?? {};
    let tag = `<${elementName(node)}`;
    for (const a of attributeOrder(node)) {
      const s = spans[a];
      // the value as written; under double quotes a written `"` must become &quot;
      const value = s ? this.raw(s.value) : node.attributes[a]!;
      tag += ` ${a}="${s?.quote === "'" ? value.replaceAll('"', '&quot;') : value}"`;
    }
    return tag + close;
  }

  private element(node: AnyElement, depth: number): string {
    const span = node.span;
    const name = elementName(node);
    // nothing inside, or only the white space a container drops
    if (node.children.length === 0) return this.startTag(node, '/>');
    if (!span?.content) return this.raw(span!.whole); // not reached: children imply content
    if (!isLaidOut(node)) {
      // CallFire reads this content (or it is not ours to judge): copy it as written
      return `${this.startTag(node, '>')}${this.raw(span.content)}</${name}>`;
    }
    const inner = this.sequence(node.children, depth + 1, span.startTag.end.offset, this.startTag(node, '>'));
    return `${inner}${this.newline}${this.unit.repeat(depth)}</${name}>`;
  }
}
