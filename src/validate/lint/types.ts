/**
 * The shapes shared by the linter, its rules and its configuration.
 *
 * @module
 */
import type { AnyElement, DocumentNode } from '../../ast/nodes.js';
import type { PlanIndex, VariableSource } from '../../ast/plan-index.js';
import type { Fix, Severity } from '../diagnostic.js';
import type { PressedPattern } from '../../language/key-pattern.js';
import type { VariableReference, VariableScan } from '../../language/variable-refs.js';

/** How a rule is set in a configuration: off, or the severity its findings get. @category Lint configuration */
export type RuleSetting = 'off' | 'warn' | 'error';

/** Rule name → setting. @category Lint configuration */
export type RuleSettings = Readonly<Record<string, RuleSetting>>;

/** Settings that apply only to files matching one of the globs (relative to the config file). @category Lint configuration */
export interface LintOverride {
  readonly files: readonly string[];
  readonly rules: RuleSettings;
}

/**
 * A lint configuration, the content of `.dialplanrc.json`.
 *
 * @example
 * ```ts
 * const config: LintConfig = {
 *   rules: { 'menu-without-fallback': 'off' },
 *   overrides: [{ files: ['inbound/**'], rules: { 'amd-in-inbound-plan': 'error' } }],
 * };
 * ```
 * @category Lint configuration
 */
export interface LintConfig {
  /**
   * The project's plans, as globs relative to the config file's folder (`flows/*.ts`): what
   * `dialplan lint` and `dialplan fmt` check when no file is named.
   */
  readonly files?: readonly string[];
  readonly rules?: RuleSettings;
  readonly overrides?: readonly LintOverride[];
  /** Settings of `dialplan fmt`. */
  readonly fmt?: FmtSettings;
}

/** The `fmt` section of `.dialplanrc.json`. @category Lint configuration */
export interface FmtSettings {
  /** Spaces per level, or `"tab"` (default 2). */
  readonly indent?: number | 'tab';
}

/** Long documentation of a rule, rendered into `docs/rules/<name>.md`. @category Lint rules */
export interface RuleDocs {
  /** Why the rule exists and what exactly it checks (Markdown). */
  readonly details: string;
  /** A dialplan fragment the rule reports. */
  readonly bad: string;
  /** The same fragment written so the rule is satisfied. */
  readonly good: string;
}

export type { VariableSource };

/**
 * What a rule sees: the document, where every element sits, and the facts several rules
 * need (names, variables). They come from the document's one index (`ast/plan-index.ts`),
 * which the simulator, codegen, the diagrams and diff read too.
 * @category Lint rules
 */
export interface RuleContext {
  readonly document: DocumentNode;
  /** The document's index: element numbers, parents, the numbered flow graph. */
  readonly index: PlanIndex;
  /** Every element in document order, the root first (unknown tags included). */
  readonly elements: readonly AnyElement[];
  /** The path of an element of this document. */
  pathOf(node: AnyElement): string;
  /** The parent of an element (undefined for the root). */
  parentOf(node: AnyElement): AnyElement | undefined;
  /** The elements with this XML name, in document order (the rules about one tag read these, not every element). */
  ofTag(tag: string): readonly AnyElement[];
  /** Tags by `name` attribute (trimmed), in document order. */
  readonly names: ReadonlyMap<string, readonly AnyElement[]>;
  /** Names used as jump targets by `<goto>` text or `<catch goto>`, trimmed as CallFire reads them. */
  readonly gotoTargets: ReadonlySet<string>;
  /** Whether some goto or catch may jump to the tag with this name (targets built from `${…}` included). */
  isGotoTarget(name: string): boolean;
  /** Variables given a readable value (setvar, record, get, post), by name. */
  readonly variablesSet: ReadonlyMap<string, readonly VariableSource[]>;
  /** Variable names that contain `${…}` themselves (`choice${n}`), as written. */
  readonly dynamicVariableNames: readonly string[];
  /** Whether one of {@link dynamicVariableNames} can build the name (answered from an index, not by testing each). */
  fitsDynamicVariable(name: string): boolean;
  /** Report keys written by `<stash>` (CallFire says a stashed value is not readable later). */
  readonly stashed: ReadonlyMap<string, readonly AnyElement[]>;
  /** An attribute value as written, or undefined when absent. */
  attr(node: AnyElement, name: string): string | undefined;
  /** An integer attribute, or undefined when absent or not a plain integer (the XSD reports that). */
  intAttr(node: AnyElement, name: string): number | undefined;
  /** A boolean attribute read the way CallFire does (`true`/`false`), with the catalog default. */
  boolAttr(node: AnyElement, name: string): boolean;
  /** The trimmed text of a leaf tag. */
  text(node: AnyElement): string;
  /** Parses a `pressed` pattern. */
  keyPattern(pressed: string): PressedPattern;
  /** The `${…}` references in a string and the ones left unclosed, scanned once per distinct string. */
  variableScan(s: string): VariableScan;
  /** The `${…}` references in a string, nested ones included (`variableScan(s).refs`). */
  variableRefs(s: string): readonly VariableReference[];
}

/**
 * Which part of the reported tag a finding is about; its diagnostic's `range` covers exactly
 * that part (when the plan was parsed from XML). Without one, the range is the start tag.
 * @category Lint rules
 */
export type FindingAt =
  /** An attribute: its value (the default, surrounding white space left out), its name, or both. */
  | { readonly attribute: string; readonly part?: 'value' | 'name' | 'whole'; readonly within?: Slice }
  /** The tag's text content (surrounding white space left out). */
  | { readonly text: true; readonly within?: Slice };

/**
 * Offsets `[start, end)` into the string the rule read (the attribute value as parsed, or
 * the tag's text with its white space): narrows the range to a `${…}` or a word in it. Kept
 * only where the source spells that string exactly as parsed (no entities, CDATA or CRLF).
 * @category Lint rules
 */
export interface Slice {
  readonly start: number;
  readonly end: number;
}

/** What a rule may add to a finding beyond its parameters. @category Lint rules */
export interface ReportExtras {
  readonly at?: FindingAt;
  /** A certain fix (see `lint/fixes.ts`); only where resolving the finding leaves nothing to guess. */
  readonly fix?: Fix | undefined;
}

/**
 * A lint rule. Detection (`check`) and wording (`message`) are separate so messages can be
 * changed or translated without touching the logic, and tests can assert on parameters.
 * @category Lint rules
 */
export interface Rule<P extends object = Record<string, unknown>> {
  /** Stable kebab-case name, used in configs, suppression comments and reports. */
  readonly name: string;
  readonly severity: Severity;
  /** One sentence: what the rule reports. */
  readonly description: string;
  readonly docs: RuleDocs;
  /** Renders the message of one finding. */
  message(params: P): string;
  /** Whether some findings carry a fix (`lint --fix` applies it); said in the rule's docs. */
  readonly fixable?: string;
  /**
   * Looks at the document and reports each finding once. `params` become the diagnostic's
   * `data`; `extras` say which part of the tag is meant and give a fix where one is certain.
   */
  check(context: RuleContext, report: (node: AnyElement, params: P, extras?: ReportExtras) => void): void;
}

/**
 * A rule with its parameter type erased, as the registry holds it. `any` is deliberate:
 * `check` and `message` use the parameter type in opposite variance, so no other type
 * admits every rule; each rule stays fully typed in its own file.
 * @category Lint rules
 */
// biome-ignore lint/suspicious/noExplicitAny: the erasure described above
export type AnyRule = Rule<any>;
