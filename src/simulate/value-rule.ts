/**
 * How a `<setvar>`, `<stash>` or `<equal expr>` value tells text from JavaScript.
 *
 * CallFire does not document it (reference §7.2 item 8), yet its own samples need both:
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
 * @module
 */
import { parse, type Node as AcornNode } from 'acorn';

const STANDARD_GLOBALS = new Set([
  'Math', 'Number', 'String', 'Boolean', 'Date', 'JSON', 'Array', 'Object', 'RegExp', 'BigInt',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURIComponent', 'decodeURIComponent',
  'encodeURI', 'decodeURI', 'escape', 'unescape', 'undefined', 'NaN', 'Infinity',
]);

const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
const HYPHENATED_DIGITS = /^\d+(-\d+){2,}$/;
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const WORDS = /^[\w ]*$/;

/** Verdicts by value: the rule is a pure function of the text, and plans repeat their values. */
const verdicts = new Map<string, boolean>();

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
 */
export function isJavaScriptValue(value: string): boolean {
  const v = value.trim();
  if (WORDS.test(v) || PLAIN_NUMBER.test(v) || HYPHENATED_DIGITS.test(v) || URL_LIKE.test(v)) return false;
  let verdict = verdicts.get(v);
  if (verdict === undefined) {
    verdict = classify(v);
    if (verdicts.size >= 10_000) verdicts.clear();
    verdicts.set(v, verdict);
  }
  return verdict;
}

function classify(v: string): boolean {
  let program: AnyNode;
  try {
    program = parse(v, { ecmaVersion: 2022, sourceType: 'script' }) as unknown as AnyNode;
  } catch {
    return false;
  }
  const body = (program['body'] as AnyNode[]).filter((s) => s.type !== 'EmptyStatement');
  if (body.length !== 1 || body[0]!.type !== 'ExpressionStatement') return false;
  const expression = body[0]!['expression'] as AnyNode;
  if (expression.type === 'SequenceExpression') return false;
  const bound = new Set<string>();
  const free: string[] = [];
  let leadingZero = false;
  const visit = (node: AnyNode): void => {
    switch (node.type) {
      case 'Identifier':
        free.push(node['name'] as string);
        return;
      case 'Literal':
        if (typeof node['value'] === 'number' && /^0\d/.test(String(node['raw']))) leadingZero = true;
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
  if (leadingZero) return false;
  return free.every((name) => bound.has(name) || STANDARD_GLOBALS.has(name));
}
