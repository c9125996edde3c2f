/**
 * `.dialplanrc.json` for the commands: each folder is looked up once per run and each config
 * file loaded once, its outcome included, so a broken config is reported once rather than once
 * per file below it. A broken config is a report of its own, its problems as findings at their
 * lines: beside the dialplans' reports in `lint`, the same report printed by every command
 * (report-output.ts).
 *
 * @module
 */
import { isAbsolute, relative } from 'node:path';
import { ConfigError, findConfigFile, loadConfigFile, type LoadedConfig } from '../validate/lint/config.js';
import type { FileReport } from '../validate/report/file-report.js';
import { ConfigFileError, type ReportFormat } from './io.js';

/**
 * The configurations of one command run (`lint`, `fmt`: many files, each under its nearest
 * config). The config whose `files` name the plans, the one `--config` names and those found
 * beside the plans all come from here, so a file that is two of these is still read once.
 */
export class ConfigCache {
  /** What reading each file gave, a broken config's ConfigError included. */
  readonly #reads = new Map<string, Promise<LoadedConfig>>();
  readonly #loads = new Map<string, Promise<LoadedConfig | null>>();
  readonly #dirs = new Map<string, string | undefined>();
  readonly #broken: FileReport[] = [];

  /** `cwd` is what the reports of broken configs name them relative to. */
  constructor(private readonly cwd: string) {}

  /** The nearest config file of the file at `abs`, if any. */
  find(abs: string): string | undefined {
    return findConfigFile(abs, this.#dirs);
  }

  #read(path: string): Promise<LoadedConfig> {
    let pending = this.#reads.get(path);
    if (!pending) {
      pending = loadConfigFile(path);
      // awaited by load() or loadOrStop(); until then a rejection is not unhandled
      pending.catch(() => undefined);
      this.#reads.set(path, pending);
    }
    return pending;
  }

  /** The loaded config file at `path`, or null when it is broken (its report is then in {@link reports}). */
  load(path: string): Promise<LoadedConfig | null> {
    let pending = this.#loads.get(path);
    if (!pending) {
      pending = this.#read(path).catch((e: unknown) => {
        if (!(e instanceof ConfigError)) throw e;
        this.#broken.push(configReport(path, e, this.cwd));
        return null;
      });
      this.#loads.set(path, pending);
    }
    return pending;
  }

  /**
   * The config file at `path`, for what the run cannot go on without (`--config`, the project's
   * `files`), read once with the others.
   *
   * @throws ConfigFileError (io.ts) when it cannot be read or is invalid, as {@link loadConfigOrStop}.
   */
  async loadOrStop(path: string, format: ReportFormat): Promise<LoadedConfig> {
    return stopOnConfigError(this.#read(path), path, this.cwd, format);
  }

  /** A report for each broken config file loaded so far, in load order. */
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

/**
 * The config file at `path`, for a command that cannot go on without it (`lint --config`, the
 * project's `files`, the one plan `send`, `deploy` and `graph --lint` check).
 *
 * @throws ConfigFileError (io.ts) when it cannot be read or is invalid, its report to be
 *   printed in `format` (main() does it).
 */
export async function loadConfigOrStop(path: string, cwd: string, format: ReportFormat): Promise<LoadedConfig> {
  return stopOnConfigError(loadConfigFile(path), path, cwd, format);
}

/** The config `loading` gives, its ConfigError turned into the ConfigFileError that stops the command. */
async function stopOnConfigError(loading: Promise<LoadedConfig>, path: string, cwd: string, format: ReportFormat): Promise<LoadedConfig> {
  try {
    return await loading;
  } catch (e) {
    if (e instanceof ConfigError) throw configFileError(path, e, cwd, format);
    throw e;
  }
}

/** What stops a command on the broken config file at `path`: its report, to be printed in `format`. */
function configFileError(path: string, e: ConfigError, cwd: string, format: ReportFormat): ConfigFileError {
  const report = configReport(path, e, cwd);
  const read = e.diagnostics.some((d) => d.data?.['keyword'] === 'read');
  return new ConfigFileError(`stopped: the configuration ${report.file} ${read ? 'cannot be read' : 'is invalid'}`, report, format);
}
