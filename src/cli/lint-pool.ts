/**
 * `dialplan lint --jobs N`: lints many XML files on N worker threads. Each worker is the
 * language server's lint worker (src/lsp/lint-worker.ts, through {@link LintRunner}), so a
 * file gets exactly the findings `lint()` gives in process; results are handed back per file
 * and the caller keeps its own report order, which is therefore the same as with one job.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { LintRunner } from '../lsp/lint-runner.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import { lint } from '../validate/lint/lint.js';
import type { RuleSettings } from '../validate/lint/types.js';

/** The default of `--jobs`: the number of cores this process may use. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** N lint workers, each given the next file when it has the fewest files waiting. */
export class LintPool {
  readonly #runners: LintRunner[];
  readonly #waiting: number[];

  constructor(size: number) {
    this.#runners = Array.from({ length: Math.max(1, size) }, () => new LintRunner());
    this.#waiting = this.#runners.map(() => 0);
  }

  /** The findings of `text` under `settings`, as `lint(text, { rules: settings })` gives them. */
  async lint(text: string, settings: RuleSettings): Promise<Diagnostic[]> {
    const i = this.#waiting.indexOf(Math.min(...this.#waiting));
    this.#waiting[i]!++;
    try {
      return await this.#runners[i]!.lint(text, settings);
    } catch {
      // the worker was lost (out of memory, killed): the file is linted here instead, so a
      // report never misses a file
      return [...lint(text, { rules: settings }).diagnostics];
    } finally {
      this.#waiting[i]!--;
    }
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.#runners.map((r) => r.close()));
  }
}
