/**
 * Reading and linting one XML file for `dialplan lint`, the same in whichever thread does it
 * (the main thread or a worker of `dialplan lint --jobs`, lint-pool.ts), so that every job count reports alike.
 *
 * @module
 */
import type { Diagnostic } from '../validate/diagnostic.js';
import { lint } from '../validate/lint/lint.js';
import type { RuleSettings } from '../validate/lint/types.js';
import { IoError } from './io.js';
import { readTextSync } from './load-flow.js';

/** What one file gave: its findings, or why it could not be read (the message the CLI prints). */
export type LintOutcome = { readonly diagnostics: readonly Diagnostic[] } | { readonly unreadable: string };

/**
 * Reads `file` (as the user named it, relative to `cwd`) and lints it under `settings`,
 * checked already (as `dialplan lint` checks every config file and `--rule` once). A file
 * that cannot be read is an outcome; anything else that fails throws.
 */
export function lintFile(file: string, cwd: string, settings: RuleSettings): LintOutcome {
  let text: string;
  try {
    text = readTextSync(file, cwd);
  } catch (e) {
    if (e instanceof IoError) return { unreadable: e.message };
    throw e;
  }
  return { diagnostics: lint(text, { rules: settings }, { configChecked: true }).diagnostics };
}
