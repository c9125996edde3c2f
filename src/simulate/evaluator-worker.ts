/**
 * The body of the expression evaluator's worker thread, run as an `eval` worker from its own
 * source text (`evaluatorWorker.toString()`), so it works the same from `src/` and `dist/`. It
 * must not refer to anything outside itself: imports and closures do not survive `toString()`.
 *
 * Why a thread: QuickJS checks its deadline only every 10,000 interrupt polls, and a single
 * native call (`'x'.repeat(1e5)`) between polls can take a millisecond, so `for(;;)` over such a
 * call ran for minutes. The main thread waits for each answer with a timeout and terminates the
 * thread when it passes: the deadline holds whatever the expression does.
 *
 * Each simulation gets its own QuickJS runtime (its own memory limit) and a fresh context, made
 * on its first expression and disposed when the simulation ends: whatever one plan changes
 * (`Array.prototype`, the iterator prototypes, globals), no other plan sees. A fresh context
 * costs well under a millisecond; freezing every intrinsic instead cost about 200 ms a call.
 *
 * @module
 */

/** What the main thread asks for. */
export type WorkerRequest =
  | { readonly op: 'open'; readonly session: number; readonly memoryBytes: number; readonly seed: number }
  | {
      readonly op: 'eval';
      readonly session: number;
      readonly source: string;
      readonly bindings: ReadonlyArray<string | number | boolean>;
      readonly mode: 'text' | 'boolean';
      readonly clock: number;
      readonly deadline: number;
    }
  | { readonly op: 'close'; readonly session: number };

/**
 * The answer to `open` and `eval` (`close` gets none), and the thread's first message (ready,
 * or why QuickJS could not be loaded). `fatal`: the thread itself failed rather than the
 * expression (QuickJS's WebAssembly aborted, say), so it must not serve anyone again.
 */
export type WorkerReply =
  | { readonly ok: true; readonly value: string | boolean }
  | { readonly ok: false; readonly name: string; readonly message: string; readonly fatal?: true };

/** The most `${…}` references one expression may hold in code (not inside a string literal). */
export const MAX_REFERENCES = 256;

/** Run in every fresh context before the plan's first expression: the script's clock and seed, and the reference slots. */
export const CONTEXT_SETUP = `(() => {
  'use strict';
  let now = 0;
  let state = 0;
  const slots = [];
  const RealDate = Date;
  // Date.now() and new Date() read the script's clock, so a simulation is reproducible.
  const ScriptDate = function Date(...args) {
    if (new.target === undefined) return new RealDate(now).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [now] : args, new.target);
  };
  Object.setPrototypeOf(ScriptDate, RealDate);
  Object.defineProperty(ScriptDate, 'prototype', { value: RealDate.prototype });
  Object.defineProperty(ScriptDate, 'now', { value: function now_() { return now; }, writable: true, configurable: true });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: ScriptDate, writable: true, configurable: true });
  Object.defineProperty(globalThis, 'Date', { value: ScriptDate, writable: true, configurable: true });
  // Math.random() from the script's seed (mulberry32): the same script draws the same numbers.
  Object.defineProperty(Math, 'random', {
    value: function random() {
      state = (state + 0x6d2b79f5) | 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    writable: true,
    configurable: true,
  });
  // \${…} references in code stand as the identifiers _v0_, _v1_ …: read-only globals whose
  // values the host sets before each expression, so a value is data, never source. Made as
  // needed, up to the limit.
  const toText = String;
  // Strings cross into and out of QuickJS as C strings, where a NUL ends them and a lone
  // surrogate becomes U+FFFD. A value holding either comes in as JSON, which escapes both; a
  // text that did not come out whole is fetched again as JSON (see the worker's evaluate).
  const { parse, stringify } = JSON;
  let defined = 0;
  const slot = (i) => Object.defineProperty(globalThis, '_v' + i + '_', { get: () => slots[i], enumerable: false, configurable: false });
  return {
    prepare(clock, values, escaped) {
      now = clock;
      slots.length = 0;
      for (const v of values) slots.push(v);
      for (const i of escaped) slots[i] = parse(slots[i]);
      for (; defined < values.length && defined < ${MAX_REFERENCES}; defined++) slot(defined);
    },
    seed(n) { state = n | 0; },
    text: (v) => toText(v),
    json: (t) => stringify(t),
    truth: (v) => !!v,
  };
})()`;

/** The worker's main function; see the module comment for why it stands alone. */
export function evaluatorWorker(): void {
  // biome-ignore-start lint/suspicious/noExplicitAny: QuickJS is required by path at run time, untyped here
  const threads = process.getBuiltinModule('node:worker_threads');
  const { workerData } = threads;
  const { port, flag, quickjsPath, setup } = workerData as {
    port: import('node:worker_threads').MessagePort;
    flag: Int32Array;
    quickjsPath: string;
    setup: string;
  };
  interface Session {
    runtime: any;
    context: any;
    hooks: any;
  }
  const sessions = new Map<number, Session>();
  const answer = (reply: WorkerReply) => {
    port.postMessage(reply);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  const failure = (context: any, handle: any): WorkerReply => {
    const err = context.dump(handle) as { name?: string; message?: string } | undefined;
    handle.dispose();
    return { ok: false, name: String(err?.name ?? 'Error'), message: String(err?.message ?? err) };
  };
  const unusable = (e: unknown): WorkerReply => ({ ok: false, name: 'InternalError', message: String((e as Error)?.message ?? e), fatal: true });
  // required by path (the CommonJS build): a bundler rewrites import() even in this function's text
  const { createRequire } = process.getBuiltinModule('node:module');
  let mod: any;
  try {
    mod = createRequire(quickjsPath)(quickjsPath);
  } catch (e) {
    answer(unusable(e));
    return;
  }
  mod.getQuickJS().then((quickjs: any) => {
    // Every handle is disposed on every path: a handle left alive when its runtime is freed
    // aborts the whole WebAssembly module (an assertion in JS_FreeRuntime).
    const call = (context: any, fn: any, ...args: any[]): WorkerReply | undefined => {
      const result = context.callFunction(fn, context.undefined, ...args);
      fn.dispose();
      for (const a of args) a.dispose();
      if (result.error) return failure(context, result.error);
      result.value.dispose();
      return undefined;
    };
    const open = (session: number, memoryBytes: number, seed: number): WorkerReply => {
      const runtime = quickjs.newRuntime();
      runtime.setMemoryLimit(memoryBytes);
      // Well below the thread's own stack: deeper, QuickJS's recursion would overflow it
      // before QuickJS noticed.
      runtime.setMaxStackSize(128 * 1024);
      const context = runtime.newContext();
      const made = context.evalCode(setup, 'setup.js');
      const failed = made.error ? failure(context, made.error) : call(context, context.getProp(made.value, 'seed'), context.newNumber(seed));
      if (failed) {
        made.value?.dispose();
        context.dispose();
        runtime.dispose();
        return failed;
      }
      sessions.set(session, { runtime, context, hooks: made.value });
      return { ok: true, value: true };
    };
    const evaluate = (request: Extract<WorkerRequest, { op: 'eval' }>): WorkerReply => {
      const s = sessions.get(request.session);
      if (!s) return { ok: false, name: 'Error', message: 'the evaluator session is closed' };
      const { context, runtime, hooks } = s;
      const values = context.newArray();
      const escaped = context.newArray();
      let n = 0;
      request.bindings.forEach((v, i) => {
        const bad = typeof v === 'string' && /[\0\ud800-\udfff]/.test(v);
        const h = typeof v === 'number' ? context.newNumber(v) : typeof v === 'boolean' ? (v ? context.true : context.false) : context.newString(bad ? JSON.stringify(v) : v);
        context.setProp(values, i, h);
        h.dispose();
        if (bad) {
          const at = context.newNumber(i);
          context.setProp(escaped, n++, at);
          at.dispose();
        }
      });
      const unready = call(context, context.getProp(hooks, 'prepare'), context.newNumber(request.clock), values, escaped);
      if (unready) return unready;
      runtime.setInterruptHandler(() => Date.now() > request.deadline);
      const result = context.evalCode(request.source, 'expression.js');
      if (result.error) return failure(context, result.error);
      const convert = context.getProp(hooks, request.mode === 'text' ? 'text' : 'truth');
      const converted = context.callFunction(convert, context.undefined, result.value);
      convert.dispose();
      result.value.dispose();
      if (converted.error) return failure(context, converted.error);
      const value = context.dump(converted.value) as string | boolean;
      if (request.mode === 'boolean') {
        converted.value.dispose();
        return { ok: true, value: value === true };
      }
      // Whole unless it held a NUL (cut there: shorter) or a lone surrogate (U+FFFD instead);
      // JSON for those only, as it costs two or three times as much on a megabyte.
      const length = context.getProp(converted.value, 'length');
      const whole = context.getNumber(length) === String(value).length && !String(value).includes('\ufffd');
      length.dispose();
      if (whole) {
        converted.value.dispose();
        return { ok: true, value: String(value) };
      }
      const toJson = context.getProp(hooks, 'json');
      const json = context.callFunction(toJson, context.undefined, converted.value);
      toJson.dispose();
      converted.value.dispose();
      if (json.error) return failure(context, json.error);
      const text = JSON.parse(context.dump(json.value) as string) as string;
      json.value.dispose();
      return { ok: true, value: text };
    };
    port.on('message', (request: WorkerRequest) => {
      try {
        if (request.op === 'close') {
          const s = sessions.get(request.session);
          sessions.delete(request.session);
          s?.hooks.dispose();
          s?.context.dispose();
          s?.runtime.dispose();
        } else if (request.op === 'open') answer(open(request.session, request.memoryBytes, request.seed));
        else answer(evaluate(request));
      } catch (e) {
        // not an error of the expression (QuickJS reports those as values): the module is suspect
        if (request.op !== 'close') answer(unusable(e));
      }
    });
    answer({ ok: true, value: true });
  }, (e: unknown) => answer(unusable(e)));
  // biome-ignore-end lint/suspicious/noExplicitAny: end of the untyped QuickJS handles
}
