/**
 * `callfire-dialplan/catalog`: the facts about CallFire XML the toolkit is built on: the tag
 * catalog (attributes, content, children of every tag), the enums, the system variables, key
 * patterns, the predicate of every value type, the helpers to read a syntax tree, and the XSD that `validate` uses.
 *
 * @module callfire-dialplan/catalog
 */
export {
  CATALOG, TAG_NAMES, ACTION_TAGS, VOICES, LEGACY_VOICES, MUSIC_ON_HOLD, LEGACY_MUSIC_ON_HOLD, PLAY_TYPES,
  TRANSFER_MODES, CATCH_TYPES, isTagName, tagSpec,
  type ValueType, type AttributeSpec, type ContentKind, type ChildrenModel, type TagSpec, type TagName,
  type ContainerTag, type LeafTag, type AttributeName,
} from '../language/catalog.js';
export { CALL_VARIABLES, GLOBAL_VARIABLES, CONTACT_FIELDS, isSystemVariable } from '../language/variables.js';
export { parseKeyPattern, type PressedPattern } from '../language/key-pattern.js';
export {
  isNonBlank, isBoolean, isWholeNumber, isVarName, isDocumentedVarName, isUrl, isDtmf, isSoundId, isSoundFor, isPhone,
  isPhoneList, splitPhones, isKeyPattern, normalizeKeyPattern, isEnumValue, currentValues, currentSpelling, phoneProblem,
  isRecipientNumber, normalizeRecipient, isDialableRecipient, token, VALUE_PREDICATES, CONTENT_PREDICATES, VARIABLE_SOURCE,
  type PhoneProblem,
} from '../language/values.js';
export type { VariableReference } from '../language/variable-refs.js';
export { isElement, elementName, elementChildren, rawText, textOf } from '../ast/nodes.js';
export { dialplanSchemaPath } from '../validate/xsd/schema-path.js';
