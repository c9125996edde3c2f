/**
 * The worker thread that checks plans for the language server, so that a long check (a plan of several megabytes) never holds up
 * completion, hover or the next keystroke's messages.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkForEditor } from './check-plan.js';
import { isCancelled, type CheckRequest, type LintReply, type WorkerData, type WorkerMessage } from './lint-runner.js';

const { cancelled } = workerData as WorkerData;
const post = (reply: LintReply) => parentPort!.postMessage(reply);

function check(request: CheckRequest): void {
  const { id } = request;
  const done = checkForEditor(request, { early: (early) => post({ id, early }), cancelled: () => isCancelled(cancelled, id) });
  post(done ? { id, checked: done.diagnostics, timings: done.timings } : { id, cancelled: true });
}

parentPort?.on('message', (request: WorkerMessage) => {
  if (request === null) {
    // the server is done: end of itself, so that the code cache is written (util/module-worker.ts)
    parentPort!.close();
    return;
  }
  try {
    check(request);
  } catch (e) {
    post({ id: request.id, error: (e as Error).message });
  }
});
