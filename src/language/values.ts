/**
 * Every value rule of CallFire XML, once: one predicate per value type and content kind of
 * {@link CATALOG} (and a normaliser where a value has one canonical spelling), plus the
 * policies built on them (which phone numbers are plausible, which recipient numbers CallFire
 * dials). The builder, the lint rules, the broadcast checks, the sandbox and codegen all call
 * these; `test/language/values-xsd.test.ts` holds them against the simple types of
 * `schemas/dialplan.xsd` on generated values.
 *
 * Predicates judge a value as the XSD's `xs:token` types read it: the XML white space around it
 * removed and each run inside it made one space (CallFire trims values too: its samples wrap
 * `<goto>` targets and numbers over several lines). Callers that must refuse surrounding
 * white space (the builder, for names) check that themselves.
 *
 * @module
 */
import type { AttributeSpec, ContentKind, ValueType } from './catalog.js';
import { replaceVariables } from './variable-refs.js';
import { USER_VARIABLE_NAME } from './variables.js';

/**
 * One `${…}` reference inside a value, as a regular-expression source: no white space, one
 * level of nesting (`${choice${num}}`), as CallFire's samples write them and the XSD reads them.
 * @category Variables
 */
export const VARIABLE_SOURCE = String.raw`\$\{[^\s{}$]*(?:\$\{[^\s{}$]*\}[^\s{}$]*)*\}`;

const VARNAME = new RegExp(`^(?:[A-Za-z0-9_-]|${VARIABLE_SOURCE})+$`);
// A host character must follow the scheme: `http:///path` names no server to fetch from.
const URL_FORM = /^(?:https?:\/\/[^/\s?#]|\$\{.)/i;
const DTMF = new RegExp(`^(?:[0-9#*A-Da-dwWpP, ]|${VARIABLE_SOURCE})+$`);
const SOUND_ID = new RegExp(`^(?:\\d|${VARIABLE_SOURCE})+$`);
const PHONE_SOURCE = `\\+?\\(?(?:\\d|${VARIABLE_SOURCE})(?:[\\d\\-.() ]|${VARIABLE_SOURCE})*(?:[xX](?:\\d|${VARIABLE_SOURCE})+)?`;
const PHONE = new RegExp(`^${PHONE_SOURCE}$`);
// Commas inside a `${…}` reference belong to it, so the list is matched whole rather than split.
const PHONE_LIST = new RegExp(`^${PHONE_SOURCE}(?: ?, ?${PHONE_SOURCE})*$`);
// `Default`/`default` and `Timeout`/`timeout` are the spellings CallFire's pages and samples use
// (its keypress page and samples); ranges are written `A-B` without spaces. The XSD's KeyPattern agrees.
/** The exact form of a `keypress@pressed` pattern (see {@link isKeyPattern}). @category Key patterns */
export const KEY_PATTERN = /^(?:\d+|\d+-\d+|#|\*|[Dd]efault|[Tt]imeout)$/;
const WHOLE_NUMBER = /^\d+$/;

/**
 * A value as `xs:token` reads it: XML white space (space, tab, line breaks; not U+00A0) around
 * it removed and each run inside made one space.
 * @category Value predicates
 */
export function token(value: string): string {
  return value.replace(/[ \t\n\r]+/g, ' ').replace(/^ | $/g, '');
}

/** Whether a value is not empty once the white space around it is removed. @category Value predicates */
export function isNonBlank(value: string): boolean {
  return token(value) !== '';
}

/** `true` or `false` (lower case, as the XSD's Boolean has it). @category Value predicates */
export function isBoolean(value: string): boolean {
  const v = token(value);
  return v === 'true' || v === 'false';
}

/** A whole number written in decimal digits (no sign, no point). @category Value predicates */
export function isWholeNumber(value: string): boolean {
  return WHOLE_NUMBER.test(token(value));
}

/**
 * A variable name: letters, digits, `_`, and `${…}` parts (`stashDNC${dnc_counter}`). A `-` is
 * accepted as the XSD accepts it (real plans use `voicemail-recording`); the
 * `invalid-variable-name` lint rule warns about it, since CallFire documents only `_`.
 * @category Variables
 */
export function isVarName(value: string): boolean {
  return VARNAME.test(token(value));
}

/**
 * A variable name as CallFire documents them ("may only contain alphanumeric characters and the
 * underscore", HELP-basics), `${…}` parts allowed: {@link isVarName} without the tolerated `-`.
 * @category Variables
 */
export function isDocumentedVarName(value: string): boolean {
  return USER_VARIABLE_NAME.test(replaceVariables(token(value), () => 'x'));
}

/** An http(s) URL with a host, or a value starting with a `${…}` variable that supplies it. @category Value predicates */
export function isUrl(value: string): boolean {
  return URL_FORM.test(token(value));
}

/** DTMF digits to send: 0-9, `*`, `#`, A-D, pauses (`w`, `p`, `,`), or variables. @category Value predicates */
export function isDtmf(value: string): boolean {
  return DTMF.test(token(value));
}

/**
 * A CallFire sound id for `<play type="callfireid">`: "a Long representing the CallFire Sound
 * ID" (HELP-play), so digits, or variables (with digits) whose values make one.
 * @category Value predicates
 */
export function isSoundId(value: string): boolean {
  return SOUND_ID.test(token(value));
}

/**
 * The form of one phone number (the XSD's Phone): digits with `+`, `()`, spaces, dashes or
 * dots, an optional `x` extension, or variables. Whether the digits can be dialled is
 * {@link phoneProblem}'s question.
 * @category Phone numbers
 */
export function isPhone(value: string): boolean {
  return PHONE.test(token(value));
}

/** Splits a comma-separated list of phone numbers (empty items kept, so `1,,2` is caught). @category Phone numbers */
export function splitPhones(value: string): string[] {
  return value.split(',').map((t) => t.trim());
}

/** One or more phone numbers separated by commas (`transfer`'s content). @category Phone numbers */
export function isPhoneList(value: string): boolean {
  return PHONE_LIST.test(token(value));
}

/**
 * A `keypress@pressed` pattern: digits, an inclusive range `A-B`, `#`, `*`, `default`/`Default`
 * or `timeout`/`Timeout`. {@link normalizeKeyPattern} reads other spellings (`DEFAULT`, `1 - 3`).
 * @category Key patterns
 */
export function isKeyPattern(value: string): boolean {
  return KEY_PATTERN.test(token(value));
}

/**
 * The canonical spelling of what a `pressed` value evidently means, when it is written in
 * another form (`DEFAULT` → `default`, ` 1 - 3 ` → `1-3`); undefined when it means nothing.
 * Used for certain fixes, never to accept a value.
 * @category Key patterns
 */
export function normalizeKeyPattern(value: string): string | undefined {
  const v = token(value);
  if (isKeyPattern(v)) return v;
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(v);
  if (range) return `${range[1]}-${range[2]}`;
  const lower = v.toLowerCase();
  return lower === 'default' || lower === 'timeout' ? lower : undefined;
}

/** Whether `value` is one of an enum attribute's allowed values (legacy spellings included). @category Enums */
export function isEnumValue(spec: AttributeSpec, value: string): boolean {
  return spec.values?.includes(token(value)) ?? false;
}

/** The values an enum attribute offers for new plans: its allowed values without the legacy ones. @category Enums */
export function currentValues(spec: AttributeSpec): readonly string[] {
  return (spec.values ?? []).filter((v) => !(spec.legacyValues ?? []).includes(v));
}

/** The spelling that replaced a legacy enum value (`femaleSpanish` → `spanish1`), if it is one. @category Enums */
export function currentSpelling(spec: AttributeSpec, value: string): string | undefined {
  const v = token(value);
  return spec.legacyValues?.includes(v) ? spec.currentSpelling?.[v] : undefined;
}

/**
 * The predicate of each attribute value type. `string` and `enum` take any text here
 * (`enum` values are checked with {@link isEnumValue} against the attribute's spec); `name`,
 * `tagref` and `expression` must not be blank.
 * @category Value predicates
 */
export const VALUE_PREDICATES: Readonly<Record<ValueType, (value: string) => boolean>> = {
  string: () => true,
  name: isNonBlank,
  varname: isVarName,
  boolean: isBoolean,
  integer: isWholeNumber,
  enum: () => true,
  expression: isNonBlank,
  phone: isPhone,
  tagref: isNonBlank,
  keypattern: isKeyPattern,
  url: isUrl,
};

/**
 * The predicate of each kind of text content. `sound` depends on `play@type` (see
 * {@link isSoundFor}); here it only has to be non-blank. `text` and `value` may be blank
 * unless the tag's `contentRequired` says otherwise.
 * @category Value predicates
 */
export const CONTENT_PREDICATES: Readonly<Record<Exclude<ContentKind, 'children'>, (value: string) => boolean>> = {
  empty: (v) => token(v) === '',
  text: () => true,
  value: () => true,
  integer: isWholeNumber,
  phones: isPhoneList,
  phone: isPhone,
  url: isUrl,
  tagref: isNonBlank,
  sound: isNonBlank,
  digits: isDtmf,
};

/** Whether `value` is what `<play type="…">` plays: a URL for `url`, a sound id for `callfireid`, any text for `tts`. @category Value predicates */
export function isSoundFor(type: string, value: string): boolean {
  switch (token(type)) {
    case 'url':
      return isUrl(value);
    case 'callfireid':
      return isSoundId(value);
    default:
      return isNonBlank(value);
  }
}

/** Why a phone number cannot be dialled, for lint's message. @category Phone numbers */
export type PhoneProblem = 'empty' | 'characters' | 'length' | 'area-code';

/**
 * Whether a phone number in a plan (`transfer`, `sms@to`, `dnc`, `callerid`) can be dialled:
 * a North American number of 10 or 11 digits (area code 2-9xx) or an E.164 number (`+` and 8
 * to 15 digits). Separators people write (spaces, dashes, dots, parentheses) are ignored;
 * `x<ext>` may follow when `allowExtension` (transfer targets, as CallFire's transfer page
 * shows). A number that contains a variable is accepted when the rest is made of digits and
 * separators, since its value is only known during the call.
 *
 * @returns undefined when the number is acceptable, else what is wrong with it.
 * @category Phone numbers
 */
export function phoneProblem(raw: string, allowExtension: boolean): PhoneProblem | undefined {
  let s = raw.trim();
  if (s === '') return 'empty';
  if (allowExtension) {
    const x = /^(.*?)\s*[xX]\s*(\$\{.*\}|\d+)$/.exec(s);
    if (x) s = x[1]!;
  }
  const hasVariable = s.includes('${');
  const literal = replaceVariables(s, () => '');
  if (!/^\+?[\d\s().-]*$/.test(literal)) return 'characters';
  if (hasVariable) return undefined;
  const plus = literal.startsWith('+');
  const digits = literal.replace(/\D/g, '');
  if (plus) return /^[1-9]\d{7,14}$/.test(digits) ? undefined : 'length';
  if (digits.length === 11 && digits.startsWith('1')) return /^[2-9]/.test(digits.slice(1)) ? undefined : 'area-code';
  if (digits.length === 10) return /^[2-9]/.test(digits) ? undefined : 'area-code';
  return 'length';
}

// The most digits an E.164 number has (country code included).
const MAX_E164_DIGITS = 15;
const RECIPIENT = /^\+?[0-9]+$/;
const DIALABLE_RECIPIENT = new RegExp(`^\\+?[0-9]{10,${MAX_E164_DIGITS}}$`);
// Punctuation people write in phone numbers; CallFire's API wants bare digits.
const DECORATION = /[\s().-]/g;

/**
 * Whether a broadcast recipient has the form of the SOAP API's PhoneNumber (`\+?[0-9]+`, the
 * number part of `callfire-data.xsd`'s pattern; the other part is a contact-list name).
 * @category Phone numbers
 */
export function isRecipientNumber(value: string): boolean {
  return RECIPIENT.test(value);
}

/**
 * A recipient number as the API takes it: the punctuation of `(310) 555-1212` removed;
 * undefined when what is left is not a {@link isRecipientNumber | recipient number}, or when
 * the removed separators joined more digits than one E.164 number has (15):
 * `13105551212 18185551212` is two numbers in one cell, and read as one it would be neither.
 * @category Phone numbers
 */
export function normalizeRecipient(value: string): string | undefined {
  const v = value.replace(DECORATION, '');
  if (!isRecipientNumber(v)) return undefined;
  return v.length !== value.length && recipientKey(v).length > MAX_E164_DIGITS ? undefined : v;
}

/**
 * What makes two recipients the same number, for ScrubBroadcastDuplicates: the number without
 * its optional leading `+` (`+13105551212` and `13105551212` are one E.164 number).
 * @category Phone numbers
 */
export function recipientKey(value: string): string {
  return value.startsWith('+') ? value.slice(1) : value;
}

/**
 * Whether CallFire dials a recipient ("E.164 11 digit numbers"; in practice 10 to 15 digits,
 * `+` optional): the sandbox marks the others INVALID, as CallFire does, and API 2.0's sandbox
 * refuses them.
 * @category Phone numbers
 */
export function isDialableRecipient(value: string): boolean {
  return DIALABLE_RECIPIENT.test(value);
}
