/**
 * The rule registry: every rule, in the order findings of the same place are listed and
 * the docs index is written. Add a rule by writing its file and one line here.
 *
 * @module
 */
import type { AnyRule } from '../types.js';
import { unknownGotoTarget } from './unknown-goto-target.js';
import { duplicateName } from './duplicate-name.js';
import { unreachableCode } from './unreachable-code.js';
import { loopWithoutExit } from './loop-without-exit.js';
import { overlappingKeypress } from './overlapping-keypress.js';
import { keypressExceedsMaxDigits } from './keypress-exceeds-max-digits.js';
import { invalidKeyRange } from './invalid-key-range.js';
import { menuWithoutKeypress } from './menu-without-keypress.js';
import { menuWithoutPrompt } from './menu-without-prompt.js';
import { menuWithoutFallback } from './menu-without-fallback.js';
import { undefinedVariable } from './undefined-variable.js';
import { stashVariableRead } from './stash-variable-read.js';
import { variableSyntax } from './variable-syntax.js';
import { invalidVariableName } from './invalid-variable-name.js';
import { invalidExpression } from './invalid-expression.js';
import { invalidPhoneNumber } from './invalid-phone-number.js';
import { invalidUrl } from './invalid-url.js';
import { invalidSoundId } from './invalid-sound-id.js';
import { suspiciousTimeout } from './suspicious-timeout.js';
import { emptyPrompt } from './empty-prompt.js';
import { ttsMarkup } from './tts-markup.js';
import { amdInInboundPlan } from './amd-in-inbound-plan.js';
import { amdNotTopLevel } from './amd-not-top-level.js';
import { screenWithoutWhisper } from './screen-without-whisper.js';
import { undocumentedTag } from './undocumented-tag.js';
import { undocumentedAttribute } from './undocumented-attribute.js';
import { legacyValue } from './legacy-value.js';

/** Every lint rule, in order. @category Lint rules */
export const RULES: readonly AnyRule[] = [
  unknownGotoTarget,
  duplicateName,
  unreachableCode,
  loopWithoutExit,
  overlappingKeypress,
  keypressExceedsMaxDigits,
  invalidKeyRange,
  menuWithoutKeypress,
  menuWithoutPrompt,
  menuWithoutFallback,
  undefinedVariable,
  stashVariableRead,
  variableSyntax,
  invalidVariableName,
  invalidExpression,
  invalidPhoneNumber,
  invalidUrl,
  invalidSoundId,
  suspiciousTimeout,
  emptyPrompt,
  ttsMarkup,
  amdInInboundPlan,
  amdNotTopLevel,
  screenWithoutWhisper,
  undocumentedTag,
  undocumentedAttribute,
  legacyValue,
];

/** Rules by name. @category Lint rules */
export const RULES_BY_NAME: ReadonlyMap<string, AnyRule> = new Map(RULES.map((r) => [r.name, r]));
