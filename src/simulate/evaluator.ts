/**
 * The isolated JavaScript evaluator for `if`/`equal` expressions and setvar/stash values.
 *
 * Expressions come from the plan, which may come from anyone, so they run in QuickJS compiled
 * to WebAssembly (quickjs-emscripten): a separate heap with no `require`, `process`, `fetch`,
 * file system or network, with a memory limit, a stack limit and a deadline checked by an
 * interrupt handler. `node:vm` would not do: it shares the process and is no security boundary.
 *
 * One runtime and context serve every simulation. To keep calls independent anyway, the
 * context is locked down once: the global object and every built-in reachable from it are
 * frozen, so an expression cannot leave state behind for the next one (`var x` or
 * `String.prototype.foo = …` fail).
 *
 * @module
 */
import { getQuickJS, shouldInterruptAfterDeadline, type QuickJSContext, type QuickJSRuntime } from 'quickjs-emscripten';

/** Why an expression could not be evaluated. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  constructor(
    message: string,
    /** The JavaScript error name inside the evaluator (SyntaxError, ReferenceError, InternalError…). */
    readonly errorName: string,
  ) {
    super(message);
  }
}

const LOCKDOWN = `(() => {
  const seen = new Set();
  const deep = (o) => {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) return;
    seen.add(o);
    for (const k of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      if (!d) continue;
      if ('value' in d) deep(d.value);
      if (d.get) deep(d.get);
      if (d.set) deep(d.set);
    }
    deep(Object.getPrototypeOf(o));
    Object.freeze(o);
  };
  deep(globalThis);
})()`;

/** A synchronous evaluator; make one with {@link loadEvaluator}. */
export interface Evaluator {
  /** Evaluates `code` and returns the result converted with JavaScript's `String()`. */
  toText(code: string): string;
  /** Evaluates `code` and returns its JavaScript truthiness. */
  toBoolean(code: string): boolean;
}

class QuickJsEvaluator implements Evaluator {
  constructor(
    private readonly runtime: QuickJSRuntime,
    private readonly context: QuickJSContext,
    private readonly timeoutMs: number,
  ) {}

  private run(wrapped: string, original: string): unknown {
    this.runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + this.timeoutMs));
    const result = this.context.evalCode(wrapped, 'expression.js');
    if (result.error) {
      const err = this.context.dump(result.error) as { name?: string; message?: string } | undefined;
      result.error.dispose();
      const name = err?.name ?? 'Error';
      const message = err?.message ?? String(err);
      if (name === 'InternalError' && message === 'interrupted') {
        throw new ExpressionError(`expression ran longer than ${this.timeoutMs} ms: ${original}`, name);
      }
      throw new ExpressionError(`${name}: ${message} in ${JSON.stringify(original)}`, name);
    }
    const value: unknown = this.context.dump(result.value);
    result.value.dispose();
    return value;
  }

  toText(code: string): string {
    // String() inside the evaluator keeps JavaScript's own conversion (arrays, numbers, undefined).
    return String(this.run(`String((\n${stripSemicolons(code)}\n))`, code));
  }

  toBoolean(code: string): boolean {
    return this.run(`!!(\n${stripSemicolons(code)}\n)`, code) === true;
  }
}

/** Samples end values with `;` (`"${n}".split("").join(" ");`); an expression may not. */
function stripSemicolons(code: string): string {
  return code.replace(/[\s;]+$/u, '');
}

/** The one runtime and locked-down context, started on first use and kept for the process. */
let machine: Promise<{ readonly runtime: QuickJSRuntime; readonly context: QuickJSContext }> | undefined;

async function startMachine(): Promise<{ runtime: QuickJSRuntime; context: QuickJSContext }> {
  const quickjs = await getQuickJS();
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(16 * 1024 * 1024);
  // Well below the host's own stack: deeper, QuickJS's recursion would overflow Node's stack
  // (a RangeError out of the WebAssembly) before QuickJS noticed.
  runtime.setMaxStackSize(128 * 1024);
  const context = runtime.newContext();
  const locked = context.evalCode(LOCKDOWN);
  if (locked.error) {
    locked.error.dispose();
    context.dispose();
    runtime.dispose();
    throw new Error('could not lock down the expression evaluator');
  }
  locked.value.dispose();
  return { runtime, context };
}

/**
 * An evaluator with a given per-expression time limit. Every evaluator shares one QuickJS
 * runtime and context, created on first use (the WebAssembly module loads asynchronously once,
 * in about 20 ms); the time limit only sets each expression's deadline.
 *
 * @example
 * ```ts
 * const js = await loadEvaluator();
 * js.toText('"123".split("").join(" ")'); // '1 2 3'
 * js.toBoolean('typeof process === "undefined"'); // true
 * ```
 */
export async function loadEvaluator(timeoutMs = 100): Promise<Evaluator> {
  machine ??= startMachine();
  const { runtime, context } = await machine;
  return new QuickJsEvaluator(runtime, context, timeoutMs);
}
