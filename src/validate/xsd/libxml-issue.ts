/**
 * libxml2's schema errors read as data: which element (and attribute) and what went wrong.
 * Detection and wording are kept apart: this module only reads libxml2's messages; the
 * wording users see is written in `schema-messages.ts`.
 *
 * @module
 */

/** What libxml2 found wrong, with the parameters the wording needs. */
export type SchemaIssue =
  /** A child element in a place the content model does not allow. */
  | { readonly kind: 'unexpected-element'; readonly expected: readonly string[] }
  /** The content ended while the content model still wanted an element. */
  | { readonly kind: 'missing-child'; readonly expected: readonly string[] }
  | { readonly kind: 'required-attribute'; readonly attribute: string }
  | { readonly kind: 'unknown-attribute'; readonly attribute: string }
  /** A value outside an enumeration. */
  | { readonly kind: 'not-in-set'; readonly value: string }
  /** A value of the wrong form (pattern or base type). */
  | { readonly kind: 'bad-value'; readonly value: string }
  /** A blank value where text is required. */
  | { readonly kind: 'blank' }
  /** Text where none is allowed. */
  | { readonly kind: 'text-not-allowed' }
  /** Child elements inside a tag that holds text only. */
  | { readonly kind: 'elements-not-allowed' }
  /** Text directly inside a tag that holds other tags only. */
  | { readonly kind: 'stray-text' }
  /** The root element is not `<dialplan>`. */
  | { readonly kind: 'wrong-root' }
  | { readonly kind: 'other'; readonly text: string };

/** One libxml2 schema error, read. */
export interface LibxmlSchemaError {
  /** The element the error is about. */
  readonly element: string;
  /** The attribute, when the error is about one. */
  readonly attribute?: string;
  readonly issue: SchemaIssue;
  /** libxml2's line: the line on which the element's start tag ends. */
  readonly line: number;
}

const HEAD = /^Element '([^']+)'(?:, attribute '([^']+)')?: ([\s\S]*?)\s*$/;

function names(list: string | undefined): string[] {
  if (list === undefined) return [];
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '...');
}

function readIssue(body: string): SchemaIssue {
  let m: RegExpExecArray | null;
  if ((m = /^This element is not expected\.(?: Expected is(?: one of)? \( ([^)]*) \)\.)?$/.exec(body))) {
    return { kind: 'unexpected-element', expected: names(m[1]) };
  }
  if ((m = /^Missing child element\(s\)\. Expected is(?: one of)? \( ([^)]*) \)\.$/.exec(body))) {
    return { kind: 'missing-child', expected: names(m[1]) };
  }
  if ((m = /^The attribute '([^']+)' is required but missing\.$/.exec(body))) {
    return { kind: 'required-attribute', attribute: m[1]! };
  }
  if ((m = /^The attribute '([^']+)' is not allowed\.$/.exec(body))) {
    return { kind: 'unknown-attribute', attribute: m[1]! };
  }
  if ((m = /^\[facet 'enumeration'\] The value '([\s\S]*)' is not an element of the set \{[\s\S]*\}\.$/.exec(body))) {
    return { kind: 'not-in-set', value: m[1]! };
  }
  if ((m = /^\[facet 'pattern'\] The value '([\s\S]*)' is not accepted by the pattern '[\s\S]*'\.$/.exec(body))) {
    return { kind: 'bad-value', value: m[1]! };
  }
  if ((m = /^'([\s\S]*)' is not a valid value of the (?:local )?(?:atomic|list|union) type[\s\S]*$/.exec(body))) {
    return { kind: 'bad-value', value: m[1]! };
  }
  if (/^\[facet 'minLength'\]/.test(body)) return { kind: 'blank' };
  if (/^\[facet 'maxLength'\]/.test(body)) return { kind: 'text-not-allowed' };
  if (/^Element content is not allowed, because the content type is a simple type definition\.$/.test(body)) {
    return { kind: 'elements-not-allowed' };
  }
  if (/^Character content other than whitespace is not allowed/.test(body)) return { kind: 'stray-text' };
  if (/^No matching global declaration available for the validation root\.$/.test(body)) return { kind: 'wrong-root' };
  return { kind: 'other', text: body };
}

/**
 * Reads one libxml2 schema error message such as
 * `Element 'play', attribute 'voice': [facet 'enumeration'] The value 'x' is not an element of the set {…}.`
 * Returns `undefined` for messages that are not about an element.
 */
export function readLibxmlSchemaError(message: string, line: number | null): LibxmlSchemaError | undefined {
  const m = HEAD.exec(message);
  if (!m) return undefined;
  const issue = readIssue(m[3]!);
  const base = { element: m[1]!, issue, line: line ?? 0 };
  return m[2] === undefined ? base : { ...base, attribute: m[2] };
}
