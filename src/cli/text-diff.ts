/**
 * Unified diffs of a file before and after a change, for `lint --fix-dry-run` and
 * `fmt --check --diff`: what a reviewer would see in `git diff`.
 *
 * @module
 */
import { isAbsolute } from 'node:path';
import { createTwoFilesPatch } from 'diff';

/**
 * The unified diff (3 lines of context) that turns `before` into `after`, with `file` as both
 * names, or an empty string when they are equal.
 */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  // git's a/ and b/ prefixes, for relative names only (a/ before an absolute path reads wrong)
  const [from, to] = isAbsolute(file) ? [file, file] : [`a/${file}`, `b/${file}`];
  const patch = createTwoFilesPatch(from, to, before, after, undefined, undefined, { context: 3 });
  // the first line is an "Index:"-less "====" separator in some versions; keep from "---" on
  return patch.slice(patch.indexOf('--- '));
}
