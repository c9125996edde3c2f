/**
 * The one way text from a plan gets into generated TypeScript. A plan may come from anyone, and
 * text that ends its context (a quote ending a string, a line terminator ending a `//` comment,
 * `*\/` a block comment, `${` starting an interpolation, `</script>` an inline script) would turn
 * the rest of the text into code that runs when the flow is built. So every string literal and
 * every comment line codegen writes is made of {@link jsText}, which leaves none of those in.
 *
 * @module
 */

/** Characters written as an escape: what can end any JavaScript context, and what a UTF-8 file cannot hold as is. */
const UNSAFE = /[\\'"`\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]|\$\{|\*\/|<\/|<!--|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Readonly<Record<string, string>> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '`': '\\`', '\n': '\\n', '\r': '\\r', '\t': '\\t', '${': '$\\{', '*/': '*\\/', '</': '<\\/', '<!--': '<\\!--' };

/**
 * `text` as the body of a JavaScript string literal in any quotes, or of a template literal, or
 * as a comment line: JavaScript reads the same characters back from the literal, and nothing in
 * the result can close the literal or the comment (all line terminators, quotes, backticks,
 * `${`, `*\/`, `</`, `<!--` are escaped; so are other control characters, BOM and lone surrogates).
 *
 * @example
 * ```ts
 * jsText("it's\u2028done"); // "it\\'s\\u2028done"
 * ```
 */
export function jsText(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A single-quoted string literal of `text` (see {@link jsText}). */
export function quote(text: string): string {
  return `'${jsText(text)}'`;
}

/** `text` as `//` comment lines, one per line of the text, none able to end early. */
export function lineComments(text: string): string[] {
  return text.split(/\r\n|\n/).map((l) => `//${l.trim() ? ` ${jsText(l.trim())}` : ''}`);
}
