/**
 * One check of an open plan for the language server, in phases: parse once, the XML syntax
 * and XSD check on that tree, then the lint rules on the same tree. The findings are exactly
 * those of `lint(text, { rules: settings })` (a test holds the two together); the phases exist
 * so the server can show syntax and schema findings before the rules have run, stop a check
 * whose text is already superseded between phases, and say where the time went.
 *
 * @module
 */
import { parse, type ParseResult } from '../parse/parse.js';
import { capResult } from '../validate/limits.js';
import { result, type Diagnostic } from '../validate/diagnostic.js';
import { lintDocument } from '../validate/lint/lint.js';
import { Suppressions } from '../validate/lint/suppression.js';
import type { RuleSettings } from '../validate/lint/types.js';
import { validateXml } from '../validate/xsd/validate-xml.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { toLspDiagnostic } from './diagnostics.js';

/** Milliseconds spent in each phase of one check (a phase not run is left out). */
export interface CheckTimings {
  parse?: number;
  xsd?: number;
  rules?: number;
  /** Findings to LSP diagnostics (ranges, links, fixes). */
  convert?: number;
}

/** What {@link checkPlan} reports as it goes. */
export interface CheckHooks {
  /**
   * The syntax and schema findings, once they are known and before the rules run (not
   * called when no rules follow: then they are the whole result).
   */
  readonly early?: (found: readonly Diagnostic[]) => void;
  /** Whether the text is superseded: asked between phases; true ends the check with `undefined`. */
  readonly cancelled?: () => boolean;
}

const now = () => performance.now();

/** Findings as lint() lists them: in text order, at most LIMITS.diagnostics. */
const listed = (found: readonly Diagnostic[]) => capResult(result(found)).diagnostics;

/**
 * Checks `text` as `lint(text, { rules: settings })` does. `parsed` is `parse(text)` when the
 * caller has it already. Returns undefined when {@link CheckHooks.cancelled} said so.
 */
export function checkPlan(
  text: string,
  settings: RuleSettings,
  timings: CheckTimings,
  hooks: CheckHooks = {},
  parsed?: ParseResult,
): readonly Diagnostic[] | undefined {
  let t = now();
  if (!parsed) {
    parsed = parse(text);
    timings.parse = now() - t;
    t = now();
  }
  if (hooks.cancelled?.()) return undefined;
  // the validator locates schema errors in the same tree the rules read
  const schema = validateXml(text, parsed);
  timings.xsd = now() - t;
  const doc = parsed.document;
  // not a dialplan tree: no rules run, nothing to suppress (as lint() does); parse's own
  // problems where the validator reported none
  if (!doc) return listed(schema.length > 0 ? schema : parsed.diagnostics);
  const suppressions = new Suppressions(doc);
  const keep = (d: Diagnostic) => suppressions.empty || d.rule === 'xml-syntax' || !suppressions.suppressed(d);
  hooks.early?.(listed(schema.filter(keep)));
  if (hooks.cancelled?.()) return undefined;
  t = now();
  const rules = lintDocument(doc, { rules: settings });
  timings.rules = now() - t;
  const all: Diagnostic[] = [];
  // loops, not push(...): a spread of a few hundred thousand findings overflows the stack
  for (const d of schema) if (keep(d)) all.push(d);
  for (const d of rules) if (keep(d)) all.push(d);
  return listed(all);
}

/** One version of an open document, to check for the editor. */
export interface EditorCheck {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly settings: RuleSettings;
  /** The folder URL of the rule pages (see `toLspDiagnostic`). */
  readonly docsBase: string;
}

/** What {@link checkForEditor} gives: the findings as LSP diagnostics, and where the time went. */
export interface EditorCheckResult {
  readonly diagnostics: LspDiagnostic[];
  readonly timings: CheckTimings;
}

/**
 * {@link checkPlan} with its findings (and the early ones) as LSP diagnostics; undefined when
 * cancelled.
 */
export function checkForEditor(
  request: EditorCheck,
  hooks: { readonly early?: (d: LspDiagnostic[]) => void; readonly cancelled?: () => boolean } = {},
): EditorCheckResult | undefined {
  const { text } = request;
  // the line-start table of this version, built once (on the first position asked) for all its findings
  const doc = TextDocument.create(request.uri, 'xml', request.version, text);
  const lsp = (found: readonly Diagnostic[]) => found.map((d) => toLspDiagnostic(d, text, doc, request.docsBase));
  const timings: CheckTimings = {};
  const { early, cancelled } = hooks;
  const found = checkPlan(text, request.settings, timings, { ...(early ? { early: (d) => early(lsp(d)) } : {}), ...(cancelled ? { cancelled } : {}) });
  if (!found) return undefined;
  const t = now();
  const diagnostics = lsp(found);
  timings.convert = now() - t;
  return { diagnostics, timings };
}
