/**
 * How a `<setvar>`, `<stash>` or `<equal expr>` value tells text from JavaScript: the one rule
 * the simulator runs values by and lint checks them against.
 *
 * CallFire does not document it, yet its own samples need both:
 * `Homer Simpson` and long URLs are text, `${Counter}+1` is arithmetic and
 * `"${n}".split("").join(" ");` is a method call. The rule, applied after `${…}` substitution:
 *
 * 1. A plain number (`0`, `12135551234`, `-2.5`), words of letters, digits and underscores
 *    separated by spaces (`yes`, `Homer Simpson`, `true`), and digits joined by two or more
 *    hyphens (`213-555-1212`, `2026-01-05`) are text, kept exactly as written.
 * 2. A URL (`scheme://…`) is text.
 * 3. Otherwise the value is JavaScript when it parses as exactly one expression (a trailing `;`
 *    is allowed) that is not a comma sequence, has no numeric literal written with a leading
 *    zero, and names no identifier other than standard JavaScript globals (`Math`, `String`,
 *    `parseInt`, `isNaN`, …). Everything else is text: `Homer Simpson` does not parse, `yes`
 *    and `1-800-FLOWERS` name unknown identifiers, `1,2` is a sequence.
 *
 * A value classed as JavaScript that then fails to evaluate is an error, never silently text.
 *
 * Lint reads values before substitution: {@link readTemplateValue} stands a placeholder for each
 * `${…}` and takes the placeholders as values, so `${Counter}+1` reads as JavaScript.
 *
 * @module
 */
import { parse, type Node as AcornNode } from 'acorn';
import { remember } from '../util/bounded-cache.js';
import { replaceVariables } from './variable-refs.js';

const STANDARD_GLOBALS = new Set([
  'Math', 'Number', 'String', 'Boolean', 'Date', 'JSON', 'Array', 'Object', 'RegExp', 'BigInt',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURIComponent', 'decodeURIComponent',
  'encodeURI', 'decodeURI', 'escape', 'unescape', 'undefined', 'NaN', 'Infinity',
]);

const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
const HYPHENATED_DIGITS = /^\d+(-\d+){2,}$/;
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const WORDS = /^[\w ]*$/;
/** The identifiers {@link withPlaceholders} writes for references. */
const PLACEHOLDER = /^_v\d+_$/;

/** How a value reads: JavaScript, or text and (unless it is a plain literal) why it is not code. */
export type ValueReading =
  | { readonly kind: 'javascript' }
  | { readonly kind: 'text'; readonly why?: string };

const JAVASCRIPT: ValueReading = { kind: 'javascript' };
const LITERAL: ValueReading = { kind: 'text' };

/** Readings by value and mode: the rule is a pure function of the text, and plans repeat their values. */
const readings = new Map<string, ValueReading>();
const MAX_READINGS = 10_000;

type AnyNode = AcornNode & Record<string, unknown>;

/**
 * Whether `value` (already substituted) is to be evaluated as JavaScript. See the module doc for the rule.
 *
 * @example
 * ```ts
 * isJavaScriptValue('0+1');           // true
 * isJavaScriptValue('Homer Simpson'); // false
 * isJavaScriptValue('"42".split("").join(" ")'); // true
 * ```
 * @category Expressions
 */
export function isJavaScriptValue(value: string): boolean {
  return readValue(value, false).kind === 'javascript';
}

/**
 * How a value still holding `${…}` references reads once substituted, taking each reference
 * as a value that keeps the syntax around it (see {@link withPlaceholders}).
 */
export function readTemplateValue(template: string): ValueReading {
  return readValue(withPlaceholders(template), true);
}

/**
 * Whether a value carries unmistakable code markers, so that reading it as text is most likely
 * a mistake: a quote at the start, a call written `name(` (no space: `Call me (maybe)!` is
 * prose), `==`, `!=`, `&&`, `||`, a trailing `;`, or nothing but references, numbers,
 * operators and parentheses with at least one operator. URLs never count.
 */
export function hasCodeMarkers(value: string): boolean {
  const v = value.trim();
  if (v === '' || URL_LIKE.test(v)) return false;
  if (/^['"]/.test(v) || /[A-Za-z_$\])]\(/.test(v) || /==|!=|&&|\|\||;$/.test(v)) return true;
  const bare = replaceVariables(v, () => ' ');
  return /^[\d\s+\-*/%().]*$/.test(bare) && /[+\-*/%]/.test(bare) && /\$\{|\d/.test(v);
}

/**
 * Replaces each `${…}` by a placeholder that fits where it stands: after a digit it
 * becomes `0` (so `1${x}` stays a number), elsewhere an identifier `_v<n>_` (so `${x}.length`
 * and `'${x}'` stay valid).
 */
export function withPlaceholders(source: string): string {
  let prevEnd = -1;
  let prevWasNumber = false;
  return replaceVariables(source, (ref, i) => {
    const before = source[ref.start - 1];
    // adjacent references (`1${a}${b}`) continue whatever the previous one started
    const number = ref.start === prevEnd ? prevWasNumber : before !== undefined && /[0-9.]/.test(before);
    prevEnd = ref.end;
    prevWasNumber = number;
    return number ? '0' : `_v${i}_`;
  });
}

function readValue(value: string, placeholders: boolean): ValueReading {
  const v = value.trim();
  if (WORDS.test(v) || PLAIN_NUMBER.test(v) || HYPHENATED_DIGITS.test(v) || URL_LIKE.test(v)) return LITERAL;
  const key = placeholders ? `\u0000${v}` : v;
  let reading = readings.get(key);
  if (reading === undefined) {
    reading = remember(readings, key, classify(v, placeholders), MAX_READINGS);
  }
  return reading;
}

function classify(v: string, placeholders: boolean): ValueReading {
  let program: AnyNode;
  try {
    program = parse(v, { ecmaVersion: 2022, sourceType: 'script' }) as unknown as AnyNode;
  } catch (e) {
    return { kind: 'text', why: `it does not parse (${String((e as Error).message).replace(/\s*\(\d+:\d+\)$/, '')})` };
  }
  const body = (program['body'] as AnyNode[]).filter((s) => s.type !== 'EmptyStatement');
  if (body.length !== 1 || body[0]!.type !== 'ExpressionStatement') return { kind: 'text', why: 'it is not a single expression' };
  const expression = body[0]!['expression'] as AnyNode;
  if (expression.type === 'SequenceExpression') return { kind: 'text', why: 'it is a comma sequence' };
  const bound = new Set<string>();
  const free: string[] = [];
  let leadingZero: string | undefined;
  const visit = (node: AnyNode): void => {
    switch (node.type) {
      case 'Identifier':
        free.push(node['name'] as string);
        return;
      case 'Literal':
        if (typeof node['value'] === 'number' && /^0\d/.test(String(node['raw']))) leadingZero ??= String(node['raw']);
        return;
      case 'MemberExpression':
        visit(node['object'] as AnyNode);
        if (node['computed']) visit(node['property'] as AnyNode);
        return;
      case 'Property':
        if (node['computed']) visit(node['key'] as AnyNode);
        visit(node['value'] as AnyNode);
        return;
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        for (const p of node['params'] as AnyNode[]) if (p.type === 'Identifier') bound.add(p['name'] as string);
        if (node['id']) bound.add((node['id'] as AnyNode)['name'] as string);
        visit(node['body'] as AnyNode);
        return;
      default:
        for (const [key, child] of Object.entries(node)) {
          if (key === 'type' || key === 'start' || key === 'end') continue;
          if (Array.isArray(child)) {
            for (const c of child) if (c && typeof c === 'object' && typeof (c as AnyNode).type === 'string') visit(c as AnyNode);
          } else if (child && typeof child === 'object' && typeof (child as AnyNode).type === 'string') visit(child as AnyNode);
        }
    }
  };
  visit(expression);
  if (leadingZero !== undefined) return { kind: 'text', why: `the number ${leadingZero} is written with a leading zero` };
  const unknown = free.find((name) => !bound.has(name) && !STANDARD_GLOBALS.has(name) && !(placeholders && PLACEHOLDER.test(name)));
  if (unknown !== undefined) return { kind: 'text', why: `\`${unknown}\` is not a standard JavaScript global` };
  return JAVASCRIPT;
}
