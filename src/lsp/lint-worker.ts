/**
 * The worker thread that lints for the language server, so that a long check (a plan of
 * several megabytes) never holds up completion, hover or the next keystroke's messages.
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { lint } from '../validate/lint/lint.js';
import type { LintRequest, LintReply } from './lint-runner.js';

parentPort?.on('message', (request: LintRequest) => {
  let reply: LintReply;
  try {
    reply = { id: request.id, diagnostics: [...lint(request.text, { rules: request.settings }).diagnostics] };
  } catch (e) {
    reply = { id: request.id, error: (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
