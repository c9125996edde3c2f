/**
 * The dialplan of an IVR broadcast, made ready to send: compiled to XML when it was built
 * with the DSL, then validated (XML syntax, XSD) and linted. The report is about the exact
 * XML that goes into `DialplanXml`, so its line numbers match what a preview shows.
 *
 * @module
 */
import { treeOf, type PlanSource } from '../ast/nodes.js';
import { compile } from '../compile/compile.js';
import { result, type Diagnostic, type ValidationResult } from '../validate/diagnostic.js';
import { lint } from '../validate/lint/lint.js';
import type { LintConfig } from '../validate/lint/types.js';
import { validate } from '../validate/validate.js';

/** A dialplan as it will be sent, with what validation and lint found in it. @category Request checks */
export interface CheckedDialplan {
  readonly xml: string;
  /** Validation and lint findings together; `ok` is false when any is an error. */
  readonly report: ValidationResult;
}

/**
 * Turns any dialplan input into the XML text that is sent.
 *
 * @example
 * ```ts
 * dialplanXml(dialplan({ name: 'Root' }).hangup()); // '<dialplan name="Root">\n  <hangup/>\n</dialplan>\n'
 * ```
 * @category Request checks
 */
export function dialplanXml(input: PlanSource): string {
  if (typeof input === 'string') return input;
  return compile(treeOf(input, 'dialplanXml()'));
}

/**
 * Compiles (when needed), validates and lints a dialplan.
 *
 * @example
 * ```ts
 * const { xml, report } = checkDialplan(dialplan({ name: 'Root' }).play('Hello').hangup());
 * if (!report.ok) console.error(report.diagnostics);
 * ```
 * @category Request checks
 */
export function checkDialplan(input: PlanSource, lintConfig?: LintConfig): CheckedDialplan {
  const xml = dialplanXml(input);
  // Validation runs once, here, and its findings bypass lint's suppressions on purpose: a
  // `<!-- dialplan-disable… schema -->` comment may quiet the editor, but CallFire checks the
  // plan against its schema and would refuse it, so a schema error always stops the send.
  // Only lint's own rules can be turned off by comments or by the configuration.
  const validated = validate(xml);
  const diagnostics: Diagnostic[] = [...validated.diagnostics];
  // Lint needs a well-formed document; on a syntax error the validator has said all there is.
  if (!validated.diagnostics.some((d) => d.rule === 'xml-syntax')) {
    diagnostics.push(...lint(xml, lintConfig, { skipValidation: true }).diagnostics);
  }
  return { xml, report: result(diagnostics) };
}
