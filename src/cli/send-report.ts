/**
 * What `dialplan send` found before sending, on either API, as one report in the format of
 * `dialplan lint`: the dialplan's findings at their lines, the request's problems at their JSON
 * path in the broadcast file, and the bad lines of the numbers file.
 *
 * @module
 */
import type { Diagnostic, ValidationResult } from '../validate/diagnostic.js';
import type { FileReport } from '../validate/report/file-report.js';
import { formatStylish } from '../validate/report/stylish.js';
import type { Io } from './io.js';

/** A numbers file of 100,000 bad lines is reported by its first few. */
const MAX_NUMBER_LINES = 20;

/** The findings of one send, by the file each is about. */
export interface SendFindings {
  /** The dialplan's name in the report: its file, or the broadcast file's inline field. */
  readonly plan: string;
  readonly dialplan?: ValidationResult | undefined;
  /** The broadcast file, where the request's problems are. */
  readonly file: string;
  readonly problems: readonly Diagnostic[];
  /** The `--to-file` numbers file, where the number problems are. */
  readonly numbersFile?: string | undefined;
  readonly numberProblems: readonly Diagnostic[];
}

/** Prints the findings to stderr (nothing when there are none). */
export function printSendFindings(io: Io, f: SendFindings): void {
  const shown = f.numberProblems.slice(0, MAX_NUMBER_LINES);
  const reports: FileReport[] = [
    { file: f.plan, diagnostics: f.dialplan?.diagnostics ?? [] },
    { file: f.file, diagnostics: f.problems },
    { file: f.numbersFile ?? '--to-file', diagnostics: shown },
  ].filter((r) => r.diagnostics.length > 0);
  if (reports.length === 0) return;
  io.stderr(formatStylish(reports));
  const more = f.numberProblems.length - shown.length;
  if (more > 0) io.stderr(`... and ${more} more bad lines in ${f.numbersFile ?? '--to-file'}\n`);
}
