/**
 * callfire-dialplan: write CallFire IVR dialplans in TypeScript, validate and lint them,
 * simulate calls, and send them as IVR broadcasts.
 *
 * @packageDocumentation
 */
export * from './language/catalog.js';
export * from './language/variables.js';
export * from './ast/nodes.js';
export * from './ast/visit.js';
export * from './validate/diagnostic.js';
export { compile, type CompileOptions } from './compile/compile.js';
export { parse, type ParseResult } from './parse/parse.js';
export {
  dialplan, DialplanBuilder, ActionsBuilder, BlockBuilder, MenuBuilder, AmdBuilder, KEY_PATTERN,
  type Plan, type BlockBody, type MenuBody, type KeyPattern, type Digit, type Voice, type PlayType,
  type MusicOnHold, type TransferMode, type CatchType, type AttributesOf, type EnumValues,
} from './builder/index.js';
export type * from './builder/options.js';
export * from './graph/index.js';
export * from './diff/index.js';
export { validate } from './validate/validate.js';
export { dialplanSchemaPath } from './validate/xsd/schema-path.js';
export * from './simulate/index.js';
export { lint, lintDocument, type LintOptions } from './validate/lint/lint.js';
export { RULES, RULES_BY_NAME } from './validate/lint/rules/index.js';
export { configSchema } from './validate/lint/schema.js';
export { checkConfig, loadConfigFile, findConfigFile, settingsFor, ConfigError, CONFIG_FILE_NAME, type LoadedConfig } from './validate/lint/config.js';
export type { LintConfig, LintOverride, RuleSetting, RuleSettings, Rule, RuleContext, RuleDocs, AnyRule, VariableSource, FmtSettings, FindingAt, ReportExtras, Slice } from './validate/lint/types.js';
export { applyFixes, fixDialplan, MAX_FIX_PASSES, type AppliedFixes, type FixOutcome } from './validate/lint/apply-fixes.js';
export { format, type FormatOptions, type FormatResult } from './format/format.js';
export type { VariableReference } from './language/variable-refs.js';
export { parseKeyPattern, type PressedPattern } from './language/key-pattern.js';
export { type FileReport } from './validate/report/file-report.js';
export { formatStylish } from './validate/report/stylish.js';
export { formatJson } from './validate/report/json.js';
export { formatSarif, type SarifOptions } from './validate/report/sarif.js';
export { formatGithub } from './validate/report/github.js';
export * from './broadcast/index.js';
export { ConversionError, toTypeScript, type TypeScriptOptions, type TypeScriptResult } from './codegen/typescript.js';
