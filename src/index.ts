/**
 * callfire-dialplan: write CallFire IVR dialplans in TypeScript, compile, parse, validate,
 * lint and simulate them. This entry holds what a flow author needs; the rest of the toolkit
 * has its own entries: `callfire-dialplan/lint`, `/simulate`, `/testing`, `/graph`, `/diff`,
 * `/broadcast`, `/sandbox`, `/codegen`, `/catalog` and `/lsp`.
 *
 * @module callfire-dialplan
 */
export {
  dialplan, DialplanBuilder, ActionsBuilder, BlockBuilder, MenuBuilder, AmdBuilder, KEY_PATTERN,
  type Plan, type BlockBody, type MenuBody, type KeyPattern, type Digit, type Voice, type PlayType,
  type MusicOnHold, type TransferMode, type CatchType, type AttributesOf, type EnumValues,
} from './builder/index.js';
export type * from './builder/options.js';
export {
  ref, call, global, contact, CALL_VARIABLES, GLOBAL_VARIABLES, CONTACT_FIELDS, isSystemVariable,
  type VariableRef, type ContactColumn, type ColumnLetter, type CallVariableRefs, type ContactVariableRefs,
} from './language/variables.js';
export type { ValueType, AttributeSpec, ContentKind, ChildrenModel, TagSpec, TagName, ContainerTag, LeafTag, AttributeName } from './language/catalog.js';
export type {
  Position, SourcePoint, SourceSpan, AttributeSpan, ElementSpan, TextNode, CommentNode, ElementNode,
  UnknownElementNode, Node, AnyElement, DocumentNode, PlanSource,
} from './ast/nodes.js';
export type { Severity, TextPosition, TextRange, TextEdit, Fix, Diagnostic, ValidationResult } from './ast/diagnostic.js';
export { compile, type CompileOptions } from './compile/compile.js';
export { parse, type ParseResult } from './parse/parse.js';
export { validate } from './validate/validate.js';
export { lint, type LintOptions } from './validate/lint/lint.js';
export { ConfigError } from './validate/lint/config.js';
export type { LintConfig, LintOverride, RuleSetting, RuleSettings } from './validate/lint/types.js';
export { simulate } from './simulate/simulate.js';
export type * from './simulate/types.js';
