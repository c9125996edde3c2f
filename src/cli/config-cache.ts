/**
 * `.dialplanrc.json` for commands that handle many files (`lint`, `fmt`): each folder is
 * looked up once per run and each config file loaded once, its outcome included, so a broken
 * config is reported once rather than once per file below it: on stderr, or (for `lint`) as a
 * report of its own, its problems at their lines, beside the dialplans' reports.
 *
 * @module
 */
import { isAbsolute, relative } from 'node:path';
import { ConfigError, findConfigFile, loadConfigFile, type LoadedConfig } from '../validate/lint/config.js';
import type { FileReport } from '../validate/report/file-report.js';
import type { Io } from './io.js';

/** The configurations of one command run. */
export class ConfigCache {
  readonly #loads = new Map<string, Promise<LoadedConfig | null>>();
  readonly #dirs = new Map<string, string | undefined>();
  readonly #broken: FileReport[] = [];

  /**
   * `command` names the command in the error message a broken config gets on stderr; with
   * `collect`, nothing is printed and {@link reports} holds the broken configs instead.
   */
  constructor(
    private readonly command: string,
    private readonly io: Io,
    private readonly collect = false,
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
        if (this.collect) this.#broken.push(configReport(path, e, this.io.cwd));
        else this.io.stderr(`dialplan ${this.command}: ${e.message}\n`);
        return null;
      });
      this.#loads.set(path, pending);
    }
    return pending;
  }

  /** A report for each broken config file loaded so far (with `collect`), in load order. */
  reports(): readonly FileReport[] {
    return this.#broken;
  }
}

/** A broken config file as a report: named like the files given on the command line (relative to `cwd` when below it). */
export function configReport(path: string, e: ConfigError, cwd: string): FileReport {
  const rel = relative(cwd, path);
  const diagnostics = e.diagnostics.length > 0 ? e.diagnostics : [{ rule: 'config', severity: 'error' as const, message: e.message, path: '' }];
  return { file: rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel, diagnostics };
}
