/**
 * Findings as the editor shows them: those of `lint()` on the document's text (checked on a
 * worker, see check-plan.ts and lint-runner.ts: XML syntax, the XSD and every rule the
 * settings leave on, suppression comments honoured), each finding with its rule as `code`, a
 * link to the rule's page, its exact range and its fix.
 *
 * @module
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import { packageRoot } from '../util/package-root.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import { RULES_BY_NAME } from '../validate/lint/rules/index.js';
import { toLspEdit, toLspPosition, toLspRange, type OffsetMap } from './positions.js';

/** What a published diagnostic carries in `data`, for code actions. */
export interface FindingData {
  readonly fix?: { readonly title: string; readonly edits: readonly LspTextEdit[] };
}

/** The folder URL of the rule pages shipped with the package (`docs/rules/<rule>.md`). */
export function defaultRuleDocsBase(): string {
  return `${pathToFileURL(join(packageRoot(), 'docs', 'rules')).href}/`;
}

/**
 * The range of a finding: its own exact range where the check knows one; otherwise, for the
 * few findings that only have a position (libxml2's syntax errors), the tag or word there.
 */
function rangeOf(d: Diagnostic, text: string, doc: OffsetMap): Range {
  if (d.range) return toLspRange(d.range);
  if (d.line === undefined) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const start = toLspPosition({ line: d.line, column: d.column ?? 1 });
  const from = doc.offsetAt(start);
  const word = /^<?\/?[^\s<>"'=/]*/.exec(text.slice(from, from + 200))?.[0] ?? '';
  return { start, end: doc.positionAt(from + Math.max(1, word.length)) };
}

/** One finding as an LSP diagnostic. */
export function toLspDiagnostic(d: Diagnostic, text: string, doc: OffsetMap, docsBase: string): LspDiagnostic {
  const data: FindingData | undefined = d.fix ? { fix: { title: d.fix.description, edits: d.fix.edits.map(toLspEdit) } } : undefined;
  return {
    range: rangeOf(d, text, doc),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.rule,
    ...(RULES_BY_NAME.has(d.rule) ? { codeDescription: { href: `${docsBase}${d.rule}.md` } } : {}),
    source: 'dialplan',
    message: d.message,
    ...(data ? { data } : {}),
  };
}

/** Whether a published diagnostic is an XML syntax or XSD finding (the findings a check knows before its rules run). */
export function isSchemaOrSyntax(d: LspDiagnostic): boolean {
  return d.code === 'xml-syntax' || d.code === 'schema';
}
