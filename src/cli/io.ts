/**
 * What a CLI command may touch: its output streams, working directory and environment.
 * Commands receive it instead of using `process`, so tests run them in-process.
 *
 * @module
 */

import type { FileReport } from '../validate/report/file-report.js';

/** The outside world of a command. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads all of standard input, for commands that take `-` as a file (default: the process's). */
  readonly stdin?: () => Promise<string>;
}

/** A CLI command, loaded lazily by the registry in `commands/index.ts`. */
export interface Command {
  readonly name: string;
  /** The usage line(s) and options, shown by `dialplan <name> --help`. */
  readonly usage: string;
  /** Runs the command; resolves to the exit code (0 ok, 1 findings or invalid input, 2 usage/I-O/remote failure). */
  run(args: string[], io: Io): Promise<number>;
}

/** A mistake in how the command was called: exit code 2 with the message and a usage hint. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A file that could not be read or written, or a remote that failed: exit code 2. */
export class IoError extends Error {
  override readonly name = 'IoError';
}

/**
 * How a command prints findings: `dialplan lint`'s `--format`s, or `text`, the stylish report
 * on stderr, for a command whose output is something else (see `report-output.ts`).
 */
export type ReportFormat = 'stylish' | 'json' | 'sarif' | 'github' | 'text';

/**
 * A configuration file (`.dialplanrc.json`) that cannot be read or is invalid stops the command
 * (exit 2): main() prints `report`, its problems as findings of rule `config` at the lines of
 * the bad keys, in `format`, the one the command's `--format` chose.
 */
export class ConfigFileError extends IoError {
  constructor(
    message: string,
    readonly report: FileReport,
    readonly format: ReportFormat = 'text',
  ) {
    super(message);
  }
}

/** The `Io` of the running process. */
export function processIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  };
}
