/**
 * Printing reports of findings in the format a command's `--format` chose: `dialplan lint`'s
 * report, and the problems of a broken configuration, which every command that reads one
 * prints this way (main() for a {@link ConfigFileError}) so that they read alike everywhere.
 *
 * @module
 */
import { RULES } from '../validate/lint/rules/index.js';
import type { FileReport } from '../validate/report/file-report.js';
import { formatGithub } from '../validate/report/github.js';
import { formatJson } from '../validate/report/json.js';
import { formatSarif } from '../validate/report/sarif.js';
import { formatStylish } from '../validate/report/stylish.js';
import type { ConfigFileError, Io, ReportFormat } from './io.js';
import { packageVersion } from './package-info.js';

/**
 * Prints `reports` in `format`: lint's four formats on stdout (the report is the output);
 * `text`, for a command whose output is something else (fmt, send, deploy), as the stylish
 * report on stderr, where that command's other messages go.
 */
export function printReports(io: Io, reports: readonly FileReport[], format: ReportFormat): void {
  if (format === 'json') io.stdout(formatJson(reports));
  else if (format === 'sarif') io.stdout(formatSarif(reports, { rules: RULES, baseDir: io.cwd, version: packageVersion() }));
  else if (format === 'github') io.stdout(formatGithub(reports));
  else if (format === 'stylish') io.stdout(formatStylish(reports));
  else io.stderr(formatStylish(reports));
}

/** A command stopped by a broken configuration: its problems, then (in text) which command stopped. */
export function printConfigFailure(io: Io, command: string, e: ConfigFileError): void {
  printReports(io, [e.report], e.format);
  if (e.format === 'text') io.stderr(`dialplan ${command}: ${e.message}\n`);
}
