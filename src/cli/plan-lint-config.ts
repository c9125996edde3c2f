/**
 * The lint settings of the one dialplan `send` and `deploy` gate: from the `.dialplanrc.json`
 * nearest to it. A broken config stops the command like an unreadable file (exit 2), with
 * the message that names the config file and the key.
 *
 * @module
 */
import { resolve } from 'node:path';
import { ConfigError, findConfigFile, loadConfigFile, settingsFor } from '../validate/lint/config.js';
import type { LintConfig } from '../validate/lint/types.js';
import { IoError } from './io.js';

/**
 * The settings for `file` (the dialplan, or the broadcast file of an inline plan), resolved
 * against `cwd`; `undefined` when no config file is found.
 *
 * @throws {@link IoError} when the config file cannot be read or is invalid.
 */
export async function lintConfigFor(file: string, cwd: string): Promise<LintConfig | undefined> {
  const path = findConfigFile(resolve(cwd, file));
  if (path === undefined) return undefined;
  try {
    const loaded = await loadConfigFile(path);
    return { rules: settingsFor(loaded.config, resolve(cwd, file), loaded.dir) };
  } catch (e) {
    if (e instanceof ConfigError) throw new IoError(e.message);
    throw e;
  }
}
