/**
 * `callfire-dialplan/lint`: the linter with its rules, configuration files and fixes, the
 * canonical formatter (`dialplan fmt`), and the report formats the CLI prints.
 *
 * @module callfire-dialplan/lint
 */
export { lint, lintDocument, type LintOptions } from '../validate/lint/lint.js';
export { RULES, RULES_BY_NAME } from '../validate/lint/rules/index.js';
export type { Visit } from '../ast/visit.js';
export type { Rule, RuleContext, RuleDocs, AnyRule, VariableSource, FindingAt, ReportExtras, Slice } from '../validate/lint/types.js';
export { configSchema } from '../validate/lint/schema.js';
export { checkConfig, loadConfigFile, findConfigFile, settingsFor, ConfigError, CONFIG_FILE_NAME, type LoadedConfig } from '../validate/lint/config.js';
export type { LintConfig, LintOverride, RuleSetting, RuleSettings, FmtSettings } from '../validate/lint/types.js';
export { applyFixes, fixDialplan, MAX_FIX_PASSES, type AppliedFixes, type FixOutcome } from '../validate/lint/apply-fixes.js';
export { format, type FormatOptions, type FormatResult } from '../format/format.js';
export type { FileReport } from '../validate/report/file-report.js';
export { formatStylish } from '../validate/report/stylish.js';
export { formatJson } from '../validate/report/json.js';
export { formatSarif, type SarifOptions } from '../validate/report/sarif.js';
export { formatGithub } from '../validate/report/github.js';
