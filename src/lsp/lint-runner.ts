/**
 * Runs `lint()` for the server on a worker thread ({@link LintRunner}), falling back to the
 * server's own thread where a worker cannot be started.
 *
 * @module
 */
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../validate/diagnostic.js';
import { lint } from '../validate/lint/lint.js';
import type { RuleSettings } from '../validate/lint/types.js';

/** What the server asks the worker. */
export interface LintRequest {
  readonly id: number;
  readonly text: string;
  readonly settings: RuleSettings;
}

/** What the worker answers. */
export type LintReply = { readonly id: number; readonly diagnostics: Diagnostic[] } | { readonly id: number; readonly error: string };

/** The worker's module beside this one: `.ts` when the server runs from source (tsx), `.js` when built. */
const WORKER_URL = new URL(`./lint-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** One worker thread, started on the first check and reused; requests are answered in order. */
export class LintRunner {
  private worker: Worker | undefined;
  private failed = false;
  private next = 0;
  private readonly pending = new Map<number, { resolve: (d: Diagnostic[]) => void; reject: (e: Error) => void }>();

  private start(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    try {
      const worker = WORKER_URL.pathname.endsWith('.ts')
        ? // from source (tests, tsx): a worker does not inherit tsx's loader on Node 20, so load the module through tsx's API
          new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((t) => t.tsImport(${JSON.stringify(WORKER_URL.href)}, ${JSON.stringify(WORKER_URL.href)}))`, { eval: true })
        : new Worker(WORKER_URL);
      worker.unref();
      worker.on('message', (reply: LintReply) => {
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (!waiting) return;
        if ('error' in reply) waiting.reject(new Error(reply.error));
        else waiting.resolve(reply.diagnostics);
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

  /** The findings of `text` under `settings`, as `lint()` gives them. */
  lint(text: string, settings: RuleSettings): Promise<Diagnostic[]> {
    const worker = this.start();
    if (!worker) return Promise.resolve([...lint(text, { rules: settings }).diagnostics]);
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, text, settings } satisfies LintRequest);
    });
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.failed = true;
    if (w) await w.terminate();
  }
}
