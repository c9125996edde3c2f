/**
 * Expressions simple enough to evaluate without the isolated evaluator: literals, `${…}`
 * values, comparisons, arithmetic, `!`, `&&`, `||`, `??` and `?:` over them — what most plans
 * write (`${Visits}+1`, `${Retries} < 3`, `'${answer}' == 'yes'`).
 *
 * Each QuickJS evaluation is a round trip to the evaluator's thread, which made a simulation
 * about five times slower than evaluating in process. These expressions need no isolation:
 * every operand is a primitive value (a number, string, boolean, null or undefined) and
 * every operator on primitives is fixed by the language, so no plan code runs and the host's
 * operators compute exactly what QuickJS would. Anything else (a call, a property, a name
 * other than a reference) is left to the evaluator.
 *
 * What QuickJS computes includes where it gives up: so the fast path answers only expressions
 * far inside the evaluator's memory limit ({@link plainCharBudget}) and its nesting, and leaves
 * the rest to QuickJS. A concatenation of two nine-million-character values therefore fails on
 * QuickJS's memory limit with QuickJS's own message, as it would without the fast path.
 *
 * @module
 */
import type { Node as AcornNode } from 'acorn';
import type { Binding } from './binding.js';

type Primitive = string | number | boolean | null | undefined;
type AnyNode = AcornNode & Record<string, unknown>;

const REFERENCE = /^_v(\d+)_$/;

/** The operators whose result on primitives the language fixes, written as the host's own. */
const BINARY: Readonly<Record<string, (a: Primitive, b: Primitive) => Primitive>> = {
  // biome-ignore lint/suspicious/noDoubleEquals: JavaScript's loose equality is what the plan wrote
  '==': (a, b) => a == b,
  // biome-ignore lint/suspicious/noDoubleEquals: as above, loose inequality on purpose
  '!=': (a, b) => a != b,
  '===': (a, b) => a === b,
  '!==': (a, b) => a !== b,
  '<': (a, b) => (a as number) < (b as number),
  '>': (a, b) => (a as number) > (b as number),
  '<=': (a, b) => (a as number) <= (b as number),
  '>=': (a, b) => (a as number) >= (b as number),
  '+': (a, b) => (a as number) + (b as number),
  '-': (a, b) => (a as number) - (b as number),
  '*': (a, b) => (a as number) * (b as number),
  '/': (a, b) => (a as number) / (b as number),
  '%': (a, b) => (a as number) % (b as number),
};

/** Nodes (parentheses included) deeper than this are left to the evaluator rather than walked here. */
const MAX_DEPTH = 32;

/** Below this memory limit the evaluator's own overhead counts for much: every expression goes to it. */
const MIN_MEMORY_BYTES = 1024 * 1024;

/**
 * How many characters of string an expression may involve, all told, for the fast path to
 * answer it under an evaluator limited to `memoryBytes`: its source, the values it is given and
 * every string it makes. QuickJS holds a character in one or two bytes, a few times over while it
 * parses and concatenates (in 16 MiB, two 8-million-character values do not concatenate); a 64th
 * of the limit stays far below where it runs out.
 */
export function plainCharBudget(memoryBytes: number): number {
  return memoryBytes < MIN_MEMORY_BYTES ? 0 : Math.floor(memoryBytes / 64);
}

/** Thrown while evaluating when a node is not plain. */
const NOT_PLAIN = Symbol('not plain');

/** What one evaluation reads and counts. */
interface Walk {
  readonly bindings: readonly Binding[];
  /** Characters of string the expression may still make. */
  left: number;
}

/**
 * An expression compiled to closures, one per node, made once per parsed expression (parses
 * are cached by source): evaluating it then reads no syntax tree, operator table or regular
 * expression. A node that is not plain compiles to {@link notPlain}, which throws only when
 * evaluated, so a branch not taken stays unchecked, as in a walk of the tree.
 */
type Compiled = (walk: Walk) => Primitive;

const notPlain: Compiled = () => {
  throw NOT_PLAIN;
};

function compile(node: AnyNode, depth: number): Compiled {
  if (depth > MAX_DEPTH) return notPlain;
  switch (node.type) {
    case 'Literal': {
      // not a regular expression or a BigInt: those are objects or need the evaluator's own type
      if ('regex' in node || 'bigint' in node) return notPlain;
      const literal = node['value'] as Primitive;
      return () => literal;
    }
    case 'Identifier': {
      const name = node['name'] as string;
      const ref = REFERENCE.exec(name);
      if (ref) {
        const i = Number(ref[1]);
        return (walk) => {
          if (i >= walk.bindings.length) throw NOT_PLAIN;
          return walk.bindings[i];
        };
      }
      if (name === 'undefined') return () => undefined;
      return notPlain;
    }
    case 'ParenthesizedExpression':
      return compile(node['expression'] as AnyNode, depth + 1);
    case 'UnaryExpression': {
      const arg = compile(node['argument'] as AnyNode, depth + 1);
      const op = node['operator'];
      if (op === '!') return (walk) => !arg(walk);
      if (op === '-') return (walk) => -(arg(walk) as number);
      if (op === '+') return (walk) => +(arg(walk) as number);
      return notPlain;
    }
    case 'BinaryExpression': {
      const op = BINARY[node['operator'] as string];
      if (!op) return notPlain;
      const left = compile(node['left'] as AnyNode, depth + 1);
      const right = compile(node['right'] as AnyNode, depth + 1);
      return (walk) => {
        const result = op(left(walk), right(walk));
        if (typeof result === 'string' && (walk.left -= result.length) < 0) throw NOT_PLAIN;
        return result;
      };
    }
    case 'LogicalExpression': {
      const left = compile(node['left'] as AnyNode, depth + 1);
      const right = compile(node['right'] as AnyNode, depth + 1);
      const op = node['operator'];
      if (op === '&&') return (walk) => left(walk) && right(walk);
      if (op === '||') return (walk) => left(walk) || right(walk);
      return (walk) => left(walk) ?? right(walk);
    }
    case 'ConditionalExpression': {
      const test = compile(node['test'] as AnyNode, depth + 1);
      const consequent = compile(node['consequent'] as AnyNode, depth + 1);
      const alternate = compile(node['alternate'] as AnyNode, depth + 1);
      return (walk) => (test(walk) ? consequent(walk) : alternate(walk));
    }
    default:
      return notPlain;
  }
}

/**
 * A parsed expression compiled for repeated evaluation ({@link compilePlain}): its value for
 * `bindings` when it is plain (see the module comment), else `undefined`: the evaluator has to run it.
 *
 * @param maxChars the characters of string the expression may involve besides its source
 *   (see {@link plainCharBudget}); every binding counts, as the evaluator is given them all
 */
export type PlainProgram = (bindings: readonly Binding[], maxChars: number) => { readonly value: Primitive } | undefined;

/** Compiles `expression` once, for {@link PlainProgram} evaluations. */
export function compilePlain(expression: AcornNode): PlainProgram {
  const compiled = compile(expression as AnyNode, 0);
  return (bindings, maxChars) => {
    const walk: Walk = { bindings, left: maxChars };
    for (const b of bindings) if (typeof b === 'string') walk.left -= b.length;
    if (walk.left < 0) return undefined;
    try {
      return { value: compiled(walk) };
    } catch (e) {
      if (e === NOT_PLAIN) return undefined;
      throw e;
    }
  };
}

