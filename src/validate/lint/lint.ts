/**
 * `lint()`: everything that is wrong with a dialplan in one call: XML syntax, the XSD and
 * the semantic rules the XSD cannot express.
 *
 * @module
 */
import { describeValue, isDocument, treeOf, type DocumentNode, type PlanSource } from '../../ast/nodes.js';
import { parse, type ParseResult } from '../../parse/parse.js';
import { result, type Diagnostic, type Severity, type ValidationResult } from '../diagnostic.js';
import { validateTree } from '../validate.js';
import { validateXml } from '../xsd/validate-xml.js';
import { capResult, checkLimits, excerptParams } from '../limits.js';
import { createContext } from './context.js';
import { findingSpan } from './locate.js';
import { checkConfig, settingsFor } from './config.js';
import { RULES } from './rules/index.js';
import { Suppressions } from './suppression.js';
import type { AnyRule, LintConfig } from './types.js';

/** Options of {@link lint} beyond the configuration. @category Validation */
export interface LintOptions {
  /** The file's path, for the configuration's `overrides` globs. */
  readonly filename?: string;
  /** The folder override globs are relative to (the config file's); default: none, globs see `filename` as given. */
  readonly configDir?: string;
  /** Skip XML syntax and XSD validation (the caller has done it). Default false. */
  readonly skipValidation?: boolean;
  /**
   * The configuration was already checked against the schema (`dialplan lint` checks each
   * config file and `--rule` once, not once per file): skip the check, and with it ajv.
   * Default false.
   */
  readonly configChecked?: boolean;
  /**
   * `parse(input)`, when the caller has it already (`dialplan graph --lint` draws the same
   * tree): the text is not parsed a second time. Only for XML text; it must be the result of
   * parsing exactly `input`.
   */
  readonly parsed?: ParseResult;
}

/** The severity a rule's findings get under the settings, or undefined when it is off. */
function severityOf(rule: AnyRule, setting: string | undefined): Severity | undefined {
  if (setting === 'off') return undefined;
  if (setting === 'warn') return 'warning';
  if (setting === 'error') return 'error';
  return rule.severity;
}

/** A finding's parameters as its `data`: a copy without the keys left undefined. */
function dataOf(params: object): Readonly<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * Runs the rules over a parsed document (no XML or XSD checks): the core of {@link lint}.
 * @category Validation
 */
export function lintDocument(doc: DocumentNode, config: LintConfig = {}, options: LintOptions = {}): Diagnostic[] {
  if (!isDocument(doc)) throw new TypeError(`lintDocument() takes a syntax tree (parse(xml).document); got ${describeValue(doc)}`);
  // a tree over a shape limit is refused as parse() refuses its XML (docs/limits.md)
  const over = checkLimits(doc);
  if (over) return [over];
  return runRules(doc, config, options);
}

/** The rules over a tree already held to the limits (parsed, or checked by the caller). */
function runRules(doc: DocumentNode, config: LintConfig, options: LintOptions): Diagnostic[] {
  const settings = settingsFor(config, options.filename, options.configDir);
  const ctx = createContext(doc);
  const out: Diagnostic[] = [];
  for (const rule of RULES) {
    const severity = severityOf(rule, settings[rule.name]);
    if (!severity) continue;
    try {
      rule.check(ctx, (node, found, extras) => {
        // values quoted in the message and data are cut, so a report stays near its plan's size
        const params = excerptParams(found);
        const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { rule: rule.name, severity, message: rule.message(params), path: ctx.pathOf(node), data: dataOf(params) };
        if (node.loc) {
          d.line = node.loc.line;
          d.column = node.loc.column;
        }
        const span = findingSpan(node, extras?.at);
        if (span) d.range = { start: { line: span.start.line, column: span.start.column }, end: { line: span.end.line, column: span.end.column } };
        if (extras?.fix) d.fix = extras.fix;
        out.push(d);
      });
    } catch (e) {
      // one broken rule must not hide what the others found
      out.push({ rule: rule.name, severity: 'error', message: `Internal error in rule ${rule.name}: ${(e as Error).message}`, path: '/' });
    }
  }
  return out;
}

const EMPTY: LintConfig = Object.freeze({});

/**
 * Lints a dialplan: XML syntax and XSD validation (the same checks as `validate()`), then
 * every lint rule the configuration leaves on. Findings a `<!-- dialplan-disable… -->`
 * comment turns off are dropped. Every finding keeps what its rule found as `data`. Findings
 * on XML input carry line and column (of the tag), the exact `range` of what they are about
 * and a `fix` where one is certain (see `fixDialplan`); on a plan built with the DSL they
 * carry the node path (and, loaded by the CLI, the line in the flow).
 *
 * @param input CallFire XML, a syntax tree or a builder.
 * @param config Rule settings and overrides, as in `.dialplanrc.json`.
 * @throws {@link ConfigError} when `config` does not follow that file's schema (an unknown rule, a setting
 *   other than off, warn or error), as `dialplan lint` refuses it.
 * @example
 * ```ts
 * const { ok, diagnostics } = lint('<dialplan name="Root"><goto>mian</goto><play name="main" type="tts">Hi</play></dialplan>');
 * // ok === false; diagnostics[0]:
 * // { rule: 'unknown-goto-target', severity: 'error', line: 1, column: 23, path: '/dialplan/goto[1]',
 * //   message: '<goto> names "mian", but no tag has that name; did you mean "main"?',
 * //   data: { target: 'mian', via: 'goto', suggestion: 'main' },
 * //   range: { start: { line: 1, column: 29 }, end: { line: 1, column: 33 } },
 * //   fix: { description: 'Jump to "main"', edits: [{ range: …, text: 'main' }] } }
 * ```
 * @category Validation
 */
export function lint(input: PlanSource, config: LintConfig = EMPTY, options: LintOptions = {}): ValidationResult {
  // the settings are held to the configuration schema, as a .dialplanrc.json or --rule is: a
  // misspelled rule name would otherwise be ignored and the rule stay on (checkConfig passes
  // a config without settings without loading ajv)
  if (!options.configChecked) checkConfig(config, 'lint() configuration');
  const diagnostics: Diagnostic[] = [];
  let doc: DocumentNode | undefined;
  if (typeof input === 'string') {
    // parsed once: the validator locates schema errors in the same tree the rules read
    const parsed = options.parsed ?? parse(input);
    if (!options.skipValidation) for (const d of validateXml(input, parsed)) diagnostics.push(d);
    doc = parsed.document;
    // parse problems the validator did not already report (it normally reports all of them)
    if (!doc && diagnostics.length === 0) for (const d of parsed.diagnostics) diagnostics.push(d);
  } else {
    doc = treeOf(input, 'lint()');
    // over a shape limit: the one refusal, not validate's and lintDocument's both
    const over = checkLimits(doc);
    if (over) return result([over]);
    if (!options.skipValidation) for (const d of validateTree(doc).diagnostics) diagnostics.push(d);
  }
  if (!doc) return capResult(result(diagnostics));
  // a loop, not push(...): a spread of a few hundred thousand findings overflows the stack
  // (the tree is within the limits: parse() refuses a plan over one, and a tree was checked above)
  for (const d of runRules(doc, config, options)) diagnostics.push(d);
  // XML text lets Suppressions see at once that a plan has no comment (doc is its parse)
  const suppressions = new Suppressions(doc, typeof input === 'string' ? input : undefined);
  // each finding is produced once, by one rule: nothing to de-duplicate here
  // at most LIMITS.diagnostics findings are listed (docs/limits.md)
  return capResult(result(suppressions.empty ? diagnostics : diagnostics.filter((d) => d.rule === 'xml-syntax' || !suppressions.suppressed(d))));
}
