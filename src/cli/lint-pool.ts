/**
 * `dialplan lint --jobs N`: reads and lints many XML files on N threads, the main thread and
 * N - 1 workers (`lint-pool-worker.ts`), all taking files from one queue in report order.
 * Each file is read and linted by `lintFile()` whichever thread takes it, and its outcome is
 * stored at its place in the list, so the report is the same, byte for byte, for every N.
 *
 * What keeps the threads busy rather than waiting on each other:
 * - the thread that lints a file reads it too (synchronously), so the main thread only hands
 *   out file names, not texts, and reading is spread over the threads like linting;
 * - files go out in batches (numbered ranges of the queue), each worker holding two at a
 *   time, so one finishes while the next waits there; batches shrink as the queue empties,
 *   so no thread is left with a long batch when the others are done;
 * - each distinct set of rule settings goes to a worker once and is named by a number after;
 * - the main thread lints small batches and looks at the workers' answers between them.
 *
 * A worker costs about 0.15 s of CPU to start, and then about 1 s more than the main thread
 * would spend on the same files, of its own and of V8's helper threads, while V8 compiles and
 * optimises the linter's code again for its isolate (measured on 1,000 plans of 4 KB, where
 * one file costs about 2.2 ms in a warm thread): {@link FILES_PER_THREAD} files per thread pay
 * that back, so fewer files use fewer threads (under 2 × FILES_PER_THREAD, none but the main one).
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { moduleWorker } from '../util/module-worker.js';
import type { RuleSettings } from '../validate/lint/types.js';
import { lintFile, type LintOutcome } from './lint-file.js';

/** One XML file to lint: its name as the user gave it (relative to the run's folder) and its settings. */
export interface LintTask {
  readonly file: string;
  /** Checked already, as `dialplan lint` checks every config file and `--rule` once. */
  readonly settings: RuleSettings;
}

/** What a worker is started with. */
export interface LintWorkerData {
  /** The folder relative file names are read from. */
  readonly cwd: string;
}

/**
 * One message to a worker: a batch of files, each naming its settings by number, with the
 * settings this worker has not been sent yet; `null` asks it to end once idle.
 */
export type LintBatch = {
  readonly id: number;
  readonly settings: readonly (readonly [number, RuleSettings])[];
  readonly files: readonly (readonly [file: string, settings: number])[];
} | null;

/** A worker's answer: one result per file of the batch, in its order (an `error` is linted again in the main thread). */
export interface LintBatchReply {
  readonly id: number;
  readonly results: readonly (LintOutcome | { readonly error: string })[];
}

/** The default of `--jobs`: the number of cores this process may use. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** Files per thread that pay for starting it (see the module's comment). */
export const FILES_PER_THREAD = 500;

/** The threads `jobs` allow for `files` files: at most one per `perThread` files, at least the main one. */
export function threadsFor(jobs: number, files: number, perThread: number = FILES_PER_THREAD): number {
  return Math.max(1, Math.min(jobs, Math.floor(files / Math.max(1, perThread))));
}

/** How {@link lintFiles} runs. */
export interface LintFilesOptions {
  /** Threads at most, the main one included (`--jobs`). */
  readonly jobs: number;
  /** The folder the tasks' file names are relative to. */
  readonly cwd: string;
  /** Files per thread that pay for starting it; {@link FILES_PER_THREAD} unless a test says otherwise. */
  readonly filesPerThread?: number;
  /**
   * Whether the main thread lints too (default true); false leaves every file to the workers
   * while there are any, which a test uses to see that they do the work.
   */
  readonly mainThread?: boolean;
}

/** What {@link lintFiles} gives: an outcome per task, in the tasks' order. */
export interface LintRun {
  readonly outcomes: readonly LintOutcome[];
  /** Threads that were to lint, the main one included. */
  readonly threads: number;
  /** How many files the workers linted (the rest, the main thread). */
  readonly inWorkers: number;
}

/**
 * Reads and lints `tasks` on up to `jobs` threads, the main one included: each outcome is what
 * `lintFile()` gives in the main thread. Throws what linting a file throws there.
 */
export async function lintFiles(tasks: readonly LintTask[], options: LintFilesOptions): Promise<LintRun> {
  const threads = threadsFor(options.jobs, tasks.length, options.filesPerThread);
  const pool = new Pool(tasks, options.cwd, threads - 1, options.mainThread ?? true);
  try {
    await pool.run();
  } finally {
    await pool.close();
  }
  return { outcomes: pool.outcomes, threads, inWorkers: pool.inWorkers };
}

// a worker's batch: at most this many files, and a quarter of each thread's share of what is left
const WORKER_BATCH = 64;
const BATCHES_PER_WORKER = 2;
// the main thread's batch is short: between two, it hands the workers their next ones
const MAIN_BATCH = 8;
// a worker told to end writes its code cache first (module-worker.ts); past this, it is stopped
const END_WAIT_MS = 2000;

interface Thread {
  readonly worker: Worker;
  readonly inFlight: Map<number, readonly number[]>;
  /** The settings numbers this worker has been sent. */
  readonly known: Set<number>;
  lost: boolean;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One run of {@link lintFiles}. */
class Pool {
  readonly outcomes: LintOutcome[];
  inWorkers = 0;
  readonly #tasks: readonly LintTask[];
  readonly #cwd: string;
  readonly #threads: Thread[] = [];
  /** The next task not yet handed out. */
  #next = 0;
  /** Tasks handed back by a lost worker: handed out again first. */
  readonly #again: number[] = [];
  /** Tasks a worker failed on: linted in the main thread, where a failure throws as with one job. */
  readonly #here: number[] = [];
  #done = 0;
  #batches = 0;
  #wake: (() => void) | undefined;
  readonly #settingsIds = new Map<RuleSettings, number>();
  readonly #settingsByJson = new Map<string, number>();
  readonly #settings: RuleSettings[] = [];
  readonly #mainThread: boolean;

  constructor(tasks: readonly LintTask[], cwd: string, workers: number, mainThread: boolean) {
    this.#tasks = tasks;
    this.#cwd = cwd;
    this.#mainThread = mainThread;
    this.outcomes = new Array<LintOutcome>(tasks.length);
    const workerData: LintWorkerData = { cwd };
    for (let i = 0; i < workers; i++) {
      let worker: Worker;
      try {
        worker = moduleWorker('lint-pool-worker', import.meta.url, { workerData });
      } catch {
        break; // no worker threads here: the main thread lints every file
      }
      const thread: Thread = { worker, inFlight: new Map(), known: new Set(), lost: false };
      worker.on('message', (reply: LintBatchReply) => this.#answered(thread, reply));
      const lose = () => this.#lose(thread);
      worker.on('error', lose);
      worker.on('exit', lose);
      this.#threads.push(thread);
    }
  }

  /** Lints in the main thread, and hands batches to the workers, until every task has its outcome. */
  async run(): Promise<void> {
    while (this.#done < this.#tasks.length) {
      this.#pump();
      const alone = !this.#threads.some((t) => !t.lost);
      const mine = this.#here.length > 0 ? this.#here.splice(0) : this.#mainThread || alone ? this.#take(Math.min(MAIN_BATCH, this.#share())) : [];
      if (mine.length === 0) {
        // everything is in the workers: wait for an answer (or a lost worker's files)
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        continue;
      }
      for (const i of mine) this.#lintHere(i);
      await nextTurn();
    }
  }

  /** Ends the workers: each is asked to end (and write its code cache), then stopped if it has not. */
  async close(): Promise<void> {
    const threads = this.#threads.splice(0);
    const ending = this.#done === this.#tasks.length;
    await Promise.all(
      threads.map(async (t) => {
        if (t.lost) return;
        t.lost = true;
        if (!ending) return void (await t.worker.terminate());
        const exited = new Promise<void>((resolve) => t.worker.once('exit', () => resolve()));
        t.worker.postMessage(null satisfies LintBatch);
        const timer = setTimeout(() => void t.worker.terminate(), END_WAIT_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  #lintHere(i: number): void {
    const task = this.#tasks[i]!;
    this.outcomes[i] = lintFile(task.file, this.#cwd, task.settings);
    this.#done++;
  }

  /** How many tasks are left to hand out. */
  #left(): number {
    return this.#again.length + this.#tasks.length - this.#next;
  }

  /** A quarter of each thread's share of what is left, at least 1. */
  #share(): number {
    const threads = 1 + this.#threads.filter((t) => !t.lost).length;
    return Math.max(1, Math.ceil(this.#left() / (threads * 4)));
  }

  /** Up to `max` tasks to hand out, those of a lost worker first. */
  #take(max: number): number[] {
    const out = this.#again.splice(0, max);
    while (out.length < max && this.#next < this.#tasks.length) out.push(this.#next++);
    return out;
  }

  #pump(): void {
    for (const t of this.#threads) {
      while (!t.lost && t.inFlight.size < BATCHES_PER_WORKER && this.#left() > 0) this.#send(t, this.#take(Math.min(WORKER_BATCH, this.#share())));
    }
  }

  /** The number of `settings`: one per distinct set (the CLI shares one object per config file where it can). */
  #settingsId(settings: RuleSettings): number {
    let id = this.#settingsIds.get(settings);
    if (id === undefined) {
      const json = JSON.stringify(settings);
      id = this.#settingsByJson.get(json);
      if (id === undefined) {
        id = this.#settings.push(settings) - 1;
        this.#settingsByJson.set(json, id);
      }
      this.#settingsIds.set(settings, id);
    }
    return id;
  }

  #send(t: Thread, batch: readonly number[]): void {
    const settings: [number, RuleSettings][] = [];
    const files = batch.map((i): readonly [string, number] => {
      const task = this.#tasks[i]!;
      const id = this.#settingsId(task.settings);
      if (!t.known.has(id)) {
        t.known.add(id);
        settings.push([id, task.settings]);
      }
      return [task.file, id];
    });
    const id = ++this.#batches;
    t.inFlight.set(id, batch);
    t.worker.postMessage({ id, settings, files } satisfies LintBatch);
  }

  #answered(t: Thread, reply: LintBatchReply): void {
    const batch = t.inFlight.get(reply.id);
    t.inFlight.delete(reply.id);
    if (!batch) return;
    batch.forEach((i, k) => {
      const r = reply.results[k];
      if (r && !('error' in r)) {
        this.outcomes[i] = r;
        this.#done++;
        this.inWorkers++;
      } else {
        this.#here.push(i); // it failed there: here it fails (or not) as it would with one job
      }
    });
    this.#pump();
    this.#signal();
  }

  /** A worker failed or exited (out of memory, killed): its files are handed out again, so a report never misses one. */
  #lose(t: Thread): void {
    if (t.lost) return;
    t.lost = true;
    for (const batch of t.inFlight.values()) this.#again.push(...batch);
    t.inFlight.clear();
    this.#signal();
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
