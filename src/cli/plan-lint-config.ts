/**
 * The lint settings of the one dialplan `send` and `deploy` gate: from the `.dialplanrc.json`
 * nearest to it. A broken config stops the command (exit 2) with its problems as findings at
 * their lines, in the command's format.
 *
 * @module
 */
import { resolve } from 'node:path';
import { findConfigFile, settingsFor } from '../validate/lint/config.js';
import type { LintConfig } from '../validate/lint/types.js';
import { loadConfigOrStop } from './config-cache.js';
import type { ReportFormat } from './io.js';

/**
 * The settings for `file` (the dialplan, or the broadcast file of an inline plan), resolved
 * against `cwd`; `undefined` when no config file is found.
 *
 * @throws ConfigFileError (io.ts) when the config file cannot be read or is invalid, its report
 *   to be printed in `format`.
 */
export async function lintConfigFor(file: string, cwd: string, format: ReportFormat): Promise<LintConfig | undefined> {
  const path = findConfigFile(resolve(cwd, file));
  if (path === undefined) return undefined;
  const loaded = await loadConfigOrStop(path, cwd, format);
  return { rules: settingsFor(loaded.config, resolve(cwd, file), loaded.dir) };
}
