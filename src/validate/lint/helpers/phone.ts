/**
 * Phone numbers as CallFire takes them in `transfer`, `sms@to`, `dnc` and `callerid`:
 * a variable, a North American number of 10 or 11 digits, or an E.164 number.
 *
 * @module
 */
import { replaceVariables } from '../../../language/variable-refs.js';

/** Why a phone number was refused, for the message. */
export type PhoneProblem = 'empty' | 'characters' | 'length' | 'area-code';

/**
 * Checks one number. Separators people write (spaces, dashes, dots, parentheses) are
 * ignored; `x<ext>` may follow when `allowExtension` (transfer targets, as CallFire's transfer page shows). A number that
 * contains a variable is accepted when the rest is made of digits and separators, since its
 * value is only known during the call.
 *
 * @returns undefined when the number is acceptable, else what is wrong with it.
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

/** Splits a transfer's comma-separated target list (empty items kept, so `1,,2` is caught). */
export function splitTargets(s: string): string[] {
  return s.split(',').map((t) => t.trim());
}
