/**
 * The wording of schema diagnostics: libxml2's findings (see `libxml-issue.ts`) told in the
 * language's own terms, naming the tag, its place and what would be accepted instead.
 *
 * @module
 */
import type { AnyElement } from '../../ast/nodes.js';
import { elementName } from '../../ast/nodes.js';
import { ACTION_TAGS, CATALOG, isTagName, TAG_NAMES, type AttributeSpec, type TagSpec } from '../../language/catalog.js';
import type { LibxmlSchemaError } from './libxml-issue.js';
import { requiredChildren } from '../../language/content-model.js';
import { normalizeKeyPattern } from '../../language/values.js';
import { closeMatches, nearest } from '../../util/nearest.js';
import type { Fix, TextRange } from '../diagnostic.js';
import { renameAttributeFix, replaceFix } from '../lint/fixes.js';
import { findingSpan } from '../lint/locate.js';
import type { FindingAt } from '../lint/types.js';
import { collapse, misplacement } from './locate.js';

/** Where the element an error is about sits, as far as it could be found. */
export interface ErrorContext {
  readonly node?: AnyElement;
  readonly parent?: AnyElement;
}

const tag = (name: string) => `<${name}>`;

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** The allowed children of a tag, with the action tags summed up in two words. */
function childrenPhrase(children: readonly string[]): string {
  const actions = new Set<string>(ACTION_TAGS);
  const hasAllActions = ACTION_TAGS.every((a) => children.includes(a));
  const rest = children.filter((c) => !(hasAllActions && actions.has(c))).map(tag);
  return hasAllActions ? orList(['any action tag', ...rest]) : orList(rest);
}

/** Tags whose content may hold `child`. */
function parentsOf(child: string): string[] {
  return TAG_NAMES.filter((t) => {
    const s: TagSpec = CATALOG[t];
    return s.children?.includes(child) ?? false;
  });
}

function attributeSpec(element: string, attribute: string): AttributeSpec | undefined {
  if (!isTagName(element)) return undefined;
  const attrs: Readonly<Record<string, AttributeSpec>> = CATALOG[element].attributes;
  return Object.hasOwn(attrs, attribute) ? attrs[attribute] : undefined;
}

const VALUE_FORMS: Readonly<Record<string, string>> = {
  integer: 'a whole number',
  keypattern: 'digits, a range such as 1-3, #, *, default or timeout',
  phone: 'a phone number or a ${variable}',
  phones: 'phone numbers separated by commas (digits, an optional x extension, ${variables} allowed)',
  varname: 'a variable name (letters, digits, _ and ${…})',
  url: 'an http(s) URL or a value starting with a ${variable}',
  digits: 'DTMF digits (0-9, *, #, A-D)',
  boolean: 'true or false',
  tagref: 'the name of the tag to jump to',
  sound: 'TTS text, a sound URL or a CallFire sound id',
  text: 'the message text',
};

/** What a value must look like, for an attribute or (without one) for the tag's text. */
function expectedForm(element: string, attribute: string | undefined): string | undefined {
  if (attribute !== undefined) {
    const spec = attributeSpec(element, attribute);
    if (spec === undefined) return undefined;
    if (spec.values) return `one of ${spec.values.join(', ')}`;
    return VALUE_FORMS[spec.type];
  }
  if (!isTagName(element)) return undefined;
  const content = CATALOG[element].content;
  return content === 'integer' ? 'a whole number of seconds' : VALUE_FORMS[content];
}

function quote(value: string): string {
  const v = collapse(value);
  return `"${v.length > 60 ? `${v.slice(0, 57)}...` : v}"`;
}

function unexpectedElement(error: LibxmlSchemaError, ctx: ErrorContext, expected: readonly string[]): string {
  const name = error.element;
  const parent = ctx.parent === undefined ? undefined : elementName(ctx.parent);
  const inside = parent === undefined ? '' : ` inside ${tag(parent)}`;
  if (!isTagName(name)) {
    const hint = nearest(name, TAG_NAMES);
    return `Unknown tag ${tag(name)}${inside}: it is not part of CallFire XML.${hint ? ` Did you mean ${tag(hint)}?` : ''}`;
  }
  const parentSpec: TagSpec | undefined = parent !== undefined && isTagName(parent) ? CATALOG[parent] : undefined;
  const allowed = parentSpec?.children;
  if (parent !== undefined && allowed !== undefined && !allowed.includes(name)) {
    const homes = parentsOf(name);
    if (homes.length > 0 && homes.length <= 2) {
      return `${tag(name)} is not allowed${inside}: it belongs only inside ${orList(homes.map(tag))}.`;
    }
    return `${tag(name)} is not allowed${inside}; ${tag(parent)} may contain ${childrenPhrase(allowed)}.`;
  }
  // Allowed there by name, so it is the order or the count that is wrong.
  const wrong = ctx.node ? misplacement(ctx.parent, ctx.node) : undefined;
  if (wrong === 'after-else') {
    return name === 'else'
      ? 'An <if> may have only one <else>.'
      : `${tag(name)} cannot follow <else>: <else> must be the last child of <if>.`;
  }
  if (wrong === 'repeated') {
    return `${tag(parent!)} must contain exactly one of each of ${orList(allowed!.map(tag)).replace(' or ', ' and ')}; this ${tag(name)} is one too many.`;
  }
  const list = expected.length > 0 ? ` Expected ${orList(expected.map(tag))}.` : '';
  return `${tag(name)} is not expected here${inside}.${list}`;
}

/**
 * The message for one libxml2 schema error.
 *
 * @param error the error as read from libxml2
 * @param ctx the element it is about and its parent, when found
 */
export function schemaMessage(error: LibxmlSchemaError, ctx: ErrorContext): string {
  const { element, attribute, issue } = error;
  const where = attribute === undefined ? tag(element) : `${tag(element)} attribute "${attribute}"`;
  switch (issue.kind) {
    case 'unexpected-element':
      return unexpectedElement(error, ctx, issue.expected);
    case 'missing-child': {
      const required = isTagName(element) ? requiredChildren(element) : [];
      if (required.length > 0) {
        return `${tag(element)} must contain ${required.length === 2 ? 'both' : 'all of'} ${orList(required.map(tag)).replace(' or ', ' and ')}; ${orList(issue.expected.map(tag))} is missing.`;
      }
      return `${tag(element)} is incomplete: expected ${orList(issue.expected.map(tag))}.`;
    }
    case 'required-attribute': {
      const spec = attributeSpec(element, issue.attribute);
      return `${tag(element)} is missing the required attribute "${issue.attribute}"${spec ? ` (${spec.description.replace(/\.$/, '')})` : ''}.`;
    }
    case 'unknown-attribute': {
      const known = isTagName(element) ? Object.keys(CATALOG[element].attributes) : [];
      const hint = nearest(issue.attribute, known);
      return `${tag(element)} has no attribute "${issue.attribute}".${hint ? ` Did you mean "${hint}"?` : ''} Allowed: ${known.join(', ')}.`;
    }
    case 'not-in-set':
    case 'bad-value': {
      const form = expectedForm(element, attribute);
      return `${where}: ${quote(issue.value)} is not valid${form ? `; expected ${form}` : ''}.`;
    }
    case 'blank': {
      const form = expectedForm(element, attribute);
      return attribute === undefined
        ? `${tag(element)} must not be empty${form ? `; expected ${form}` : ''}.`
        : `${where} must not be empty.`;
    }
    case 'text-not-allowed':
      return `${tag(element)} takes no text.`;
    case 'elements-not-allowed':
      return `${tag(element)} cannot contain other tags.`;
    case 'stray-text':
      return `${tag(element)} cannot hold text directly, only other tags (to speak text, use <play type="tts">).`;
    case 'wrong-root':
      return `The root element must be <dialplan>, found ${tag(element)}.`;
    case 'other':
      return `${where}: ${issue.text}`;
  }
}

/** What a schema diagnostic keeps besides its message: the facts, where exactly, and a certain fix. */
export interface SchemaDetails {
  /** `issue` (the kind), `element`, `attribute`, `value`, `expected` (tags, or the form a value must have), `suggestion`. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly range?: TextRange;
  readonly fix?: Fix;
}

/** The one spelling the catalog means by a value written in another case or form, if there is exactly one. */
function canonicalValue(element: string, attribute: string, value: string): string | undefined {
  const spec = attributeSpec(element, attribute);
  if (!spec) return undefined;
  const v = value.trim();
  if (spec.type === 'keypattern') return normalizeKeyPattern(v);
  const choices = spec.values ?? (spec.type === 'boolean' ? ['true', 'false'] : []);
  const same = choices.filter((c) => c.toLowerCase() === v.toLowerCase());
  return same.length === 1 ? same[0] : undefined;
}

/**
 * The data, range and fix of one schema diagnostic. Fixes are made only where the intended
 * spelling is certain: an unknown attribute with exactly one close documented name, a value
 * the rules read one way but written in another form (`pressed="DEFAULT"`, `1 - 3`, an enum
 * value in the wrong case).
 */
export function schemaDetails(error: LibxmlSchemaError, ctx: ErrorContext): SchemaDetails {
  const { element, attribute, issue } = error;
  const node = ctx.node;
  const data: Record<string, unknown> = { issue: issue.kind, element };
  if (attribute !== undefined) data.attribute = attribute;
  let at: FindingAt | undefined;
  let fix: Fix | undefined;
  switch (issue.kind) {
    case 'unexpected-element':
    case 'missing-child':
      data.expected = issue.expected;
      break;
    case 'required-attribute':
      data.attribute = issue.attribute;
      break;
    case 'unknown-attribute': {
      data.attribute = issue.attribute;
      at = { attribute: issue.attribute, part: 'name' };
      const known = isTagName(element) ? Object.keys(CATALOG[element].attributes) : [];
      data.allowed = known;
      const hint = nearest(issue.attribute, known);
      if (hint !== undefined) data.suggestion = hint;
      const only = closeMatches(issue.attribute, known);
      if (node && only.length === 1) fix = renameAttributeFix(node, issue.attribute, only[0]!, `Rename to ${only[0]}`);
      break;
    }
    case 'not-in-set':
    case 'bad-value':
    case 'blank': {
      if ('value' in issue) data.value = issue.value;
      const form = expectedForm(element, attribute);
      if (form !== undefined) data.expected = form;
      at = attribute !== undefined ? { attribute } : { text: true };
      const value = 'value' in issue ? issue.value : undefined;
      const canonical = attribute !== undefined && value !== undefined ? canonicalValue(element, attribute, value) : undefined;
      if (canonical !== undefined && canonical !== value) {
        data.suggestion = canonical;
        if (node) fix = replaceFix(node, at, canonical, `Write ${attribute}="${canonical}"`);
      }
      break;
    }
    case 'text-not-allowed':
    case 'stray-text':
      at = { text: true };
      break;
    case 'other':
      data.text = issue.text;
      break;
    default:
      break;
  }
  const span = node ? findingSpan(node, at) : undefined;
  const range = span && { start: { line: span.start.line, column: span.start.column }, end: { line: span.end.line, column: span.end.column } };
  return { data, ...(range && { range }), ...(fix && { fix }) };
}
