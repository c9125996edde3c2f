/**
 * Decoding an XML message body by the charset it declares, for the sandbox's requests and
 * the client's responses alike: the Content-Type's `charset` wins (HTTP's rule), then the XML
 * declaration's `encoding`, then a UTF-16 byte order mark, else UTF-8. Decoding is strict: a
 * byte sequence that is not valid in the declared charset is refused, never stored as
 * U+FFFD. The text then reaches libxml2 already decoded (`ignore_enc`), so the declaration
 * is not applied twice.
 *
 * @module
 */

/** The decoded text, or why the bytes cannot be read. */
export type Decoded = { readonly text: string } | { readonly error: string };

/** The `charset` parameter of a Content-Type, lower-cased, if any. */
function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  const value = (m?.[1] ?? m?.[2] ?? '').trim().toLowerCase();
  return value === '' ? undefined : value;
}

/** The `encoding` of an XML declaration at the start of `bytes` (read as ASCII), if any. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const m = /^\s*<\?xml\s[^?]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(head);
  return m?.[1]?.toLowerCase();
}

/** Decodes `bytes` as described in the module docs. */
export function decodeXml(bytes: Uint8Array, contentType: string | undefined): Decoded {
  const bom = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  const charset = charsetOf(contentType) ?? bom ?? declaredEncoding(bytes) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    return { error: `charset "${charset}" is not supported; send UTF-8` };
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { error: `the body is not valid ${charset}` };
  }
}
