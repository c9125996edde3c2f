/**
 * The isolated JavaScript evaluator for `if`/`equal` expressions and setvar/stash values.
 *
 * Expressions come from the plan, which may come from anyone, so they run in QuickJS compiled
 * to WebAssembly (quickjs-emscripten): a separate heap with no `require`, `process`, `fetch`,
 * file system or network. `node:vm` would not do: it shares the process and is no security
 * boundary.
 *
 * QuickJS runs in a worker thread (`evaluator-worker.ts`) and the simulator waits for each
 * answer with a deadline: when it passes, the thread is terminated, so a deadline holds even
 * against a loop of large native calls that QuickJS's own interrupt check would let run for
 * minutes. Each {@link Evaluator} (one per simulation) has its own QuickJS runtime, with its own
 * memory limit, and its own fresh context: one plan cannot change what another computes. It
 * also holds its thread alone while it uses it, so the thread ended for one simulation's
 * expression is no other simulation's: the next one gets a thread started afresh.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { CONTEXT_SETUP, evaluatorWorker, type WorkerReply, type WorkerRequest } from './evaluator-worker.js';
import type { Binding } from './binding.js';

/** Why an expression could not be evaluated. @category Expressions */
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

/** The memory limit of an evaluator's heap unless told otherwise: 16 MiB. */
export const DEFAULT_MEMORY_BYTES = 16 * 1024 * 1024;

/** Limits and determinism of one evaluator. @category Expressions */
export interface EvaluatorOptions {
  /** Time limit of one expression in milliseconds; 100 by default. */
  readonly timeoutMs?: number;
  /** Memory the evaluator's heap may use, in bytes; 16 MiB by default. */
  readonly memoryBytes?: number;
  /** Seed of `Math.random()`; 0 by default. */
  readonly seed?: number;
}

/** What one evaluation reads besides its source. @category Expressions */
export interface EvaluationInput {
  /** Values of the `_v0_`, `_v1_` … identifiers (see `expression.ts`). */
  readonly bindings?: readonly Binding[];
  /** What `Date.now()` and `new Date()` return, in epoch milliseconds. */
  readonly clock?: number;
  /** An absolute deadline (epoch ms) earlier than the per-expression one: the simulation's own. */
  readonly deadline?: number;
  /** The expression as the plan writes it, for messages (the code itself by default). */
  readonly shown?: string;
}

/** A synchronous evaluator; make one with {@link loadEvaluator}, {@link Evaluator.dispose} it when done. @category Expressions */
export interface Evaluator {
  /** Evaluates `code` (exactly one expression) and returns the result converted with JavaScript's `String()`. */
  toText(code: string, input?: EvaluationInput): string;
  /** Evaluates `code` (exactly one expression) and returns its JavaScript truthiness. */
  toBoolean(code: string, input?: EvaluationInput): boolean;
  /** Frees the evaluator's runtime. Further calls fail. */
  dispose(): void;
  /** The memory its heap may use, in bytes. */
  readonly memoryBytes: number;
}

/** How much longer than the deadline the main thread waits before it ends the thread. */
const GRACE_MS = 50;

/** How long a thread may take to load QuickJS (about 100 ms) before its start counts as failed. */
const START_MS = 5_000;

/** Threads kept started for the next evaluators; a thread released beyond this is ended. */
const SPARES = 2;

// tsx (esbuild's keepNames) wraps functions in __name(...) calls when this file runs from
// source; the thread's own global has no __name, so give it one that does nothing.
const WORKER_SOURCE = `var __name = (f) => f; (${evaluatorWorker.toString()})()`;

/**
 * Where QuickJS is, found when this module loads: a thread started later, when the process may
 * have no file descriptor left, must not also fail to find it. Found again on use if that failed,
 * so a broken install fails the expression that needs QuickJS, not every import of the package.
 */
let quickjsPath: string | undefined;
const findQuickjs = (): string => (quickjsPath ??= createRequire(import.meta.url).resolve('quickjs-emscripten'));
try {
  findQuickjs();
} catch {
  // reported by the first thread that needs it
}

// Atomics.waitAsync is in Node 16+, typed only from lib es2024.
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<string> | string } }).waitAsync;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * One worker thread running QuickJS. While an evaluator uses it, it is that evaluator's alone
 * (see {@link WorkerEvaluator}): when an expression overruns and the thread is ended, no other
 * simulation loses anything.
 */
class Machine {
  readonly flag = new Int32Array(new SharedArrayBuffer(4));
  readonly port: MessagePort;
  readonly #worker: Worker | undefined;
  /** `starting` until the thread says it is ready or could not start; `dead` once ended. */
  state: 'starting' | 'ready' | 'failed' | 'dead' = 'starting';
  /** Why it could not start. */
  failure = '';

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    try {
      this.#worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { port: port2, flag: this.flag, quickjsPath: findQuickjs(), setup: CONTEXT_SETUP },
        transferList: [port2],
      });
    } catch (e) {
      this.#worker = undefined;
      this.#failed(messageOf(e));
      return;
    }
    // A thread that cannot start (no file descriptors, no memory) says so here, not on the port.
    this.#worker.on('error', (e) => this.#failed(messageOf(e)));
    this.#worker.on('exit', () => this.#failed('the evaluator thread ended'));
  }

  #failed(reason: string): void {
    if (this.state === 'starting') {
      this.state = 'failed';
      this.failure = reason;
      // wakes whoever waits for the start (started())
      Atomics.store(this.flag, 0, 2);
      Atomics.notify(this.flag, 0);
      this.#unref();
    } else if (this.state === 'ready') this.state = 'dead';
  }

  #unref(): void {
    // only once started: a pending Atomics.waitAsync alone does not keep Node's event loop alive
    this.#worker?.unref();
    this.port.unref();
  }

  /** Reads the thread's start answer once it has come (the way it answers every request: a message and the flag). */
  #settle(): void {
    if (this.state !== 'starting' || Atomics.load(this.flag, 0) !== 1) return;
    const reply = receiveMessageOnPort(this.port)?.message as WorkerReply | undefined;
    if (reply?.ok) {
      this.state = 'ready';
      this.#unref();
    } else this.#failed(reply ? reply.message : 'the evaluator thread did not say why');
  }

  /** Waits for the start without blocking the event loop. */
  async started(): Promise<void> {
    if (this.state !== 'starting') return;
    const waited = waitAsync(this.flag, 0, 0);
    if (waited.async) await waited.value;
    this.#settle();
  }

  /** Waits for the start blocking this thread, as an expression evaluated synchronously must. */
  startedNow(): void {
    if (this.state !== 'starting') return;
    Atomics.wait(this.flag, 0, 0, START_MS);
    this.#settle();
    if (this.state === 'starting') {
      this.#failed(`the evaluator thread did not start within ${START_MS / 1000} s`);
      this.end();
    }
  }

  /** Sends a request and waits for the answer until `deadline`; `undefined` (and the thread ended) when it did not come in time. */
  ask(request: WorkerRequest, deadline: number): WorkerReply | undefined {
    if (this.state !== 'ready') return { ok: false, name: 'InternalError', message: 'the evaluator was stopped' };
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(request);
    const waited = Atomics.wait(this.flag, 0, 0, Math.max(0, deadline - Date.now()) + GRACE_MS);
    const reply = receiveMessageOnPort(this.port)?.message as WorkerReply | undefined;
    if (waited === 'timed-out' && reply === undefined) {
      // Past its deadline and still running: only ending the thread stops it.
      this.end();
      return undefined;
    }
    return reply;
  }

  /** Ends the thread. */
  end(): void {
    this.state = 'dead';
    void this.#worker?.terminate();
    const i = spares.indexOf(this);
    if (i >= 0) spares.splice(i, 1);
  }
}

/** Started threads that no evaluator holds, ready (or getting ready) for the next one. */
const spares: Machine[] = [];

/** A spare thread, started now when there is none usable. */
function spare(): Machine {
  for (let i = spares.length - 1; i >= 0; i--) if (spares[i]!.state === 'failed' || spares[i]!.state === 'dead') spares.splice(i, 1);
  if (spares.length === 0) spares.push(new Machine());
  return spares[0]!;
}

/** Gives a thread an evaluator is done with back for the next one, or ends it when enough are spare. */
function release(m: Machine): void {
  if (m.state !== 'ready') return;
  if (spares.length < SPARES) spares.push(m);
  else m.end();
}

let sessions = 0;

/**
 * An evaluator takes a thread for itself on its first expression that needs QuickJS and gives it
 * back on dispose: a simulation runs synchronously from its first expression to its end, so
 * simulations that run one after the other (or side by side through `Promise.all`) take turns on
 * one thread, and only one whose expression overran loses its thread.
 */
class WorkerEvaluator implements Evaluator {
  #m: Machine | undefined;
  #stopped = false;
  #disposed = false;
  readonly #session = ++sessions;

  constructor(
    private readonly timeoutMs: number,
    readonly memoryBytes: number,
    private readonly seed: number,
    /** Why the thread loaded for this evaluator could not start; the next evaluator tries again. */
    private readonly startFailure: string | undefined,
  ) {}

  /** The thread this evaluator holds, its runtime and context opened (on first use: most plans evaluate nothing). */
  #machine(): Machine {
    if (this.#m) return this.#m;
    if (this.#stopped) throw new ExpressionError('the evaluator was stopped by an earlier expression', 'InternalError');
    const cannot = (why: string) => new ExpressionError(`the evaluator could not start: ${why}`, 'InternalError');
    if (this.startFailure !== undefined) throw cannot(this.startFailure);
    const m = spare();
    spares.splice(spares.indexOf(m), 1);
    m.startedNow();
    if (m.state !== 'ready') throw cannot(m.failure);
    const opened = m.ask({ op: 'open', session: this.#session, memoryBytes: this.memoryBytes, seed: this.seed }, Date.now() + START_MS);
    if (!opened?.ok) {
      if (opened?.fatal) m.end();
      else release(m);
      throw cannot(opened ? opened.message : `no answer within ${START_MS / 1000} s`);
    }
    this.#m = m;
    return m;
  }

  private run(code: string, mode: 'text' | 'boolean', input: EvaluationInput): string | boolean {
    const shown = input.shown ?? code;
    if (this.#disposed) throw new ExpressionError('the evaluator was disposed', 'Error');
    const m = this.#machine();
    const deadline = Math.min(Date.now() + this.timeoutMs, input.deadline ?? Infinity);
    const limit = input.deadline !== undefined && input.deadline <= Date.now() + this.timeoutMs ? 'the simulation\'s time limit (timeLimitMs)' : `${this.timeoutMs} ms`;
    const reply = m.ask({ op: 'eval', session: this.#session, source: code, bindings: input.bindings ?? [], mode, clock: input.clock ?? 0, deadline }, deadline);
    if (reply && !reply.ok && reply.fatal) m.end();
    if (m.state !== 'ready') {
      // the thread was ended (or crashed) on this expression: it took this evaluator's context with it
      this.#m = undefined;
      this.#stopped = true;
    }
    if (reply === undefined || (!reply.ok && reply.name === 'InternalError' && reply.message === 'interrupted')) {
      throw new ExpressionError(`expression ran longer than ${limit}: ${shown}`, 'InternalError');
    }
    if (!reply.ok) {
      if (reply.name === 'InternalError' && reply.message === 'out of memory') {
        throw new ExpressionError(`expression used more than the evaluator's ${this.memoryBytes} bytes of memory: ${shown}`, 'InternalError');
      }
      throw new ExpressionError(`${reply.name}: ${reply.message} in ${JSON.stringify(shown)}`, reply.name);
    }
    return reply.value;
  }

  toText(code: string, input: EvaluationInput = {}): string {
    return String(this.run(code.replace(/[\s;]+$/u, ''), 'text', input));
  }

  toBoolean(code: string, input: EvaluationInput = {}): boolean {
    return this.run(code.replace(/[\s;]+$/u, ''), 'boolean', input) === true;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const m = this.#m;
    this.#m = undefined;
    if (m?.state !== 'ready') return;
    m.port.postMessage({ op: 'close', session: this.#session } satisfies WorkerRequest);
    release(m);
  }
}

/**
 * A fresh evaluator: its own QuickJS runtime and context (made on its first expression), a
 * per-expression time limit enforced from outside the thread that runs it, a memory limit, and
 * `Math.random()`/`Date` driven by the seed and the clock it is given. The worker threads behind
 * evaluators start as needed (about 100 ms each) and are reused: one is started on the first
 * call, and again after a thread was ended or could not start.
 *
 * Never rejects: when no thread can start (no file descriptors or memory left, say), the
 * evaluator's first expression that needs QuickJS fails with an {@link ExpressionError} saying
 * why, and the next `loadEvaluator()` tries again.
 *
 * @example
 * ```ts
 * const js = await loadEvaluator();
 * js.toText('"123".split("").join(" ")'); // '1 2 3'
 * js.toBoolean('typeof process === "undefined"'); // true
 * js.dispose();
 * ```
 * @category Expressions
 */
export async function loadEvaluator(options: EvaluatorOptions | number = {}): Promise<Evaluator> {
  const o: EvaluatorOptions = typeof options === 'number' ? { timeoutMs: options } : options;
  const m = spare();
  await m.started();
  const failure = m.state === 'failed' ? m.failure : undefined;
  return new WorkerEvaluator(o.timeoutMs ?? 100, o.memoryBytes ?? DEFAULT_MEMORY_BYTES, o.seed ?? 0, failure);
}
