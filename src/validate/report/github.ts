/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding,
 * shown on the pull request's diff.
 *
 * @module
 */
import { type FileReport, namesAPart } from './file-report.js';

/** Escapes a workflow command's message (data). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Formats reports as GitHub annotations.
 *
 * @example
 * ```ts
 * formatGithub([{ file: 'plan.xml', diagnostics: [d] }]);
 * // '::error file=plan.xml,line=3,col=5,title=unknown-goto-target::<goto> names "mian", …\n'
 * ```
 * @category Reports
 */
export function formatGithub(reports: readonly FileReport[]): string {
  let out = '';
  for (const r of reports) {
    for (const d of r.diagnostics) {
      const props = [`file=${escapeProperty(r.file.split('\\').join('/'))}`];
      if (d.line !== undefined) props.push(`line=${d.line}`);
      if (d.column !== undefined) props.push(`col=${d.column}`);
      props.push(`title=${escapeProperty(d.rule)}`);
      const where = d.line === undefined && namesAPart(d.path) ? ` (at ${d.path})` : '';
      out += `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(d.message + where)}\n`;
    }
  }
  return out;
}
