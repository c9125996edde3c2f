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
 * @module
 */
import type { Node as AcornNode } from 'acorn';
import type { Binding } from './expression.js';

type Primitive = string | number | boolean | null | undefined;
type AnyNode = AcornNode & Record<string, unknown>;

const REFERENCE = /^_v(\d+)_$/;

/** The operators whose result on primitives the language fixes, written as the host's own. */
const BINARY: Readonly<Record<string, (a: Primitive, b: Primitive) => Primitive>> = {
  // eslint-disable-next-line eqeqeq -- JavaScript's loose equality is what the plan wrote
  '==': (a, b) => a == b,
  // eslint-disable-next-line eqeqeq
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

/** Nodes deeper than this are left to the evaluator rather than walked here. */
const MAX_DEPTH = 32;

/** Thrown inside the walk when a node is not plain. */
const NOT_PLAIN = Symbol('not plain');

function value(node: AnyNode, bindings: readonly Binding[], depth: number): Primitive {
  if (depth > MAX_DEPTH) throw NOT_PLAIN;
  switch (node.type) {
    case 'Literal': {
      // not a regular expression or a BigInt: those are objects or need the evaluator's own type
      if ('regex' in node || 'bigint' in node) throw NOT_PLAIN;
      return node['value'] as Primitive;
    }
    case 'Identifier': {
      const name = node['name'] as string;
      const ref = REFERENCE.exec(name);
      if (ref) {
        const i = Number(ref[1]);
        if (i >= bindings.length) throw NOT_PLAIN;
        return bindings[i];
      }
      if (name === 'undefined') return undefined;
      throw NOT_PLAIN;
    }
    case 'UnaryExpression': {
      const arg = value(node['argument'] as AnyNode, bindings, depth + 1);
      const op = node['operator'];
      if (op === '!') return !arg;
      if (op === '-') return -(arg as number);
      if (op === '+') return +(arg as number);
      throw NOT_PLAIN;
    }
    case 'BinaryExpression': {
      const op = BINARY[node['operator'] as string];
      if (!op) throw NOT_PLAIN;
      return op(value(node['left'] as AnyNode, bindings, depth + 1), value(node['right'] as AnyNode, bindings, depth + 1));
    }
    case 'LogicalExpression': {
      const left = value(node['left'] as AnyNode, bindings, depth + 1);
      const op = node['operator'];
      if (op === '&&' ? !left : op === '||' ? left : left !== null && left !== undefined) return left;
      return value(node['right'] as AnyNode, bindings, depth + 1);
    }
    case 'ConditionalExpression':
      return value(node['test'] as AnyNode, bindings, depth + 1)
        ? value(node['consequent'] as AnyNode, bindings, depth + 1)
        : value(node['alternate'] as AnyNode, bindings, depth + 1);
    default:
      throw NOT_PLAIN;
  }
}

/**
 * The value of `expression` when it is plain (see the module comment), else `undefined`: the
 * evaluator has to run it. Branches not taken are not checked, as JavaScript does not run them
 * either; a branch taken that is not plain leaves the whole expression to the evaluator.
 */
export function plainValue(expression: AcornNode, bindings: readonly Binding[]): { readonly value: Primitive } | undefined {
  try {
    return { value: value(expression as AnyNode, bindings, 0) };
  } catch (e) {
    if (e === NOT_PLAIN) return undefined;
    throw e;
  }
}
