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
import { compilePlain, plainCharBudget, type PlainProgram } from './plain-expression.js';
import { remember } from '../util/bounded-cache.js';
import type { Binding } from './binding.js';

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

/** How a reference's value enters the source, fixed by where the reference stands (see {@link layoutOf}). */
type SlotKind =
  /** between tokens, so inside a comment: dropped */
  | 'comment'
  /** inside a string, template or regular-expression literal: escaped into it */
  | 'literal'
  /** a token of its own in code: an identifier bound to the value */
  | 'name'
  /** after a digit: digits join the number (`1${x}`), anything else is refused */
  | 'number'
  /** inside a name or a number in any other way: refused */
  | 'joined';

/**
 * A template's form with the references' values left out: the code between the references and
 * how each reference's value enters it. Placeholders stand for the references while the code is
 * tokenized, and they do not depend on the values, so neither does any of this; only the values
 * are read per evaluation.
 */
interface Layout {
  /** The reference texts (`${n}`, `${a${b}}`), outermost only, in order: each is substituted per evaluation. */
  readonly refs: readonly string[];
  /** The code before each reference, and after the last (`refs.length + 1` pieces). */
  readonly pieces: readonly string[];
  readonly kinds: readonly SlotKind[];
  /** For each reference, the variable it names when it holds no other reference (`${n}` → `n`), else `undefined`. */
  readonly names: readonly (string | undefined)[];
  /** Why the code with placeholders does not tokenize, when it does not. */
  readonly syntaxError?: string;
  /**
   * The source and its parse, when no value is written into the source (every reference stands
   * in code or a comment, within the limit of references): then they are the same on every
   * evaluation, found on the first. `null` when values enter the source; `undefined` until known.
   */
  fixed?: FixedSource | null;
}

/** A source no value enters, and its parse (see {@link Layout.fixed}). */
interface FixedSource {
  readonly source: string;
  readonly parsed: Parsed;
}

/** The placeholder for the reference at `index`: `0` after a digit (so `1${x}` stays one number), else an identifier. */
function placeholder(source: string, ref: VariableReference, index: number): string {
  return /[0-9.]/.test(source[ref.start - 1] ?? '') ? '0' : `_v${index}_`;
}

function fail(message: string, code: string): never {
  throw new ExpressionError(`${message} in ${JSON.stringify(code)}`, 'SyntaxError');
}

/**
 * Layouts by template: a template's layout never changes. Templates and sources this long or longer are read every time rather than kept, so
 * the caches stay small whatever the plans hold.
 */
const layouts = new Map<string, Layout>();
const MAX_LAYOUTS = 2_000;
const MAX_KEPT = 4_096;

/** Reads where each reference of `template` stands, tokenizing it once with placeholders for the references. */
function layoutOf(template: string): Layout {
  const hit = layouts.get(template);
  if (hit) return hit;
  const code = template.replace(/[\s;]+$/u, '');
  const refs: string[] = [];
  const names: (string | undefined)[] = [];
  const pieces: string[] = [];
  const spans: { start: number; end: number }[] = [];
  let out = '';
  let at = 0;
  replaceVariables(code, (ref, i) => {
    const ph = placeholder(code, ref, i);
    pieces.push(code.slice(at, ref.start));
    out += code.slice(at, ref.start);
    refs.push(code.slice(ref.start, ref.end));
    names.push(ref.dynamic ? undefined : ref.name);
    spans.push({ start: out.length, end: out.length + ph.length });
    out += ph;
    at = ref.end;
    return ph;
  });
  pieces.push(code.slice(at));
  out += code.slice(at);
  let tokens: Token[];
  try {
    tokens = [...tokenizer(out, { ecmaVersion: 2022, sourceType: 'script', allowHashBang: false })];
  } catch (e) {
    const syntaxError = `SyntaxError: ${(e as Error).message.replace(/\s*\(\d+:\d+\)$/, '')}`;
    return keep(template, { refs, names, pieces, kinds: [], syntaxError });
  }
  const kinds: SlotKind[] = [];
  let t = 0;
  for (const slot of spans) {
    while (t < tokens.length && tokens[t]!.end <= slot.start) t++;
    const token = tokens[t];
    const inside = token !== undefined && token.start <= slot.start && slot.end <= token.end;
    if (!inside) kinds.push('comment');
    else if (token.type === tokTypes.string || token.type === tokTypes.template || token.type === tokTypes.regexp) kinds.push('literal');
    else if (token.type === tokTypes.name && token.start === slot.start && token.end === slot.end) kinds.push('name');
    else if (token.type === tokTypes.num) kinds.push('number');
    else kinds.push('joined');
  }
  return keep(template, { refs, names, pieces, kinds });
}

const keep = (template: string, layout: Layout): Layout => (template.length < MAX_KEPT ? remember(layouts, template, layout, MAX_LAYOUTS) : layout);

/** An expression's parse, or why it is refused (without the template, which the message adds). */
type Parsed = { readonly expression: AcornNode; readonly plain: PlainProgram; readonly refused?: undefined } | { readonly refused: string };

/** Parses by source: a template's source changes only with the values written into its literals, so most evaluations find theirs. */
const parses = new Map<string, Parsed>();
const MAX_PARSES = 2_000;

/**
 * Prepares `template` for evaluation; `value` substitutes each outermost reference (`${n}`,
 * `${a${b}}`), given also the variable it names when it holds no other reference (`n`), so a
 * caller need not read the reference's text again.
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
export function prepareExpression(
  template: string,
  value: (reference: string, name: string | undefined) => string,
  memoryBytes: number = DEFAULT_MEMORY_BYTES,
): PreparedExpression {
  const layout = layoutOf(template);
  const { refs, names, pieces, kinds } = layout;
  const fixed = layout.fixed === undefined ? (layout.fixed = fixedSource(layout)) : layout.fixed;
  if (fixed !== null) {
    // the source is the same whatever the values: only the bindings are read (every reference, in order)
    const { source, parsed } = fixed;
    const bindings: Binding[] = [];
    for (let i = 0; i < refs.length; i++) {
      const v = value(refs[i]!, names[i]);
      if (kinds[i] === 'name') bindings.push(toBinding(v));
    }
    if (parsed.refused !== undefined) fail(parsed.refused, template);
    const plain = parsed.plain(bindings, plainCharBudget(memoryBytes) - source.length);
    return plain ? { source, bindings, plain } : { source, bindings };
  }
  // every reference is read, in order, whatever becomes of it (an unset one is reported)
  const values = refs.map((ref, i) => value(ref, names[i]));
  if (layout.syntaxError !== undefined) fail(layout.syntaxError, template);
  const bindings: Binding[] = [];
  let source = '';
  for (let i = 0; i < refs.length; i++) {
    const v = values[i]!;
    let replacement = '';
    switch (kinds[i]) {
      case 'comment':
        break;
      case 'literal':
        replacement = literalChars(v);
        break;
      case 'name':
        if (bindings.length >= MAX_REFERENCES) fail(`more than ${MAX_REFERENCES} \${…} references in code (the limit per expression)`, template);
        replacement = `_v${bindings.length}_`;
        bindings.push(toBinding(v));
        break;
      case 'number':
        if (/^\d*$/.test(v)) {
          replacement = v;
          break;
        }
        return fail('a ${…} reference joined to a name or number becomes code; write it apart or inside quotes', template);
      default:
        return fail('a ${…} reference joined to a name or number becomes code; write it apart or inside quotes', template);
    }
    source += pieces[i] + replacement;
  }
  source += pieces[refs.length];
  const parsed = parseOnce(source);
  if (parsed.refused !== undefined) fail(parsed.refused, template);
  const plain = parsed.plain(bindings, plainCharBudget(memoryBytes) - source.length);
  return plain ? { source, bindings, plain } : { source, bindings };
}

/** A layout's source when no value enters it (see {@link Layout.fixed}), else `null`. */
function fixedSource(layout: Layout): FixedSource | null {
  if (layout.syntaxError !== undefined) return null;
  let source = '';
  let names = 0;
  for (let i = 0; i < layout.refs.length; i++) {
    const kind = layout.kinds[i];
    let replacement = '';
    if (kind === 'name') {
      if (names >= MAX_REFERENCES) return null;
      replacement = `_v${names++}_`;
    } else if (kind !== 'comment') return null;
    source += layout.pieces[i] + replacement;
  }
  source += layout.pieces[layout.refs.length];
  return { source, parsed: parseOnce(source) };
}

function parseOnce(source: string): Parsed {
  const hit = parses.get(source);
  if (hit) return hit;
  const parsed = checkOneExpression(source);
  return source.length < MAX_KEPT ? remember(parses, source, parsed, MAX_PARSES) : parsed;
}

/** The one expression `source` holds; refuses anything else (a trailing `;` allowed), and HTML-like comments, which parsers read differently. */
function checkOneExpression(source: string): Parsed {
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
    return { refused: `SyntaxError: ${(e as Error).message.replace(/\s*\(\d+:\d+\)$/, '')}` };
  }
  if (htmlComment) return { refused: 'SyntaxError: HTML-like comments (<!-- and -->) are not allowed in an expression' };
  if (body.length !== 1 || body[0]!.type !== 'ExpressionStatement') return { refused: 'SyntaxError: not a single expression' };
  const expression = (body[0] as ExpressionStatement).expression;
  return { expression, plain: compilePlain(expression) };
}
