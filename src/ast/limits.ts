/**
 * The limits the toolkit puts on a dialplan, in one place (documented in `docs/limits.md`).
 *
 * Dialplans come from strangers. Every pass is linear in the size of the plan, but some
 * shapes make a linear pass produce or hold far more than the plan itself: a path per element
 * grows with the nesting depth, nested `${…}` references each carry the text inside them, and
 * a finding quotes the value it is about. Each such shape has a limit here, far above what a
 * real plan needs (the 45 real plans of CallFire's samples nest at most 7 elements deep, put at
 * most 8 attributes on a tag and 6 references in a text, nested 2 deep). A plan over a limit is refused early with an `xml-syntax`
 * error at the place that crosses it, naming the limit; a report over its limit is cut, with
 * a last finding saying how many were left out.
 *
 * @module
 */
import { elementName, isElement, rawText, type AnyElement, type DocumentNode } from './nodes.js';
import { childSteps } from './visit.js';
import type { Diagnostic, ValidationResult } from './diagnostic.js';

/** The limits, by what they bound. */
export const LIMITS = {
  /**
   * How deep elements may nest, the root counting as 1. (libxml2 itself stops at 256 unless
   * told otherwise; the toolkit stays below that, so `validate` and `parse` refuse alike.)
   */
  depth: 100,
  /** Attributes on one element (libxml2 checks each new attribute against all the earlier ones). */
  attributes: 100,
  /** `${` in one attribute value or one tag's text. */
  references: 1000,
  /** How deep `${…}` may nest inside one another (`${a${b}}` nests 2 deep). */
  referenceNesting: 8,
  /** Findings reported for one document; the rest are counted in a last finding. */
  diagnostics: 1000,
  /** Characters of a value quoted in a finding's message or data. */
  excerpt: 120,
  /**
   * Edit-distance table cells one rule may compute for "did you mean" suggestions in one run
   * (about 50 ms); past it, findings come without a suggestion. Real plans use a few thousand.
   */
  suggestionWork: 20_000_000,
} as const;

/** Where the limits are explained, for the messages that name one. */
const SEE = 'see docs/limits.md';

/** A value as quoted in a finding: cut to {@link LIMITS}.excerpt characters, with an ellipsis. */
export function excerpt(value: string): string {
  if (value.length <= LIMITS.excerpt) return value;
  // do not cut a surrogate pair in two
  let end = LIMITS.excerpt - 1;
  const c = value.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${value.slice(0, end)}…`;
}

/** The parameters of a finding with every string in them cut by {@link excerpt} (arrays of strings too, and their length). */
export function excerptParams<P extends object>(params: P): P {
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(params)) {
    const cut = excerptValue(v);
    if (cut !== v) (out ??= { ...(params as Record<string, unknown>) })[k] = cut;
  }
  return (out as P | undefined) ?? params;
}

function excerptValue(v: unknown): unknown {
  if (typeof v === 'string') return excerpt(v);
  if (!Array.isArray(v)) return v;
  const list = v.length > 20 ? [...v.slice(0, 20), `… ${v.length - 20} more`] : v;
  let changed = list !== v;
  const cut = list.map((x) => {
    const y = excerptValue(x);
    if (y !== x) changed = true;
    return y;
  });
  return changed ? cut : v;
}

/** The message of a plan nested deeper than the limit. */
export function depthMessage(tag: string): string {
  return `<${tag}> is nested more than ${LIMITS.depth} elements deep, the most the toolkit reads (${SEE}).`;
}

/** The message of a tag with more attributes than the limit. */
export function attributesMessage(tag: string): string {
  return `<${tag}> has more than ${LIMITS.attributes} attributes, the most the toolkit reads on one tag (${SEE}).`;
}

/** What {@link referenceProblem} finds wrong with one string. */
export type ReferenceProblem = 'references' | 'nesting';

/**
 * Whether one text or attribute value has more `${` than {@link LIMITS}.references, or nests
 * them deeper than {@link LIMITS}.referenceNesting; undefined when it is within both. One
 * pass over the `$` and `}` of the string.
 */
export function referenceProblem(s: string): ReferenceProblem | undefined {
  let i = s.indexOf('$');
  if (i === -1) return undefined;
  let count = 0;
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x24 /* $ */ && s.charCodeAt(i + 1) === 0x7b /* { */) {
      if (++count > LIMITS.references) return 'references';
      if (++depth > LIMITS.referenceNesting) return 'nesting';
      i++;
    } else if (c === 0x7d /* } */ && depth > 0) depth--;
  }
  return undefined;
}

/** The message of a string over a reference limit: `where` is `the text` or `attribute "expr"`. */
export function referencesMessage(tag: string, where: string, problem: ReferenceProblem): string {
  return problem === 'references'
    ? `<${tag}> ${where} has more than ${LIMITS.references} variable references (\${…}), the most the toolkit reads in one text (${SEE}).`
    : `<${tag}> ${where} nests variable references (\${…}) more than ${LIMITS.referenceNesting} deep, the most the toolkit reads (${SEE}).`;
}

/**
 * A document's findings within {@link LIMITS}.diagnostics: the first ones in the order given,
 * then one `input-limit` finding saying how many were left out (an error when any of those is).
 */
export function capDiagnostics(diagnostics: readonly Diagnostic[]): readonly Diagnostic[] {
  if (diagnostics.length <= LIMITS.diagnostics) return diagnostics;
  const kept = diagnostics.slice(0, LIMITS.diagnostics);
  let errors = 0;
  for (let i = LIMITS.diagnostics; i < diagnostics.length; i++) if (diagnostics[i]!.severity === 'error') errors++;
  const left = diagnostics.length - LIMITS.diagnostics;
  kept.push({
    rule: 'input-limit',
    severity: errors > 0 ? 'error' : 'warning',
    message: `${left} more finding${left === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}) not shown: a report lists at most ${LIMITS.diagnostics} per document (${SEE}).`,
    path: '/',
    data: { limit: LIMITS.diagnostics, omitted: left, omittedErrors: errors },
  });
  return kept;
}

/** A result with at most {@link LIMITS}.diagnostics findings listed (`ok` is kept as it was). */
export function capResult(r: ValidationResult): ValidationResult {
  const diagnostics = capDiagnostics(r.diagnostics);
  return diagnostics === r.diagnostics ? r : { ok: r.ok, diagnostics };
}

/**
 * The first place a syntax tree crosses a shape limit (depth, attributes, references), as
 * the `xml-syntax` diagnostic `parse()` gives for the same plan written as XML; undefined
 * when it stays within them. For trees that did not come from `parse()` (built in code, or
 * read some other way). Stops at the first element over the depth limit, so a tree nested a
 * million deep costs no more than one nested 101 deep.
 */
export function checkLimits(doc: DocumentNode): Diagnostic | undefined {
  // A depth-first walk that holds only the chain of open elements and, for each, the next of
  // its children to look at: nothing is allocated per element (this runs on every tree lint
  // is given, 20 MB plans included), and no path is built unless one is reported.
  const open: AnyElement[] = [doc.root];
  const next: number[] = [0];
  const first = overLimit(doc.root, 1);
  if (first !== undefined) return found(first);
  while (open.length > 0) {
    const top = open.length - 1;
    const children = open[top]!.children;
    let c = next[top]!;
    while (c < children.length && !isElement(children[c]!)) c++;
    if (c === children.length) {
      open.pop();
      next.pop();
      continue;
    }
    next[top] = c + 1;
    const child = children[c] as AnyElement;
    open.push(child);
    next.push(0);
    const message = overLimit(child, open.length);
    if (message !== undefined) return found(message);
  }
  return undefined;

  /** The finding at the last open element. */
  function found(message: string): Diagnostic {
    const loc = open[open.length - 1]!.loc;
    const steps = ['dialplan'];
    for (let i = 1; i < open.length; i++) steps.push(childSteps(open[i - 1]!).find(([n]) => n === open[i])![1]);
    return { rule: 'xml-syntax', severity: 'error', message, path: `/${steps.join('/')}`, ...(loc && { line: loc.line, column: loc.column }) };
  }
}

/** The message for the first limit one element at `depth` crosses, if any. */
function overLimit(node: AnyElement, depth: number): string | undefined {
  if (depth > LIMITS.depth) return depthMessage(elementName(node));
  // the attributes are counted, and their values scanned, in one pass with no list of their
  // names; too many attributes is reported before a value over a reference limit, as before
  const attributes = node.attributes;
  let count = 0;
  let problemAt: string | undefined;
  let problem: ReferenceProblem | undefined;
  for (const k in attributes) {
    if (!Object.hasOwn(attributes, k)) continue;
    count++;
    if (problem === undefined && (problem = referenceProblem(attributes[k]!)) !== undefined) problemAt = k;
  }
  if (count > LIMITS.attributes) return attributesMessage(elementName(node));
  if (problem !== undefined) return referencesMessage(elementName(node), `attribute "${problemAt!}"`, problem);
  const text = textProblem(node);
  return text && referencesMessage(elementName(node), 'text', text);
}

/**
 * {@link referenceProblem} of the element's text nodes joined (its `rawText`), joining them
 * only when it can matter: when one of several text nodes holds a `$`. A leaf's one text node is
 * scanned as it is, and the white space between the children of a container is never copied.
 */
function textProblem(node: AnyElement): ReferenceProblem | undefined {
  const children = node.children;
  let texts = 0;
  let dollars = 0;
  let only = '';
  for (let c = 0; c < children.length; c++) {
    const child = children[c]!;
    if (child.kind !== '#text') continue;
    texts++;
    only = child.text;
    if (only.includes('$')) dollars++;
  }
  if (dollars === 0) return undefined;
  return referenceProblem(texts === 1 ? only : rawText(node));
}
