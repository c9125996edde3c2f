/**
 * `dialplan lint --fix` and `--fix-dry-run` for one file: apply every certain fix (re-linting
 * until none is left), then write the file only when it changed, or print the diff instead.
 *
 * @module
 */
import type { Diagnostic } from '../../validate/diagnostic.js';
import { fixDialplan } from '../../validate/lint/apply-fixes.js';
import { lint } from '../../validate/lint/lint.js';
import type { RuleSettings } from '../../validate/lint/types.js';
import { IoError } from '../io.js';
import type { TextEncoding } from '../load-flow.js';
import { rewriteText } from '../rewrite.js';
import { unifiedDiff } from '../text-diff.js';

/** How the fix run of one file went: what remains to report, and what to tell about the fixes. */
export interface FileFix {
  readonly diagnostics: readonly Diagnostic[];
  /** A line per file that changed: what was fixed (and written, or shown as a diff). */
  readonly summary: string;
  /** The diff, for `--fix-dry-run`. */
  readonly diff: string;
  /** Why the fixed text could not be written (the file is left as it was). */
  readonly error?: string;
}

/** One fixed finding, briefly: `unknown-goto-target (line 4): Jump to "main"`. */
function describe(d: Diagnostic): string {
  return `${d.rule}${d.line !== undefined ? ` (line ${d.line})` : ''}: ${d.fix?.description ?? d.message}`;
}

/**
 * Fixes `text` (the content of `file`, at `abs`, stored as `encoding`) under `rules`. With
 * `dryRun` nothing is written and the diff is returned instead.
 */
export async function fixFile(file: string, abs: string, text: string, encoding: TextEncoding, rules: RuleSettings, dryRun: boolean): Promise<FileFix> {
  const outcome = fixDialplan(text, { rules }, { filename: abs });
  const remaining = outcome.result.diagnostics;
  if (!outcome.changed) return { diagnostics: remaining, summary: '', diff: '' };
  const list = outcome.fixed.map((d) => `  fixed ${describe(d)}`).join('\n');
  const n = `${outcome.fixed.length} finding${outcome.fixed.length === 1 ? '' : 's'}`;
  if (dryRun) {
    return { diagnostics: remaining, summary: `${file}: would fix ${n}\n${list}\n`, diff: unifiedDiff(file, text, outcome.text) };
  }
  try {
    await rewriteText(file, abs, outcome.text, encoding);
  } catch (e) {
    if (!(e instanceof IoError)) throw e;
    // nothing changed on disk, so the findings of the text as it is stand
    return { diagnostics: lint(text, { rules }, { filename: abs }).diagnostics, summary: '', diff: '', error: `${file}: not fixed: ${e.message}` };
  }
  return { diagnostics: remaining, summary: `${file}: fixed ${n}\n${list}\n`, diff: '' };
}
