/**
 * Making syntax-tree nodes from builder arguments, driven by {@link CATALOG}: options become
 * attribute strings (numbers in decimal, booleans `true`/`false`) in catalog order, after the
 * run-time checks of their catalog type.
 *
 * @module
 */
import { NO_CHILDREN, type CommentNode, type ElementNode, type Node, type Position, type TextNode } from '../ast/nodes.js';
import type { AttributeSpec, LeafTag, TagName } from '../language/catalog.js';
import { tagSpec } from '../language/catalog.js';
import { compareDigits, parseKeyPattern } from '../language/key-pattern.js';
import { currentValues, isDtmf, isKeyPattern, isUrl, isVarName, splitPhones } from '../language/values.js';
import { checkAttributeString, checkCount, checkName, checkNonBlank, checkOneLine, checkPhone, checkString, fail, normalizeNewlines, show } from './checks.js';
import { callSite } from './call-sites.js';

/** Whether a value has white space around it, which the builder refuses in names and patterns (it would be written out). */
const padded = (s: string): boolean => s.trim() !== s;

/** The option key of an attribute: its catalog `key`, or its XML name. */
function optionKey(attribute: string, spec: AttributeSpec): string {
  return spec.key ?? attribute;
}

/** Converts one option value to its attribute string, checking it against its catalog type. */
function attributeValue(method: string, what: string, entry: AttributeEntry, value: unknown): string {
  const { spec } = entry;
  switch (spec.type) {
    case 'boolean':
      if (typeof value !== 'boolean') fail(method, what, `must be true or false, got ${show(value)}`);
      return value ? 'true' : 'false';
    case 'integer':
      return String(checkCount(method, what, value));
    case 'enum': {
      const { allowed } = entry;
      if (typeof value !== 'string' || !allowed.includes(value)) {
        fail(method, what, `must be one of ${allowed.map((v) => `'${v}'`).join(', ')}, got ${show(value)}`);
      }
      return value;
    }
    case 'name':
    case 'tagref':
      return checkOneLine(method, what, checkName(method, what, value));
    case 'varname': {
      const s = checkAttributeString(method, what, value);
      if (padded(s) || !isVarName(s)) fail(method, what, `must be a variable name (letters, digits, _ and \${…}; - is tolerated), got ${show(s)}`);
      return s;
    }
    case 'keypattern': {
      const s = checkAttributeString(method, what, value);
      if (padded(s) || !isKeyPattern(s)) {
        fail(method, what, `must be digits, a range like '1-5', '#', '*', 'default' or 'timeout', got ${show(s)}`);
      }
      // only a range (the one pattern with a '-') can be out of order
      const p = s.includes('-') ? parseKeyPattern(s) : undefined;
      if (p?.kind === 'range' && compareDigits(p.low, p.high) > 0) fail(method, what, `is a range that ends before it starts: ${show(s)}`);
      return s;
    }
    case 'url': {
      const s = checkOneLine(method, what, checkNonBlank(method, what, value));
      if (padded(s) || !isUrl(s)) fail(method, what, `must be an http(s) URL or a variable, got ${show(s)}`);
      return s;
    }
    case 'phone':
      return checkOneLine(method, what, checkPhone(method, what, value));
    case 'expression':
      return checkOneLine(method, what, checkNonBlank(method, what, value));
    case 'string':
      return checkAttributeString(method, what, value);
  }
}

/** One attribute of a tag as the builder reads it, with the words its errors use, made once per tag. */
interface AttributeEntry {
  readonly attribute: string;
  readonly key: string;
  readonly spec: AttributeSpec;
  readonly asOption: string;
  readonly asArgument: string;
  /** For an enum, the values the builder writes (legacy spellings left out). */
  readonly allowed: readonly string[];
}

/** A tag's attributes in catalog order and their option keys, made on first use of the tag. */
interface TagAttributes {
  readonly entries: readonly AttributeEntry[];
  readonly keys: ReadonlySet<string>;
}

const tagAttributes = new Map<TagName, TagAttributes>();

function attributesOfTag(tag: TagName): TagAttributes {
  let found = tagAttributes.get(tag);
  if (found === undefined) {
    const entries = Object.entries(tagSpec(tag).attributes as Readonly<Record<string, AttributeSpec>>).map(([attribute, spec]): AttributeEntry => {
      const key = optionKey(attribute, spec);
      const allowed = spec.type === 'enum' ? currentValues(spec) : [];
      return { attribute, key, spec, asOption: `option '${key}'`, asArgument: `argument '${key}'`, allowed };
    });
    found = { entries, keys: new Set(entries.map((e) => e.key)) };
    tagAttributes.set(tag, found);
  }
  return found;
}

/**
 * A method's options, read as an object of option values (none given stays undefined); `null`,
 * a list or any other value is the builder's error.
 */
export function optionsOf(method: string, options: unknown): Readonly<Record<string, unknown>> | undefined {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    fail(method, 'options', `must be an object, got ${show(options)}`);
  }
  return options as Readonly<Record<string, unknown>> | undefined;
}

/**
 * The attributes of a tag, in catalog order. `fixed` holds the values the method takes as
 * arguments (keyed by option key); `options` may hold any other attribute of the tag.
 */
export function attributes(
  method: string,
  tag: TagName,
  options: object | undefined,
  fixed?: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const given = optionsOf(method, options);
  const { entries, keys } = attributesOfTag(tag);
  if (given !== undefined) {
    for (const k of Object.keys(given)) {
      if (fixed !== undefined && Object.hasOwn(fixed, k)) fail(method, `'${k}'`, 'is an argument of the method, not an option');
      if (!keys.has(k)) {
        const known = [...keys].filter((x) => fixed === undefined || !Object.hasOwn(fixed, x));
        fail(method, `option '${k}'`, `is not an attribute of <${tag}> (options: ${known.join(', ')})`);
      }
    }
  }
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const { key } = entry;
    const isArgument = fixed !== undefined && Object.hasOwn(fixed, key);
    const value = isArgument ? fixed[key] : given?.[key];
    if (value === undefined) {
      if (entry.spec.required) fail(method, isArgument ? entry.asArgument : entry.asOption, 'is required');
      continue;
    }
    out[entry.attribute] = attributeValue(method, isArgument ? entry.asArgument : entry.asOption, entry, value);
  }
  return out;
}

/** Text content of a leaf tag, checked against the catalog's content kind. */
export function content(method: string, tag: LeafTag, what: string, value: unknown): string {
  const spec = tagSpec(tag);
  let s: string;
  switch (spec.content) {
    case 'integer':
      return String(checkCount(method, what, value));
    case 'value':
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) fail(method, what, `must be a finite number, got ${show(value)}`);
        return String(value);
      }
      if (typeof value === 'boolean') return String(value);
      s = checkString(method, what, value);
      break;
    case 'phones': {
      const list: unknown = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || list.length === 0) fail(method, what, `must be a phone number or a non-empty list of them, got ${show(value)}`);
      s = list
        .map((n: unknown, i) => {
          if (list.length === 1) {
            // One string may already be a comma-separated list.
            const one = checkNonBlank(method, what, n);
            for (const part of splitPhones(one)) checkPhone(method, what, part);
            return one;
          }
          const one = checkNonBlank(method, `${what}[${i}]`, n);
          if (one.includes(',')) fail(method, `${what}[${i}]`, `must be one number (the list is joined with ','), got ${show(one)}`);
          return checkPhone(method, `${what}[${i}]`, one);
        })
        .join(',');
      break;
    }
    case 'tagref':
      s = checkName(method, what, value);
      break;
    case 'url':
      s = checkNonBlank(method, what, value);
      if (!isUrl(s)) fail(method, what, `must be an http(s) URL or a variable, got ${show(s)}`);
      break;
    case 'digits':
      s = checkNonBlank(method, what, value);
      if (!isDtmf(s)) fail(method, what, `must be DTMF digits (0-9, *, #) or a variable, got ${show(s)}`);
      break;
    case 'phone':
      s = checkPhone(method, what, value);
      break;
    case 'text':
    case 'sound':
      s = spec.contentRequired ? checkNonBlank(method, what, value) : checkString(method, what, value);
      break;
    case 'empty':
    case 'children':
      throw new Error(`<${tag}> holds no text`);
  }
  return normalizeNewlines(s);
}

const frozen = <T extends object>(o: T): T => Object.freeze(o);

/** A text node. */
export function text(value: string): TextNode {
  return frozen({ kind: '#text', text: value });
}

/** A comment node; XML comments cannot hold `--` or end with `-`. */
export function comment(method: string, value: unknown): CommentNode {
  const s = normalizeNewlines(checkString(method, 'the comment', value));
  if (s.includes('--') || s.endsWith('-')) fail(method, 'the comment', `must not contain '--' or end with '-' (XML comments cannot), got ${show(s)}`);
  return frozen({ kind: '#comment', text: s });
}

/**
 * An element node, frozen (the builder's trees are shared between builders, so they must not
 * change). It takes `attrs` and `children` over and freezes them: callers pass arrays and
 * objects of their own making, never one they keep using. `loc` is where the builder call was
 * made, when a tool records it (see `call-sites.ts`); null for none.
 */
export function element<T extends TagName>(
  kind: T,
  attrs: Record<string, string>,
  children: readonly Node[] = [],
  loc: Position | null = callSite() ?? null,
): ElementNode<T> {
  // `attrs` and `children` are fresh from the caller, so they are frozen as they are, not copied
  frozen(attrs);
  frozen(children);
  return frozen(loc === null ? { kind, attributes: attrs, children } : { kind, attributes: attrs, children, loc });
}

/** A leaf element with optional text (empty text makes no text node, so `<x/>` round-trips). */
export function leaf<T extends LeafTag>(kind: T, attrs: Record<string, string>, body?: string): ElementNode<T> {
  return element(kind, attrs, body === undefined || body === '' ? NO_CHILDREN : [text(body)]);
}
