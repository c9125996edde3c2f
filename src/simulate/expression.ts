/**
 * From an expression as the plan writes it (`'${call.callerid}'.toLowerCase() == 'blocked'`,
 * `${Counter}+1`) to JavaScript the evaluator runs, with every `${…}` value kept as data.
 *
 * CallFire substitutes references as text before the JavaScript runs, which lets a contact
 * field or a caller's input rewrite the expression (`Bob' || true || '`). Here each reference
 * is read where it stands: inside a string, template or regular-expression literal its value is
 * written into the literal with every character that could end it escaped; in code it becomes a
 * read-only identifier (`_v0_`) bound to the value (a number when it reads as one, `true`/`false`
 * as booleans, else a string); in a comment it is dropped. The result is then parsed as exactly
 * one expression; anything else is refused before it reaches the evaluator.
 *
 * @module
 */
import { parse, tokenizer, tokTypes, type ExpressionStatement, type Node as AcornNode, type Token } from 'acorn';
import { replaceVariables, type VariableReference } from '../language/variable-refs.js';
import { MAX_REFERENCES } from './evaluator-worker.js';
import { DEFAULT_MEMORY_BYTES, ExpressionError } from './evaluator.js';
import { plainCharBudget, plainValue } from './plain-expression.js';

/** A value an expression reads through a reference. */
export type Binding = string | number | boolean;

/** JavaScript ready for the evaluator, and the values of its `_v<n>_` identifiers. */
export interface PreparedExpression {
  readonly source: string;
  readonly bindings: readonly Binding[];
  /** Its value, when the expression is plain enough to need no evaluator (see `plain-expression.ts`). */
  readonly plain?: { readonly value: unknown };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The value a reference in code stands for: numbers and booleans as such, the rest as text. */
export function toBinding(value: string): Binding {
  const v = value.trim();
  if (NUMBER.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  return value;
}

/**
 * Text for the inside of any JavaScript literal (string, template, regular expression): every
 * character other than a letter, digit or space as a `\uXXXX` escape, so nothing in it can end
 * the literal, start an interpolation or mean anything to a regular expression.
 */
export function literalChars(text: string): string {
  return text.replace(/[^A-Za-z0-9 ]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface Slot {
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/** The placeholder for the reference at `index`: `0` after a digit (so `1${x}` stays one number), else an identifier. */
function placeholder(source: string, ref: VariableReference, index: number): string {
  return /[0-9.]/.test(source[ref.start - 1] ?? '') ? '0' : `_v${index}_`;
}

function fail(message: string, code: string): never {
  throw new ExpressionError(`${message} in ${JSON.stringify(code)}`, 'SyntaxError');
}

/**
 * Prepares `template` for evaluation; `value` substitutes each outermost reference (`${n}`, `${a${b}}`).
 * Throws an {@link ExpressionError} when the text is not exactly one expression, or a reference
 * stands where its value would have to become code (inside a name). `memoryBytes`, the memory
 * limit of the evaluator that would run it, bounds what the fast path answers itself (`plain`).
 *
 * @example
 * ```ts
 * prepareExpression("'${n}'.length > ${max}", (r) => ({ '${n}': "it's", '${max}': '2' })[r]!);
 * // { source: "'it\\u0027s'.length > _v0_", bindings: [2] }
 * ```
 */
export function prepareExpression(template: string, value: (reference: string) => string, memoryBytes: number = DEFAULT_MEMORY_BYTES): PreparedExpression {
  const code = template.replace(/[\s;]+$/u, '');
  const slots: Slot[] = [];
  let out = '';
  let at = 0;
  replaceVariables(code, (ref, i) => {
    const ph = placeholder(code, ref, i);
    out += code.slice(at, ref.start);
    slots.push({ start: out.length, end: out.length + ph.length, value: value(code.slice(ref.start, ref.end)) });
    out += ph;
    at = ref.end;
    return ph;
  });
  out += code.slice(at);
  let tokens: Token[];
  try {
    tokens = [...tokenizer(out, { ecmaVersion: 2022, sourceType: 'script', allowHashBang: false })];
  } catch (e) {
    return fail(`SyntaxError: ${(e as Error).message.replace(/\s*\(\d+:\d+\)$/, '')}`, template);
  }
  const bindings: Binding[] = [];
  let source = '';
  let from = 0;
  let t = 0;
  for (const slot of slots) {
    while (t < tokens.length && tokens[t]!.end <= slot.start) t++;
    const token = tokens[t];
    const inside = token !== undefined && token.start <= slot.start && slot.end <= token.end;
    let replacement = '';
    if (!inside) replacement = ''; // between tokens: inside a comment
    else if (token.type === tokTypes.string || token.type === tokTypes.template || token.type === tokTypes.regexp) replacement = literalChars(slot.value);
    else if (token.type === tokTypes.name && token.start === slot.start && token.end === slot.end) {
      if (bindings.length >= MAX_REFERENCES) fail(`more than ${MAX_REFERENCES} \${…} references in code (the limit per expression)`, template);
      replacement = `_v${bindings.length}_`;
      bindings.push(toBinding(slot.value));
    } else if (token.type === tokTypes.num && /^\d*$/.test(slot.value)) replacement = slot.value === '' ? '' : slot.value;
    else fail('a ${…} reference joined to a name or number becomes code; write it apart or inside quotes', template);
    source += out.slice(from, slot.start) + replacement;
    from = slot.end;
  }
  source += out.slice(from);
  const expression = checkOneExpression(source, template);
  const plain = plainValue(expression, bindings, plainCharBudget(memoryBytes) - source.length);
  return plain ? { source, bindings, plain } : { source, bindings };
}

/** The one expression `source` holds; refuses anything else (a trailing `;` allowed), and HTML-like comments, which parsers read differently. */
function checkOneExpression(source: string, template: string): AcornNode {
  let htmlComment = false;
  let body: ReturnType<typeof parse>['body'];
  try {
    const program = parse(source, {
      ecmaVersion: 2022,
      sourceType: 'script',
      allowHashBang: false,
      // parentheses as nodes: the fast path counts them in its depth, as QuickJS's parser recurses on them
      preserveParens: true,
      onComment: (block, _text, start) => {
        if (!block && !source.startsWith('//', start)) htmlComment = true;
      },
    });
    body = program.body.filter((s) => s.type !== 'EmptyStatement');
  } catch (e) {
    return fail(`SyntaxError: ${(e as Error).message.replace(/\s*\(\d+:\d+\)$/, '')}`, template);
  }
  if (htmlComment) fail('SyntaxError: HTML-like comments (<!-- and -->) are not allowed in an expression', template);
  if (body.length !== 1 || body[0]!.type !== 'ExpressionStatement') fail('SyntaxError: not a single expression', template);
  return (body[0] as ExpressionStatement).expression;
}
