/**
 * One shape for every finding the project reports: XML syntax errors, XSD violations and
 * lint findings in a dialplan, and also the problems of a SendCall request, of a numbers file
 * and of a `.dialplanrc.json`, and the simulator's warnings, so reports, the CLI and CI
 * annotations handle them the same way. It
 * sits beside the tree, below the parser, which reports XML syntax errors in this shape
 * (validate/diagnostic.ts re-exports it for everything above).
 *
 * @module
 */

/** How bad a finding is. `error` fails validation and the CLI's exit code. @category Diagnostics */
export type Severity = 'error' | 'warning';

/** A 1-based line and column in the text a diagnostic is about. @category Diagnostics */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** A stretch of that text: `end` is exclusive (the position just after the last character). @category Diagnostics */
export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/** Replace the text in `range` with `text` (an empty range inserts, empty text deletes). @category Diagnostics */
export interface TextEdit {
  readonly range: TextRange;
  readonly text: string;
}

/**
 * A change that certainly resolves its finding, produced by the rule that found it. `lint --fix`,
 * the SARIF and JSON reports and the language server's code actions all read this one shape.
 * @category Diagnostics
 */
export interface Fix {
  readonly description: string;
  readonly edits: readonly TextEdit[];
}

/** A problem in a dialplan. @category Diagnostics */
export interface Diagnostic {
  /**
   * `xml-syntax`, `schema`, or a lint rule's name; outside a dialplan: `json-schema` and
   * `request` (a request's problems), `numbers-file`, `config`, and the simulator's
   * `unset-variable`, `unscripted-request` and `other-document`.
   */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based, when the input was XML (or a line of a numbers file). */
  readonly line?: number;
  /** 1-based, when the input was XML. */
  readonly column?: number;
  /**
   * The node's path, such as `/dialplan/menu[2]/keypress[3]`; `/` for the document. A finding
   * about JSON (a request, a config) has the JSON Pointer of the value (`/ToNumber/3`, `''`
   * for the whole); one about a line of a numbers file has `''`.
   */
  readonly path: string;
  /**
   * For a flow loaded by the CLI (whose `line`/`column` are the flow's own): the node's place in
   * the flow's compiled XML, as `dialplan build` writes it.
   */
  readonly xml?: TextPosition;
  /** The exact stretch of text the finding is about (a tag, an attribute, a value), when known. */
  readonly range?: TextRange;
  /** What the rule found (its target, suggestion, allowed values…), so callers need not parse `message`. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** A certain fix, where the rule knows one. */
  readonly fix?: Fix;
}

/** The outcome of validating or linting: `ok` is false when any diagnostic is an error. @category Diagnostics */
export interface ValidationResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** Builds a result from its diagnostics, sorted by position. */
export function result(diagnostics: readonly Diagnostic[]): ValidationResult {
  // equal paths are told apart without localeCompare: its first call in a process loads ICU's
  // collator (15-70 ms), and findings at one position of a parsed plan share their path
  const sorted = [...diagnostics].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.path === b.path ? 0 : a.path.localeCompare(b.path)),
  );
  return { ok: !sorted.some((d) => d.severity === 'error'), diagnostics: sorted };
}
