/**
 * `.dialplanrc.json` for commands that handle many files (`lint`, `fmt`): each folder is
 * looked up once per run and each config file loaded once, its outcome included, so a broken
 * config is reported once rather than once per file below it.
 *
 * @module
 */
import { ConfigError, findConfigFile, loadConfigFile, type LoadedConfig } from '../validate/lint/config.js';
import type { Io } from './io.js';

/** The configurations of one command run. */
export class ConfigCache {
  readonly #loads = new Map<string, Promise<LoadedConfig | null>>();
  readonly #dirs = new Map<string, string | undefined>();

  /** `command` names the command in the error message a broken config gets on stderr. */
  constructor(
    private readonly command: string,
    private readonly io: Io,
  ) {}

  /** The nearest config file of the file at `abs`, if any. */
  find(abs: string): string | undefined {
    return findConfigFile(abs, this.#dirs);
  }

  /** The loaded config file at `path`, or null when it is broken (and already reported). */
  load(path: string): Promise<LoadedConfig | null> {
    let pending = this.#loads.get(path);
    if (!pending) {
      pending = loadConfigFile(path).catch((e: unknown) => {
        if (!(e instanceof ConfigError)) throw e;
        this.io.stderr(`dialplan ${this.command}: ${e.message}\n`);
        return null;
      });
      this.#loads.set(path, pending);
    }
    return pending;
  }
}
