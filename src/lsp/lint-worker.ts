/**
 * The worker thread that checks plans for the language server (and lints files for
 * `dialplan lint --jobs`), so that a long check (a plan of several megabytes) never holds up
 * completion, hover or the next keystroke's messages.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lint } from '../validate/lint/lint.js';
import { checkForEditor } from './check-plan.js';
import { isCancelled, type CheckRequest, type LintReply, type LintRequest, type WorkerData } from './lint-runner.js';

const { cancelled } = workerData as WorkerData;
const post = (reply: LintReply) => parentPort!.postMessage(reply);

function check(request: CheckRequest): void {
  const { id } = request;
  const done = checkForEditor(request, { early: (early) => post({ id, early }), cancelled: () => isCancelled(cancelled, id) });
  post(done ? { id, checked: done.diagnostics, timings: done.timings } : { id, cancelled: true });
}

parentPort?.on('message', (request: LintRequest | CheckRequest) => {
  try {
    if (request.kind === 'check') check(request);
    else post({ id: request.id, diagnostics: [...lint(request.text, { rules: request.settings }).diagnostics] });
  } catch (e) {
    post({ id: request.id, error: (e as Error).message });
  }
});
