/**
 * Syntax tree to TypeScript that builds the same plan with the DSL: the way to bring
 * dialplans written by hand into code. The output calls one builder method per tag, as a
 * person would write it, and compiles under `strict`.
 *
 * @module
 */
import type { AnyElement, DocumentNode, ElementNode, Node, PlanSource } from '../ast/nodes.js';
import { elementChildren, elementName, textOf } from '../ast/nodes.js';
import { checkLimits } from '../ast/limits.js';
import { indexPlan, type PlanIndex } from '../ast/plan-index.js';
import { CATALOG, tagSpec, type AttributeSpec, type TagName } from '../language/catalog.js';
import { contentViolations } from '../language/content-model.js';
import { currentValues, isBoolean, isEnumValue, isKeyPattern, isWholeNumber } from '../language/values.js';
import { lineComments, quote } from './js-text.js';
import { planTree } from '../parse/plan-tree.js';

/** Options for {@link toTypeScript}. */
export interface TypeScriptOptions {
  /** Where the flow imports `dialplan` from (default `'callfire-dialplan'`). */
  readonly importFrom?: string;
}

/** The generated module and what could not be carried over. */
export interface TypeScriptResult {
  readonly code: string;
  /** Things left out, such as comments inside a leaf tag, each with the node's path. */
  readonly notes: readonly string[];
}

/** A tag the DSL cannot write as it stands (an unknown tag, attribute or value). */
export class ConversionError extends Error {
  override readonly name = 'ConversionError';
  constructor(
    message: string,
    readonly path: string,
    readonly line: number | undefined,
  ) {
    super(`${path}${line === undefined ? '' : ` (line ${line})`}: ${message}`);
  }
}

/** A method argument: JavaScript source, or a callback that fills a nested block. */
type Arg = string | { readonly param: string; readonly nodes: readonly Node[] };
interface Call {
  readonly method: string;
  readonly args: readonly Arg[];
}

export { quote };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

class Writer {
  readonly notes: string[] = [];
  readonly #index: PlanIndex;

  constructor(doc: DocumentNode) {
    this.#index = indexPlan(doc);
  }

  fail(el: AnyElement, message: string): never {
    throw new ConversionError(message, this.#index.pathOf(el), el.loc?.line);
  }

  /** The value of one attribute as the builder's option type. */
  value(el: ElementNode, attribute: string, spec: AttributeSpec, raw: string): string {
    switch (spec.type) {
      case 'boolean':
        if (isBoolean(raw)) return raw.trim();
        return this.fail(el, `${attribute}="${raw}" must be true or false`);
      case 'integer':
        if (isWholeNumber(raw)) return String(Number(raw));
        return this.fail(el, `${attribute}="${raw}" must be a whole number`);
      case 'enum':
        if (currentValues(spec).includes(raw.trim())) return quote(raw.trim());
        if (isEnumValue(spec, raw)) return this.fail(el, `${attribute}="${raw}" is a legacy value the DSL does not offer`);
        return this.fail(el, `${attribute}="${raw}" is not one of ${spec.values?.join(', ')}`);
      default:
        return quote(raw);
    }
  }

  /** The options object of a tag, leaving out the attributes passed as arguments. */
  options(el: ElementNode, positional: readonly string[] = [], extra: readonly string[] = []): string | undefined {
    const specs = CATALOG[el.kind].attributes as Readonly<Record<string, AttributeSpec>>;
    const entries: string[] = [];
    for (const [attribute, raw] of Object.entries(el.attributes)) {
      if (positional.includes(attribute)) continue;
      // own properties only: `constructor="x"` must not find Object.prototype.constructor
      const spec = Object.hasOwn(specs, attribute) ? specs[attribute] : undefined;
      if (!spec) this.fail(el, `<${el.kind}> has no attribute "${attribute}"`);
      const key = spec.key ?? attribute;
      entries.push(`${IDENTIFIER.test(key) ? key : quote(key)}: ${this.value(el, attribute, spec, raw)}`);
    }
    entries.push(...extra);
    return entries.length === 0 ? undefined : `{ ${entries.join(', ')} }`;
  }

  /** The text of a leaf tag; comments inside it cannot be carried over. */
  text(el: ElementNode): string {
    if (el.children.some((c) => c.kind === '#comment')) {
      this.notes.push(`${this.#index.pathOf(el)}: a comment inside <${el.kind}> was left out`);
    }
    return textOf(el);
  }

  attribute(el: ElementNode, name: string): string {
    const v = el.attributes[name];
    if (v === undefined) return this.fail(el, `<${el.kind}> needs the attribute "${name}"`);
    return v;
  }

  /**
   * Fails on children the builder cannot write where they stand: a tag its parent does not
   * take (an `<else>` in a `<menu>`), an `<amd>` without one of its two branches, a second
   * `<else>` or one that is not last. The builder's types reject all of these, so converting
   * them would give a flow that does not compile, or that moves the `<else>`. The rules are
   * language/content-model.ts's; of several problems the first in document order is named.
   */
  checkChildren(el: ElementNode): void {
    if (tagSpec(el.kind).content !== 'children') return;
    // unknown tags are left to block(), which names them as such
    const tags = elementChildren(el).filter((c): c is ElementNode => c.kind !== '#unknown');
    // the first violation in document order, the one the XSD reports
    const v = contentViolations(el.kind, tags.map((c) => c.kind))[0];
    if (v === undefined) return;
    if (v.kind === 'missing') this.fail(el, `<${el.kind}> needs a <${v.tag}>`);
    const child = tags[v.index]!;
    if (v.kind === 'not-allowed') this.fail(child, `<${v.tag}> cannot stand inside <${el.kind}>`);
    if (v.kind === 'repeated' || v.tag === 'else') this.fail(child, `<${el.kind}> holds only one <${v.tag}>`);
    this.fail(tags.find((c) => c.kind === 'else')!, `<else> must be the last tag in its <${el.kind}>`);
  }

  /** The builder call that writes `el`. */
  call(el: ElementNode): Call {
    this.checkChildren(el);
    const opts = (positional: readonly string[] = []) => this.options(el, positional);
    const tail = (...args: Array<string | undefined>) => args.filter((a): a is string => a !== undefined);
    const block = (param: string, nodes: readonly Node[] = el.children): Arg => ({ param, nodes });
    const kind: TagName = el.kind;
    switch (kind) {
      case 'play': {
        // type="tts" is the builder's default and is written anyway, so it is left out here.
        // options() gets the element itself, not a copy, so a failure names the tag's path.
        const type = el.attributes.type;
        const options = this.options(el, type === 'tts' || type === undefined ? ['type'] : []);
        return { method: 'play', args: tail(quote(this.text(el)), options) };
      }
      case 'menu': {
        const options = opts();
        return { method: 'menu', args: options ? [options, block('m')] : [block('m')] };
      }
      case 'keypress': {
        const options = opts(['pressed']);
        const raw = this.attribute(el, 'pressed');
        // the DSL's KeyPattern type takes only the language's patterns: anything else would not compile
        if (!isKeyPattern(raw)) this.fail(el, `pressed="${raw}" is not a key pattern (digits, a range like 1-5, #, *, default or timeout)`);
        const pressed = quote(raw.trim());
        return { method: 'keypress', args: options ? [pressed, options, block('k')] : [pressed, block('k')] };
      }
      case 'amd':
        return { method: 'amd', args: [block('a'), ...tail(opts())] };
      case 'live':
      case 'machine':
      case 'else':
        return { method: kind, args: [block(kind === 'live' ? 'l' : kind === 'machine' ? 'mc' : 'e'), ...tail(opts())] };
      case 'if': {
        const otherwise = el.children.find((c): c is ElementNode<'else'> => c.kind === 'else');
        const then = el.children.filter((c) => c !== otherwise);
        const elseOptions = otherwise ? this.options(otherwise) : undefined;
        const options = this.options(el, ['expr'], elseOptions ? [`else: ${elseOptions}`] : []);
        const args: Arg[] = [quote(this.attribute(el, 'expr')), block('t', then)];
        if (otherwise) args.push(block('e', otherwise.children));
        else if (options) args.push('undefined');
        if (options) args.push(options);
        return { method: 'if', args };
      }
      case 'equal':
      case 'notEqual':
        return {
          method: kind,
          args: [quote(this.attribute(el, 'var')), quote(this.attribute(el, 'expr')), block('t'), ...tail(opts(['var', 'expr']))],
        };
      case 'catch':
        // the builder requires both; with them there, the options object is never empty
        this.attribute(el, 'type');
        this.attribute(el, 'goto');
        return { method: 'catch', args: [this.options(el)!, block('c')] };
      case 'transfer':
      case 'goto':
      case 'get':
      case 'post':
      case 'dnc':
      case 'gotoXML':
      case 'dtmf':
        return { method: kind, args: tail(quote(this.text(el)), opts()) };
      case 'wait': {
        const seconds = this.text(el);
        if (!isWholeNumber(seconds)) this.fail(el, `<wait> must hold a whole number of seconds, not "${seconds}"`);
        return { method: 'wait', args: tail(String(Number(seconds)), opts()) };
      }
      case 'setvar':
      case 'stash':
        return { method: kind, args: tail(quote(this.attribute(el, 'varname')), quote(this.text(el)), opts(['varname'])) };
      case 'sms':
      case 'gtalk':
      case 'text':
        return { method: kind, args: tail(quote(this.attribute(el, 'to')), quote(this.text(el)), opts(['to'])) };
      case 'hangup':
      case 'record':
      case 'analytics':
        return { method: kind, args: tail(opts()) };
      case 'dialplan':
        return this.fail(el, 'a <dialplan> can only be the root');
    }
  }

  /** The lines of a block: one chained call per tag and comment. */
  block(nodes: readonly Node[], indent: number): string[] {
    const lines: string[] = [];
    for (const node of nodes) {
      if (node.kind === '#comment') lines.push(`${' '.repeat(indent)}.comment(${quote(node.text)})`);
      else if (node.kind === '#text') continue; // stray text in a container: the XSD reports it
      else if (node.kind === '#unknown') this.fail(node, `<${elementName(node)}> is not a CallFire XML tag`);
      else for (const line of this.render(this.call(node), indent)) lines.push(line);
    }
    return lines;
  }

  render(call: Call, indent: number): string[] {
    const lines: string[] = [];
    let current = `${' '.repeat(indent)}.${call.method}(`;
    call.args.forEach((arg, i) => {
      if (i > 0) current += ', ';
      if (typeof arg === 'string') {
        current += arg;
        return;
      }
      current += `(${arg.param}) => ${arg.param}`;
      const inner = this.block(arg.nodes, indent + 2);
      if (inner.length > 0) {
        // one push per line: spreading 100,000 lines as arguments overflows the stack
        lines.push(current);
        for (let j = 0; j < inner.length - 1; j++) lines.push(inner[j]!);
        current = inner.at(-1)!;
      }
    });
    lines.push(`${current})`);
    return lines;
  }
}


/**
 * Writes a flow module that rebuilds `doc` with the DSL. Throws a {@link ConversionError}
 * naming the tag when something in it has no DSL form (an unknown tag or attribute, a
 * value of the wrong type, a missing required attribute, a tag where its parent does not
 * take it).
 *
 * @example
 * ```ts
 * toTypeScript(parse('<dialplan name="Root"><hangup/></dialplan>').document!).code;
 * // import { dialplan } from 'callfire-dialplan';
 * //
 * // export default dialplan({ name: 'Root' })
 * //   .hangup();
 * ```
 */
export function toTypeScript(plan: PlanSource, options: TypeScriptOptions = {}): TypeScriptResult {
  const doc = planTree(plan, 'toTypeScript()');
  // The writer recurses once per level and indents two spaces per level, so a tree built in
  // code nested thousands deep is refused first, at the toolkit's own limits (parse() already
  // holds XML to them).
  const over = checkLimits(doc);
  if (over) throw new ConversionError(over.message, over.path, over.line);
  const w = new Writer(doc);
  const root = doc.root;
  w.checkChildren(root);
  const head = `export default dialplan(${w.options(root) ?? ''})`;
  const body = w.block(root.children, 2);
  const lines = [`import { dialplan } from ${quote(options.importFrom ?? 'callfire-dialplan')};`, ''];
  for (const c of doc.prolog) for (const line of lineComments(c.text)) lines.push(line);
  if (doc.prolog.length > 0) lines.push('');
  lines.push(head);
  for (const line of body) lines.push(line);
  lines[lines.length - 1] += ';';
  if (doc.epilog.length > 0) {
    lines.push('');
    for (const c of doc.epilog) for (const line of lineComments(c.text)) lines.push(line);
  }
  return { code: `${lines.join('\n')}\n`, notes: w.notes };
}
