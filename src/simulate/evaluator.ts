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
 * memory limit, and its own fresh context: one plan cannot change what another computes.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { CONTEXT_SETUP, evaluatorWorker, type WorkerReply, type WorkerRequest } from './evaluator-worker.js';
import type { Binding } from './expression.js';

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

/** Limits and determinism of one evaluator. */
export interface EvaluatorOptions {
  /** Time limit of one expression in milliseconds; 100 by default. */
  readonly timeoutMs?: number;
  /** Memory the evaluator's heap may use, in bytes; 16 MiB by default. */
  readonly memoryBytes?: number;
  /** Seed of `Math.random()`; 0 by default. */
  readonly seed?: number;
}

/** What one evaluation reads besides its source. */
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

/** A synchronous evaluator; make one with {@link loadEvaluator}, {@link Evaluator.dispose} it when done. */
export interface Evaluator {
  /** Evaluates `code` (exactly one expression) and returns the result converted with JavaScript's `String()`. */
  toText(code: string, input?: EvaluationInput): string;
  /** Evaluates `code` (exactly one expression) and returns its JavaScript truthiness. */
  toBoolean(code: string, input?: EvaluationInput): boolean;
  /** Frees the evaluator's runtime. Further calls fail. */
  dispose(): void;
}

/** How much longer than the deadline the main thread waits before it ends the thread. */
const GRACE_MS = 50;

/** The worker thread and the channel to it. */
interface Machine {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly flag: Int32Array;
  /** Set when the thread was terminated; every session on it is gone. */
  dead: boolean;
}

let machine: Promise<Machine> | undefined;
let sessions = 0;

async function startMachine(): Promise<Machine> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  // tsx (esbuild's keepNames) wraps functions in __name(...) calls when this file runs from
  // source; the thread's own global has no __name, so give it one that does nothing.
  const worker = new Worker(`var __name = (f) => f; (${evaluatorWorker.toString()})()`, {
    eval: true,
    workerData: { port: port2, flag, quickjsPath: createRequire(import.meta.url).resolve('quickjs-emscripten'), setup: CONTEXT_SETUP },
    transferList: [port2],
  });
  const m: Machine = { worker, port: port1, flag, dead: false };
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  // the worker says it is ready the way it answers every request: a message and the flag
  // (Atomics.waitAsync is in Node 16+, typed only from lib es2024)
  const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<string> | string } }).waitAsync;
  const ready = waitAsync(flag, 0, 0);
  if (ready.async) await Promise.race([ready.value, failed]);
  receiveMessageOnPort(port1);
  // only now: a pending Atomics.waitAsync alone does not keep Node's event loop alive
  worker.unref();
  port1.unref();
  worker.on('error', () => (m.dead = true));
  worker.on('exit', () => (m.dead = true));
  return m;
}

/** Sends a request and waits for the answer until `deadline`; `undefined` when it did not come in time. */
function ask(m: Machine, request: WorkerRequest, deadline: number): WorkerReply | undefined {
  if (m.dead) return { ok: false, name: 'InternalError', message: 'the evaluator was stopped' };
  Atomics.store(m.flag, 0, 0);
  m.port.postMessage(request);
  const waited = Atomics.wait(m.flag, 0, 0, Math.max(0, deadline - Date.now()) + GRACE_MS);
  const reply = receiveMessageOnPort(m.port)?.message as WorkerReply | undefined;
  if (waited === 'timed-out' && reply === undefined) {
    // Past its deadline and still running: only ending the thread stops it.
    m.dead = true;
    void m.worker.terminate();
    machine = undefined;
    return undefined;
  }
  return reply;
}

class WorkerEvaluator implements Evaluator {
  private opened = false;
  private disposed = false;
  private readonly session = ++sessions;

  constructor(
    private readonly m: Machine,
    private readonly timeoutMs: number,
    private readonly memoryBytes: number,
    private readonly seed: number,
  ) {}

  private run(code: string, mode: 'text' | 'boolean', input: EvaluationInput): string | boolean {
    const shown = input.shown ?? code;
    if (this.disposed) throw new ExpressionError('the evaluator was disposed', 'Error');
    const deadline = Math.min(Date.now() + this.timeoutMs, input.deadline ?? Infinity);
    const limit = input.deadline !== undefined && input.deadline <= Date.now() + this.timeoutMs ? 'the simulation\'s time limit (timeLimitMs)' : `${this.timeoutMs} ms`;
    if (!this.opened) {
      // the runtime and context are made on first use: most plans evaluate nothing
      const opened = ask(this.m, { op: 'open', session: this.session, memoryBytes: this.memoryBytes, seed: this.seed }, Date.now() + 5_000);
      if (!opened?.ok) throw new ExpressionError(`the evaluator could not start${opened && !opened.ok ? `: ${opened.message}` : ''}`, 'InternalError');
      this.opened = true;
    }
    const reply = ask(this.m, { op: 'eval', session: this.session, source: code, bindings: input.bindings ?? [], mode, clock: input.clock ?? 0, deadline }, deadline);
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
    if (this.disposed) return;
    this.disposed = true;
    if (this.opened && !this.m.dead) this.m.port.postMessage({ op: 'close', session: this.session } satisfies WorkerRequest);
  }
}

/**
 * A fresh evaluator: its own QuickJS runtime and context (made on its first expression), a per-expression time limit enforced from outside the thread that runs it, a
 * memory limit, and `Math.random()`/`Date` driven by the seed and the clock it is given. The
 * worker thread behind it starts once per process (about 100 ms) and is shared.
 *
 * @example
 * ```ts
 * const js = await loadEvaluator();
 * js.toText('"123".split("").join(" ")'); // '1 2 3'
 * js.toBoolean('typeof process === "undefined"'); // true
 * js.dispose();
 * ```
 */
export async function loadEvaluator(options: EvaluatorOptions | number = {}): Promise<Evaluator> {
  const o: EvaluatorOptions = typeof options === 'number' ? { timeoutMs: options } : options;
  machine ??= startMachine();
  let m = await machine;
  if (m.dead) {
    machine = startMachine();
    m = await machine;
  }
  return new WorkerEvaluator(m, o.timeoutMs ?? 100, o.memoryBytes ?? 16 * 1024 * 1024, o.seed ?? 0);
}
