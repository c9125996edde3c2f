/**
 * The sandbox's simulation thread: plays IVR calls through their dialplan (see
 * `ivr-calls.ts`) away from the thread that answers requests, one job at a time.
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { stashesOf, type IvrCall, type SimulationBudget } from './ivr-calls.js';

/** A job the sandbox sends. */
export interface SimulationJob {
  readonly id: number;
  readonly plan: string;
  readonly calls: readonly IvrCall[];
  readonly budget: SimulationBudget;
}

/** What the thread answers: the stash values by call id. */
export interface SimulationAnswer {
  readonly id: number;
  readonly stashes: [number, [string, string][]][];
}

parentPort?.on('message', (job: SimulationJob) => {
  void stashesOf(job.plan, job.calls, job.budget).then((stashes) => {
    parentPort!.postMessage({ id: job.id, stashes: [...stashes] } satisfies SimulationAnswer);
  });
});
