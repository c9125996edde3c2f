/**
 * Validation of dialplan text: refuse unsafe input, check well-formedness with libxml2,
 * then validate against `schemas/dialplan.xsd` and turn libxml2's findings into diagnostics.
 *
 * @module
 */
import { parse } from '../../parse/parse.js';
import type { Diagnostic } from '../diagnostic.js';
import { dialplanSchema, libxmlModule, SAFE_PARSE_OPTIONS, type LibxmlDocument } from './libxml.js';
import { readLibxmlSchemaError } from './libxml-issue.js';
import { ElementLocator } from './locate.js';
import { schemaMessage } from './schema-messages.js';
import { refuseUnsafeXml } from './unsafe-input.js';

interface LibxmlError {
  readonly message?: string;
  readonly line?: number | null;
  readonly column?: number | null;
  readonly level?: number | null;
}

function syntaxDiagnostic(e: LibxmlError): Diagnostic {
  const text = (e.message ?? 'The XML could not be read.').trim().replace(/\s+/g, ' ');
  const message = text.charAt(0).toUpperCase() + text.slice(1);
  const line = e.line ?? 0;
  const column = e.column ?? 0;
  return {
    rule: 'xml-syntax',
    severity: 'error',
    message: /[.!?]$/.test(message) ? message : `${message}.`,
    ...(line > 0 ? { line } : {}),
    ...(line > 0 && column > 0 ? { column } : {}),
    path: '/',
  };
}

function isLibxmlError(e: unknown): e is LibxmlError {
  return typeof e === 'object' && e !== null && 'message' in e;
}

/** libxml2 error levels: 1 warning, 2 error, 3 fatal. */
const LEVEL_ERROR = 2;

/**
 * Checks dialplan text: `xml-syntax` diagnostics for unsafe or malformed XML, otherwise a
 * `schema` diagnostic per XSD violation.
 */
export function validateXml(input: string): Diagnostic[] {
  const xml = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (!/\S/.test(xml)) {
    return [{ rule: 'xml-syntax', severity: 'error', message: 'The document is empty; a dialplan needs a <dialplan> root element.', line: 1, column: 1, path: '/' }];
  }
  const refused = refuseUnsafeXml(xml);
  if (refused) return [refused];

  let doc: LibxmlDocument;
  try {
    doc = libxmlModule().parseXml(xml, SAFE_PARSE_OPTIONS);
  } catch (e) {
    if (isLibxmlError(e)) {
      // libxmljs2 throws without a line when the text has no element at all
      return [syntaxDiagnostic(/no root element/.test(e.message ?? '') ? { message: 'The document has no root element.' } : e)];
    }
    throw e;
  }
  // Namespace errors do not stop libxml2's parser; they still make the XML unusable.
  const parseErrors = (doc.errors as LibxmlError[]).filter((e) => (e.level ?? 0) >= LEVEL_ERROR);
  if (parseErrors.length > 0) return parseErrors.map(syntaxDiagnostic);

  if (doc.validate(dialplanSchema())) return [];
  return schemaDiagnostics(xml, doc.validationErrors as LibxmlError[]);
}

function schemaDiagnostics(xml: string, errors: readonly LibxmlError[]): Diagnostic[] {
  // The syntax tree is only built when there is something to point at.
  const parseResult = parse(xml);
  const parsed = parseResult.document;
  // parse() reports a wrong root element with its position; libxml2 gives only a line
  const rootLoc = parseResult.diagnostics.find((d) => d.rule === 'schema');
  const locator = parsed ? new ElementLocator(xml, parsed) : undefined;
  const out: Diagnostic[] = [];
  for (const e of errors) {
    if ((e.level ?? LEVEL_ERROR) < LEVEL_ERROR) continue;
    const read = readLibxmlSchemaError(e.message ?? '', e.line ?? null);
    if (read === undefined) {
      const text = (e.message ?? '').trim();
      out.push({ rule: 'schema', severity: 'error', message: text, ...(e.line ? { line: e.line } : {}), path: '/' });
      continue;
    }
    const at = read.issue.kind === 'wrong-root' ? undefined : locator?.locate(read);
    const loc =
      at?.node.loc ??
      (read.issue.kind === 'wrong-root' && rootLoc?.line !== undefined && rootLoc.column !== undefined
        ? { line: rootLoc.line, column: rootLoc.column }
        : undefined);
    out.push({
      rule: 'schema',
      severity: 'error',
      message: schemaMessage(read, at ? { node: at.node, ...(at.parent ? { parent: at.parent } : {}) } : {}),
      ...(loc ? { line: loc.line, column: loc.column } : read.line > 0 ? { line: read.line } : {}),
      path: at?.path ?? '/',
    });
  }
  return out;
}
