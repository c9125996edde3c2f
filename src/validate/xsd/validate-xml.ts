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

/** libxml2's wording of the commonest syntax errors, said plainly. */
const SYNTAX_WORDING: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [/^Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)$/, (m) => `The end tag </${m[3]}> does not match the open tag <${m[1]}> (line ${m[2]}).`],
  [/^Premature end of data in tag (\S+) line (\d+)$/, (m) => `<${m[1]}> (line ${m[2]}) is never closed.`],
  [/^EntityRef: expecting ';'$/, () => 'A raw "&" must be written as &amp;.'],
  [/^xmlParseEntityRef: no name$/, () => 'A raw "&" must be written as &amp;.'],
  [/^Entity '([^']+)' not defined$/, (m) => `Undefined entity &${m[1]}; (XML knows only &amp; &lt; &gt; &quot; &apos; and character references such as &#233;).`],
  [/^Extra content at the end of the document$/, () => 'Content after the root element: a document has only one root element.'],
  [/^Start tag expected, '<' not found$/, () => 'Expected the <dialplan> root element here.'],
  [/^AttValue: " or ' expected$/, () => 'Attribute values must be in quotes.'],
  [/^Attribute (\S+) redefined$/, (m) => `The attribute "${m[1]}" is given twice.`],
];

function syntaxDiagnostic(e: LibxmlError): Diagnostic {
  const text = (e.message ?? 'The XML could not be read.').trim().replace(/\s+/g, ' ').replace(/\.$/, '');
  let message = text.charAt(0).toUpperCase() + text.slice(1);
  for (const [re, say] of SYNTAX_WORDING) {
    const m = re.exec(text);
    if (m) {
      message = say(m);
      break;
    }
  }
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
    // recover: libxml2 then lists every error in order instead of throwing only its last
    // one, which after a cascade is seldom the cause; the first error is reported.
    doc = libxmlModule().parseXml(xml, { ...SAFE_PARSE_OPTIONS, recover: true });
  } catch (e) {
    if (!isLibxmlError(e)) throw e;
    if (!/no root element/.test(e.message ?? '')) return [syntaxDiagnostic(e)];
    // Recovery left no root element and libxmljs2 says only that; without recovery libxml2
    // throws the error that lost it, with its position.
    try {
      libxmlModule().parseXml(xml, SAFE_PARSE_OPTIONS);
    } catch (cause) {
      if (isLibxmlError(cause) && !/no root element/.test(cause.message ?? '')) return [syntaxDiagnostic(cause)];
    }
    return [syntaxDiagnostic({ message: 'The document has no root element.' })];
  }
  // Namespace errors do not stop libxml2's parser either; they still make the XML unusable.
  const firstError = (doc.errors as LibxmlError[]).find((e) => (e.level ?? 0) >= LEVEL_ERROR);
  if (firstError) return [syntaxDiagnostic(firstError)];

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
