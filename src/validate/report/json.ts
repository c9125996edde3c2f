/**
 * The machine format: `[{ "file", "diagnostics": [{ "rule", "severity", "message", "line", "column", "path" }] }]`,
 * each diagnostic with `xml` (a flow's finding in its compiled XML), `range`, `data` and `fix`
 * (`{ description, edits: [{ range, text }] }`) where it has them.
 *
 * @module
 */
import type { FileReport } from './file-report.js';

/** Formats reports as one JSON array, keys in a fixed order. @category Reports */
export function formatJson(reports: readonly FileReport[]): string {
  const out = reports.map((r) => ({
    file: r.file,
    diagnostics: r.diagnostics.map((d) => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      line: d.line ?? null,
      column: d.column ?? null,
      path: d.path,
      ...(d.xml && { xml: d.xml }),
      ...(d.range && { range: d.range }),
      ...(d.data && { data: d.data }),
      ...(d.fix && { fix: d.fix }),
    })),
  }));
  return `${JSON.stringify(out, null, 2)}\n`;
}
