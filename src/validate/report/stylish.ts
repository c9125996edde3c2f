/**
 * The human format: one line per finding, `file:line:col  severity  message  rule`, then a total.
 *
 * @module
 */
import type { FileReport } from './file-report.js';
import { namesAPart, tally } from './file-report.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Formats reports for a terminal. Findings without a line (plans built in code) show their node path, unless it is the whole document. @category Reports */
export function formatStylish(reports: readonly FileReport[]): string {
  const rows: string[][] = [];
  for (const r of reports) {
    for (const d of r.diagnostics) {
      const at = d.line === undefined ? '' : `:${d.line}:${d.column ?? 1}`;
      const where = (d.line === undefined || r.flow) && namesAPart(d.path) ? `${r.file}${at} ${d.path}` : `${r.file}${at}`;
      rows.push([where, d.severity, d.message, d.rule]);
    }
  }
  const width = (i: number) => Math.max(0, ...rows.map((row) => row[i]!.length));
  const [w0, w1] = [width(0), width(1)];
  const lines = rows.map(([where, sev, msg, rule]) => `${where!.padEnd(w0)}  ${sev!.padEnd(w1)}  ${msg}  ${rule}`);
  const { errors, warnings } = tally(reports);
  const total = errors + warnings;
  lines.push(
    total === 0
      ? `${plural(reports.length, 'file')} checked, no problems`
      : `${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(reports.length, 'file')}`,
  );
  return `${lines.join('\n')}\n`;
}
