/**
 * Run-time checks for what the types cannot catch (calls from JavaScript, values computed at
 * run time): each failure is a `TypeError` naming the method and the argument or option.
 *
 * @module
 */
import { isPhone } from '../language/values.js';

/** Shows a rejected value in an error message. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  return `a value of type ${typeof value}`;
}

/** Throws the builder's error: `transfer(): option 'timeout' must be …`. */
export function fail(method: string, what: string, message: string): never {
  throw new TypeError(`${method}(): ${what} ${message}`);
}

// Characters XML 1.0 cannot hold at all (C0 controls other than tab and line breaks,
// U+FFFE/U+FFFF, lone surrogates): written out, they would make the document unreadable.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
// The same characters and every surrogate, paired or not: one quick scan that most strings
// pass, so only a string with an astral character or a control pays for the exact one above.
const MAYBE_NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** A string that XML can carry as text. */
export function checkString(method: string, what: string, value: unknown): string {
  if (typeof value !== 'string') fail(method, what, `must be a string, got ${show(value)}`);
  if (!MAYBE_NOT_XML.test(value)) return value;
  const bad = NOT_XML.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    fail(method, what, `contains U+${code}, a character XML cannot hold`);
  }
  return value;
}

/**
 * A string for an attribute. Tabs and line breaks are refused: an XML reader turns them into
 * spaces (attribute-value normalisation), so the plan CallFire reads would differ from the
 * one built.
 */
export function checkAttributeString(method: string, what: string, value: unknown): string {
  return checkOneLine(method, what, checkString(method, what, value));
}

/** The line-break half of {@link checkAttributeString}, for a string another check has already read. */
export function checkOneLine(method: string, what: string, s: string): string {
  if (/[\t\n\r]/.test(s)) fail(method, what, `must be on one line (XML turns tabs and line breaks in attributes into spaces), got ${show(s)}`);
  return s;
}

/** A string with something other than white space in it. */
export function checkNonBlank(method: string, what: string, value: unknown): string {
  const s = checkString(method, what, value);
  if (s.trim() === '') fail(method, what, `must not be empty, got ${show(s)}`);
  return s;
}

/** A tag name or goto target: not blank, no surrounding white space (CallFire trims goto text, so it would never match). */
export function checkName(method: string, what: string, value: unknown): string {
  const s = checkNonBlank(method, what, value);
  if (s.trim() !== s) fail(method, what, `must not start or end with white space, got ${show(s)}`);
  return s;
}

/** A whole number of at least 0. */
export function checkCount(method: string, what: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(method, what, `must be a whole number of at least 0, got ${show(value)}`);
  }
  return value;
}

/** A phone number or a variable (surrounding white space allowed, as CallFire trims it). */
export function checkPhone(method: string, what: string, value: unknown): string {
  const s = checkNonBlank(method, what, value);
  if (!isPhone(s)) fail(method, what, `must be a phone number (digits, +, (), -, ., spaces, x extension) or a variable, got ${show(s)}`);
  return s;
}

/** Line breaks as XML readers hand them back (`\r\n` and `\r` become `\n`). */
export function normalizeNewlines(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}
