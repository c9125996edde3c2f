/**
 * Applying the fixes findings carry: once (`applyFixes`), or until the plan has no fixable
 * finding left (`fixDialplan`, what `dialplan lint --fix` runs).
 *
 * @module
 */
import { describeValue, hasToAst, isDocument } from '../../ast/nodes.js';
import { splitBom } from '../../util/bom.js';
import { lineStarts } from '../../util/line-starts.js';
import type { Diagnostic, Fix, TextPosition, ValidationResult } from '../diagnostic.js';
import { lint, type LintOptions } from './lint.js';
import type { LintConfig } from './types.js';

/** What {@link applyFixes} did. @category Fixes */
export interface AppliedFixes {
  readonly text: string;
  /** The findings whose fix was applied. */
  readonly applied: readonly Diagnostic[];
  /** Findings with a fix that overlapped one applied before it; a later pass may apply them. */
  readonly deferred: readonly Diagnostic[];
}

/**
 * Applies the fixes of `diagnostics` to `text` (the XML they were found in). Fixes are taken in
 * the order of their first edit; one whose edits overlap an edit already taken is deferred, as
 * ESLint does, so every applied fix edits the text it was computed for.
 *
 * @example
 * ```ts
 * const xml = '<dialplan><goto>mian</goto><play name="main" type="tts">Hi</play></dialplan>';
 * applyFixes(xml, lint(xml).diagnostics).text;
 * // '<dialplan><goto>main</goto><play name="main" type="tts">Hi</play></dialplan>'
 * ```
 * @category Fixes
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): AppliedFixes {
  // positions count from after a byte-order mark, as the parser does
  const { bom, body } = splitBom(text);
  const starts = lineStarts(body);
  const offset = (p: TextPosition): number => Math.min(body.length, (starts[p.line - 1] ?? body.length) + p.column - 1);

  const fixable = diagnostics
    .filter((d): d is Diagnostic & { fix: Fix } => d.fix !== undefined && d.fix.edits.length > 0)
    .map((d) => ({ d, edits: d.fix.edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.text })).sort((a, b) => a.start - b.start) }))
    .sort((a, b) => a.edits[0]!.start - b.edits[0]!.start);

  const taken: Array<{ start: number; end: number; text: string }> = [];
  const applied: Diagnostic[] = [];
  const deferred: Diagnostic[] = [];
  for (const f of fixable) {
    // two edits overlap when they share a character, or both insert at one point
    const clash = f.edits.some((e) => taken.some((t) => e.start < t.end && t.start < e.end || (e.start === t.start && (e.start === e.end || t.start === t.end))));
    if (clash) {
      deferred.push(f.d);
      continue;
    }
    taken.push(...f.edits);
    applied.push(f.d);
  }
  taken.sort((a, b) => b.start - a.start);
  let out = body;
  for (const e of taken) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: bom + out, applied, deferred };
}

/** What {@link fixDialplan} did. @category Fixes */
export interface FixOutcome {
  /** The fixed text (the input when nothing was fixable). */
  readonly text: string;
  readonly changed: boolean;
  /** Every finding fixed, in the order of the passes. */
  readonly fixed: readonly Diagnostic[];
  /** The lint result of the fixed text: what remains. */
  readonly result: ValidationResult;
  /** How many lint passes ran (at most {@link MAX_FIX_PASSES} + 1). */
  readonly passes: number;
}

/** Fix passes before giving up: a fix that makes another fixable finding is rare; one that never settles is a bug. @category Fixes */
export const MAX_FIX_PASSES = 10;

/**
 * Lints, applies every fix, lints again, and repeats until no fix is left (at most
 * {@link MAX_FIX_PASSES} times). A fix never changes the text outside its finding.
 *
 * @example
 * ```ts
 * const { text, fixed, result } = fixDialplan(xml);
 * // fixed: the findings that were fixed; result.diagnostics: what remains in `text`
 * ```
 * @category Fixes
 */
export function fixDialplan(text: string, config: LintConfig = {}, options: LintOptions = {}): FixOutcome {
  // fixes edit text: a tree or a builder has no offsets to edit, but compile() gives its XML
  if (typeof text !== 'string') {
    const plan = isDocument(text) ? 'a syntax tree' : hasToAst(text) ? 'a plan built with the DSL' : undefined;
    throw new TypeError(`fixDialplan() takes the XML text of a dialplan; got ${plan ? `${plan} (compile() gives its XML)` : describeValue(text)}`);
  }
  let current = text;
  const fixed: Diagnostic[] = [];
  let result = lint(current, config, options);
  let passes = 1;
  for (let i = 0; i < MAX_FIX_PASSES; i++) {
    const step = applyFixes(current, result.diagnostics);
    if (step.applied.length === 0 || step.text === current) break;
    fixed.push(...step.applied);
    current = step.text;
    result = lint(current, config, options);
    passes++;
  }
  return { text: current, changed: current !== text, fixed, result, passes };
}
