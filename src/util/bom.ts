/**
 * The byte-order mark: U+FEFF at the very start of a text file. Editors on Windows write it
 * before UTF-8 too; it is not part of the text, so every reader here skips it (positions count
 * from after it, as editors show them) and every rewriter of a file puts it back.
 *
 * @module
 */

/** U+FEFF, the byte-order mark as the first character of a decoded text. */
export const BOM = '\ufeff';

/**
 * The byte-order mark `text` begins with (`''` when none) and the text after it.
 *
 * @example
 * ```ts
 * splitBom('\ufeff{"rules":{}}'); // { bom: '\ufeff', body: '{"rules":{}}' }
 * ```
 */
export function splitBom(text: string): { bom: '' | typeof BOM; body: string } {
  return text.startsWith(BOM) ? { bom: BOM, body: text.slice(1) } : { bom: '', body: text };
}
