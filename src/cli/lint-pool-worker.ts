/**
 * The worker thread of `dialplan lint --jobs` ({@link LintPool}): lints a batch of files per
 * message with `lint()`, exactly as the main thread would. It loads only the linter: the
 * settings come checked by the parent (each config file and `--rule` once), so no thread
 * loads ajv to check them again.
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { lint } from '../validate/lint/lint.js';
import type { LintBatch, LintBatchReply } from './lint-pool.js';

parentPort?.on('message', (batch: LintBatch) => {
  const results: LintBatchReply['results'] = batch.files.map(({ text, settings }) => {
    try {
      return { diagnostics: [...lint(text, { rules: batch.settings[settings]! }, { configChecked: true }).diagnostics] };
    } catch (e) {
      return { error: (e as Error).message };
    }
  });
  parentPort!.postMessage({ id: batch.id, results } satisfies LintBatchReply);
});
