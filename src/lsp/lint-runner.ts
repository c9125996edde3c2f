/**
 * Checks plans for the server on a worker thread ({@link LintRunner}), falling back to the
 * server's own thread where a worker cannot be started.
 *
 * @module
 */
import type { Worker } from 'node:worker_threads';
import { moduleWorker } from '../util/module-worker.js';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { checkForEditor, type CheckTimings, type EditorCheck, type EditorCheckResult } from './check-plan.js';

/** One version of an open document to check, with its findings as LSP diagnostics. */
export interface CheckRequest extends EditorCheck {
  readonly kind: 'check';
  readonly id: number;
}

/** What the worker is sent: a check, or null when it is to end (see {@link LintRunner.close}). */
export type WorkerMessage = CheckRequest | null;

/** What the worker answers: several messages per check (`early`, then `checked` or `cancelled`). */
export type LintReply =
  | { readonly id: number; readonly early: LspDiagnostic[] }
  | { readonly id: number; readonly checked: LspDiagnostic[]; readonly timings: CheckTimings }
  | { readonly id: number; readonly cancelled: true }
  | { readonly id: number; readonly error: string };

/** What the worker is started with. */
export interface WorkerData {
  /** Cancelled check ids, each at its id modulo the length (see {@link isCancelled}). */
  readonly cancelled: Int32Array;
}

/**
 * Whether check `id` is cancelled. The flags are shared memory, so the worker sees a
 * cancellation in the middle of a check, between its phases, without reading its messages.
 * A slot is only ever reused by an id CANCEL_SLOTS later, long after that check ended.
 */
export function isCancelled(flags: Int32Array, id: number): boolean {
  return Atomics.load(flags, id % flags.length) === id;
}

const CANCEL_SLOTS = 256;
// how long a worker asked to end may take (a check under way, its code cache) before it is stopped
const END_WAIT_MS = 2000;

/** The outcome of a check: its diagnostics and timings, or undefined when it was cancelled. */
export type CheckOutcome = EditorCheckResult | undefined;

/** A check under way: its id (for {@link LintRunner.cancel}) and its outcome. */
export interface RunningCheck {
  readonly id: number;
  readonly outcome: Promise<CheckOutcome>;
}

interface Waiting {
  readonly resolve: (reply: LintReply) => void;
  readonly reject: (e: Error) => void;
  readonly early?: (d: LspDiagnostic[]) => void;
}

/** One worker thread, started on the first check and reused; requests are answered in order. */
export class LintRunner {
  private worker: Worker | undefined;
  private failed = false;
  private next = 0;
  private readonly cancelled = new Int32Array(new SharedArrayBuffer(CANCEL_SLOTS * 4));
  private readonly pending = new Map<number, Waiting>();

  private start(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    try {
      const workerData: WorkerData = { cancelled: this.cancelled };
      // beside this module: lint-worker.ts from source, its own bundle beside the CLI's, or dist/lsp/lint-worker.js
      const worker = moduleWorker('lint-worker', import.meta.url, { workerData });
      worker.unref();
      worker.on('message', (reply: LintReply) => {
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        if ('early' in reply) return waiting.early?.(reply.early);
        this.pending.delete(reply.id);
        if ('error' in reply) waiting.reject(new Error(reply.error));
        else waiting.resolve(reply);
      });
      const lost = (why: string) => {
        // the worker is gone: fail what it held, and start a new one for the next check
        this.worker = undefined;
        for (const w of this.pending.values()) w.reject(new Error(why));
        this.pending.clear();
      };
      worker.on('error', (e: Error) => lost(`the lint worker failed: ${e.message}`));
      worker.on('exit', (code) => lost(`the lint worker exited (${code})`));
      this.worker = worker;
    } catch {
      this.failed = true;
    }
    return this.worker;
  }

  private ask(worker: Worker, request: CheckRequest, early?: (d: LspDiagnostic[]) => void): Promise<LintReply> {
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject, ...(early ? { early } : {}) });
      worker.postMessage(request);
    });
  }

  /**
   * Checks one version of a document: its findings as LSP diagnostics, exactly those of
   * `lint(text, { rules: settings })`. `early` receives the syntax and schema findings first
   * when the rules are still to run.
   */
  check(request: EditorCheck, early?: (d: LspDiagnostic[]) => void): RunningCheck {
    const id = ++this.next;
    const worker = this.start();
    if (!worker) return { id, outcome: Promise.resolve(checkForEditor(request)) };
    const outcome = this.ask(worker, { kind: 'check', id, ...request }, early).then((reply): CheckOutcome => ('checked' in reply ? { diagnostics: reply.checked, timings: reply.timings } : undefined));
    return { id, outcome };
  }

  /** Stops check `id` at its next phase (its outcome is then undefined); a check already done is not affected. */
  cancel(id: number): void {
    Atomics.store(this.cancelled, id % CANCEL_SLOTS, id);
  }

  /**
   * Stops the worker: asks it to end of itself, which is when it writes its code cache
   * (util/module-worker.ts), after the checks it holds; stops it if it has not ended within
   * {@link END_WAIT_MS}.
   */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.failed = true;
    if (!w) return;
    const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    w.postMessage(null satisfies WorkerMessage);
    const timer = setTimeout(() => void w.terminate(), END_WAIT_MS);
    await exited;
    clearTimeout(timer);
  }
}
