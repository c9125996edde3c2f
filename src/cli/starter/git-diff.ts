/**
 * The git side of a starter project: `.gitattributes` sends CallFire XML through the
 * `dialplan` diff driver, and the driver's command goes into the repository's own config
 * (git keeps commands out of versioned files, so each clone sets it once).
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeText } from '../load-flow.js';

/** The command git runs for a dialplan's diff (`dialplan diff --git` reads git's 7 arguments). */
export const GIT_DIFF_COMMAND = 'npx dialplan diff --git';

/** The `.gitattributes` line that names the driver for XML plans. */
export const GIT_ATTRIBUTES_LINE = '*.xml diff=dialplan';

/** Adds the driver's line to `.gitattributes` in `root`, keeping what the file already says. */
export async function writeGitAttributes(root: string): Promise<string> {
  const file = join(root, '.gitattributes');
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current?.split(/\r?\n/).some((l) => l.trim() === GIT_ATTRIBUTES_LINE)) return 'kept: it names the dialplan diff driver';
  const text = current === undefined ? `${GIT_ATTRIBUTES_LINE}\n` : `${current}${current.endsWith('\n') || current === '' ? '' : '\n'}${GIT_ATTRIBUTES_LINE}\n`;
  await writeText(file, text);
  return current === undefined ? 'new: git diff compares *.xml as call flows' : 'the dialplan diff driver added';
}

/**
 * Sets `diff.dialplan.command` in the config of the git repository `root` is in. Resolves to
 * false where there is none (or no git): the caller then tells the user the command to run.
 */
export function configureGitDiff(root: string): Promise<boolean> {
  return new Promise((done) => {
    // a repository's own config only: `git config` without --global fails outside a repository
    execFile('git', ['config', 'diff.dialplan.command', GIT_DIFF_COMMAND], { cwd: root, timeout: 10_000 }, (error) => done(error === null));
  });
}
