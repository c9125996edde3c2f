/**
 * One shape for every problem found in a dialplan: XML syntax errors, XSD violations and
 * lint findings alike, so reports, the CLI and CI annotations handle them the same way.
 *
 * @module
 */

/** How bad a finding is. `error` fails validation and the CLI's exit code. */
export type Severity = 'error' | 'warning';

/** A problem in a dialplan. */
export interface Diagnostic {
  /** `xml-syntax`, `schema`, or a lint rule's name. */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based, when the input was XML. */
  readonly line?: number;
  /** 1-based, when the input was XML. */
  readonly column?: number;
  /** The node's path, such as `/dialplan/menu[2]/keypress[3]`; `/` for the document. */
  readonly path: string;
}

/** The outcome of validating or linting: `ok` is false when any diagnostic is an error. */
export interface ValidationResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** Builds a result from its diagnostics, sorted by position. */
export function result(diagnostics: readonly Diagnostic[]): ValidationResult {
  const sorted = [...diagnostics].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.path.localeCompare(b.path),
  );
  return { ok: !sorted.some((d) => d.severity === 'error'), diagnostics: sorted };
}
