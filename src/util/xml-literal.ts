/**
 * Exact text for xmlbuilder2. Its serializer leaves anything that already looks like an
 * entity (`&amp;`, `&#65;`) unescaped, so the text `AT&amp;T` would be written as `AT&amp;T`
 * and read back as `AT&T`. Escaping every `&` first makes the output say exactly the text.
 *
 * @module
 */

/** Text content, escaped so xmlbuilder2 writes it exactly. */
export function xmlText(text: string): string {
  return text.replaceAll('&', '&amp;');
}

/**
 * An attribute value, escaped so xmlbuilder2 writes it exactly. Tabs and line breaks become
 * character references too, since a parser turns raw ones in attributes into spaces.
 */
export function xmlAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('\t', '&#9;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;');
}
