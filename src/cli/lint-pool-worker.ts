/**
 * The worker thread of `dialplan lint --jobs` (`lint-pool.ts`): reads and lints a batch of
 * files per message with `lintFile()`, exactly as the main thread does. It loads only the
 * linter: the settings come checked by the parent (each config file and `--rule` once), so no
 * thread loads ajv to check them again, and each set of settings comes once, named by number.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RuleSettings } from '../validate/lint/types.js';
import { lintFile } from './lint-file.js';
import type { LintBatch, LintBatchReply, LintWorkerData } from './lint-pool.js';

const { cwd } = workerData as LintWorkerData;
const settings = new Map<number, RuleSettings>();

parentPort?.on('message', (batch: LintBatch) => {
  if (batch === null) {
    // the parent is done: end of itself, so that the code cache is written (module-worker.ts)
    parentPort!.close();
    return;
  }
  for (const [id, s] of batch.settings) settings.set(id, s);
  const results: LintBatchReply['results'] = batch.files.map(([file, id]) => {
    try {
      return lintFile(file, cwd, settings.get(id)!);
    } catch (e) {
      return { error: (e as Error).message };
    }
  });
  parentPort!.postMessage({ id: batch.id, results } satisfies LintBatchReply);
});
