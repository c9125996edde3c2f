/**
 * `dialplan lint --jobs N`: lints many XML files on N worker threads
 * (`lint-pool-worker.ts`). Each file gets exactly the findings `lint()` gives in process;
 * results are handed back per file and the caller keeps its own report order, which is
 * therefore the same as with one job.
 *
 * Files go to the workers in batches, so 5,000 small plans cost a few hundred messages
 * rather than 5,000 round trips. A worker holds at most two batches: while it lints one,
 * the next waits there, and files read meanwhile gather into bigger batches in the queue,
 * which is also what spreads them over the workers by how fast each one goes.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { moduleWorker } from '../util/module-worker.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import { lint } from '../validate/lint/lint.js';
import type { RuleSettings } from '../validate/lint/types.js';

/** One message to a worker: files, each naming its settings by index (most files share one). */
export interface LintBatch {
  readonly id: number;
  readonly settings: readonly RuleSettings[];
  readonly files: readonly { readonly text: string; readonly settings: number }[];
}

/** A worker's answer: one result per file of the batch, in its order. */
export interface LintBatchReply {
  readonly id: number;
  readonly results: readonly ({ readonly diagnostics: Diagnostic[] } | { readonly error: string })[];
}

/** The default of `--jobs`: the number of cores this process may use. */
export function defaultJobs(): number {
  return availableParallelism();
}

// a batch closes at whichever comes first; a few hundred KB keeps messages cheap to copy
const BATCH_FILES = 64;
const BATCH_CHARS = 512 * 1024;
const BATCHES_PER_WORKER = 2;

interface Job {
  readonly text: string;
  readonly settings: RuleSettings;
  readonly resolve: (d: readonly Diagnostic[]) => void;
  readonly reject: (e: unknown) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly inFlight: Map<number, readonly Job[]>;
  lost: boolean;
}

/** Lints one file in this thread: a lost worker's files, and every file where no worker started. */
function lintHere(job: Job): void {
  try {
    job.resolve(lint(job.text, { rules: job.settings }, { configChecked: true }).diagnostics);
  } catch (e) {
    job.reject(e);
  }
}

/** N lint workers fed from one queue of files. */
export class LintPool {
  readonly #threads: Thread[] = [];
  readonly #queue: Job[] = [];
  #next = 0;
  #inWorkers = 0;

  /** `size` workers, started now, so they load the linter while the caller reads files. */
  constructor(size: number) {
    for (let i = 0; i < Math.max(1, size); i++) {
      let worker: Worker;
      try {
        worker = moduleWorker('lint-pool-worker', import.meta.url);
      } catch {
        break; // no worker threads here: the files are linted in this thread
      }
      const thread: Thread = { worker, inFlight: new Map(), lost: false };
      worker.on('message', (reply: LintBatchReply) => this.#answered(thread, reply));
      const lose = () => this.#lose(thread);
      worker.on('error', lose);
      worker.on('exit', lose);
      this.#threads.push(thread);
    }
  }

  /** How many files the workers linted (the rest, if any, were linted in this thread). */
  get lintedInWorkers(): number {
    return this.#inWorkers;
  }

  /**
   * The findings of `text` under `settings` (checked already, as `dialplan lint` checks every
   * config file and `--rule`), as `lint(text, { rules: settings })` gives them.
   */
  lint(text: string, settings: RuleSettings): Promise<readonly Diagnostic[]> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ text, settings, resolve, reject });
      this.#pump();
    });
  }

  /** Stops every worker; files still waiting are linted in this thread first. */
  async close(): Promise<void> {
    const threads = this.#threads.splice(0);
    for (const t of threads) t.lost = true;
    await Promise.all(threads.map((t) => t.worker.terminate()));
    for (const t of threads) for (const jobs of t.inFlight.values()) jobs.forEach(lintHere);
    this.#queue.splice(0).forEach(lintHere);
  }

  #pump(): void {
    const live = this.#threads.filter((t) => !t.lost);
    if (live.length === 0) {
      this.#queue.splice(0).forEach(lintHere);
      return;
    }
    for (const t of live) {
      while (this.#queue.length > 0 && t.inFlight.size < BATCHES_PER_WORKER) this.#send(t);
    }
  }

  #send(t: Thread): void {
    const jobs: Job[] = [];
    let chars = 0;
    while (this.#queue.length > 0 && jobs.length < BATCH_FILES && (jobs.length === 0 || chars + this.#queue[0]!.text.length <= BATCH_CHARS)) {
      const job = this.#queue.shift()!;
      chars += job.text.length;
      jobs.push(job);
    }
    // the settings are sent once per batch and named by index; the CLI makes a fresh object
    // per file, so equal ones are found by their JSON
    const settings: RuleSettings[] = [];
    const index = new Map<string, number>();
    const files = jobs.map((job) => {
      const key = JSON.stringify(job.settings);
      let i = index.get(key);
      if (i === undefined) {
        i = settings.push(job.settings) - 1;
        index.set(key, i);
      }
      return { text: job.text, settings: i };
    });
    const id = ++this.#next;
    t.inFlight.set(id, jobs);
    t.worker.postMessage({ id, settings, files } satisfies LintBatch);
  }

  #answered(t: Thread, reply: LintBatchReply): void {
    const jobs = t.inFlight.get(reply.id);
    t.inFlight.delete(reply.id);
    if (!jobs) return;
    jobs.forEach((job, i) => {
      const r = reply.results[i];
      if (r && 'diagnostics' in r) {
        this.#inWorkers++;
        job.resolve(r.diagnostics);
      } else {
        lintHere(job); // it failed there: here it fails (or not) as it would with one job
      }
    });
    this.#pump();
  }

  /** A worker failed or exited (out of memory, killed): its files are linted elsewhere, so a report never misses one. */
  #lose(t: Thread): void {
    if (t.lost) return;
    t.lost = true;
    const orphans = [...t.inFlight.values()].flat();
    t.inFlight.clear();
    this.#queue.unshift(...orphans);
    this.#pump();
  }
}
