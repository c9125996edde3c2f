/**
 * Runs the sandbox's IVR simulations in a worker thread, so a plan that computes for long
 * can never hold up request handling. Each call's simulation has the sandbox's budget
 * ({@link SANDBOX_BUDGET}); a job the worker does not answer within its own deadline (a
 * native operation the budget cannot interrupt) ends the worker, reports nothing for its
 * calls, and the next job gets a fresh worker.
 *
 * @module
 */
import type { Worker } from 'node:worker_threads';
import { moduleWorker } from '../../util/module-worker.js';
import { SANDBOX_BUDGET, type IvrCall, type SimulationBudget } from './ivr-calls.js';
import type { SimulationAnswer, SimulationJob } from './simulation-worker.js';

type Stashes = Map<number, [string, string][]>;

const MAX_JOB_MS = 120_000;

const startWorker = (): Worker => moduleWorker('simulation-worker', import.meta.url);

/** Runs simulations off the request thread, one job at a time. */
export class SimulationPool {
  readonly #budget: SimulationBudget;
  #worker: Worker | undefined;
  #next = 1;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(budget: SimulationBudget = SANDBOX_BUDGET) {
    this.#budget = budget;
  }

  /** Starts the worker ahead of the first job, so loading the simulator does not delay it. */
  warmUp(): void {
    if (!this.#closed) (this.#worker ??= startWorker()).unref();
  }

  /**
   * The stash values of each call; never rejects. A job that fails or runs out of time reports
   * nothing (an empty map); one cut short by {@link close} resolves to undefined, so its calls
   * stay pending and are played through on the next start.
   */
  run(plan: string, calls: readonly IvrCall[]): Promise<Stashes | undefined> {
    const job = this.#queue.then(() => this.#run(plan, calls));
    this.#queue = job.catch(() => undefined);
    return job;
  }

  #run(plan: string, calls: readonly IvrCall[]): Promise<Stashes | undefined> {
    if (this.#closed) return Promise.resolve(undefined);
    const worker = (this.#worker ??= startWorker());
    worker.unref();
    const id = this.#next++;
    // Every distinct call may use its whole budget, plus the time to start the thread; within
    // two minutes in all, so one broadcast cannot hold the queue for ever.
    const deadlineMs = Math.min(10_000 + calls.length * (this.#budget.timeLimitMs ?? 10_000), MAX_JOB_MS);
    return new Promise<Stashes | undefined>((resolve) => {
      const done = (stashes: Stashes | undefined) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onFailure);
        worker.off('exit', onFailure);
        resolve(stashes);
      };
      const onMessage = (answer: SimulationAnswer) => {
        if (answer.id === id) done(new Map(answer.stashes));
      };
      const onFailure = () => {
        this.#worker = undefined;
        done(this.#closed ? undefined : new Map());
      };
      const timer = setTimeout(() => {
        this.#worker = undefined;
        void worker.terminate();
        done(new Map());
      }, deadlineMs);
      worker.on('message', onMessage);
      worker.once('error', onFailure);
      worker.once('exit', onFailure);
      worker.postMessage({ id, plan, calls, budget: this.#budget } satisfies SimulationJob);
    });
  }

  /** Ends the worker now; the jobs it had not finished resolve to undefined. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#worker?.terminate();
    this.#worker = undefined;
    await this.#queue;
  }
}
