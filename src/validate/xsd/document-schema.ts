/**
 * The portable schema engine, used where the native helper of `compiled-schema.ts` was not
 * built: libxmljs2 parses the document into a tree and `Document.validate()` checks it,
 * compiling the XSD inside every call (libxmljs2 cannot keep a compiled schema).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { LEVEL_ERROR, libxmlModule, LibxmlUnavailableError, SAFE_PARSE_OPTIONS, type LibxmlDocument, type LibxmlFinding } from './libxml.js';
import { dialplanSchemaPath } from './schema-path.js';

interface LibxmlError {
  readonly message?: string;
  readonly line?: number | null;
  readonly column?: number | null;
  readonly level?: number | null;
}

let schema: LibxmlDocument | undefined;

/** The dialplan XSD as a libxml2 document, read and parsed once per process. */
function dialplanSchema(): LibxmlDocument {
  schema ??= libxmlModule().parseXml(readFileSync(dialplanSchemaPath(), 'utf8'), { ...SAFE_PARSE_OPTIONS, baseUrl: dialplanSchemaPath() });
  return schema;
}

function isLibxmlError(e: unknown): e is LibxmlError {
  // a missing native module is an installation problem, never the document's syntax error
  return typeof e === 'object' && e !== null && 'message' in e && !(e instanceof LibxmlUnavailableError);
}

function finding(e: LibxmlError, schema: boolean): LibxmlFinding {
  return { schema, level: e.level ?? LEVEL_ERROR, message: e.message ?? '', line: e.line ?? 0, column: e.column ?? 0 };
}

/** What libxml2 finds reading `xml` and validating it against the dialplan XSD. */
export function validateThroughDocument(xml: string): LibxmlFinding[] {
  let doc: LibxmlDocument;
  try {
    // recover: libxml2 then lists every error in order instead of throwing only its last
    // one, which after a cascade is seldom the cause.
    doc = libxmlModule().parseXml(xml, { ...SAFE_PARSE_OPTIONS, recover: true });
  } catch (e) {
    if (!isLibxmlError(e)) throw e;
    if (!/no root element/.test(e.message ?? '')) return [finding(e, false)];
    // Recovery left no root element and libxmljs2 says only that; without recovery libxml2
    // throws the error that lost it, with its position.
    try {
      libxmlModule().parseXml(xml, SAFE_PARSE_OPTIONS);
    } catch (cause) {
      if (isLibxmlError(cause) && !/no root element/.test(cause.message ?? '')) return [finding(cause, false)];
    }
    return [finding({ message: 'The document has no root element.' }, false)];
  }
  const syntax = (doc.errors as LibxmlError[]).map((e) => finding(e, false));
  // Namespace errors do not stop libxml2's parser either; they still make the XML unusable.
  if (syntax.some((f) => f.level >= LEVEL_ERROR)) return syntax;
  if (doc.validate(dialplanSchema())) return syntax;
  return [...syntax, ...(doc.validationErrors as LibxmlError[]).map((e) => finding(e, true))];
}
