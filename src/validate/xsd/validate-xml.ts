/**
 * Validation of dialplan text: refuse unsafe input, check well-formedness with libxml2,
 * then validate against `schemas/dialplan.xsd` and turn libxml2's findings into diagnostics.
 *
 * @module
 */
import { parse, type ParseResult } from '../../parse/parse.js';
import { emptyDocument } from '../../parse/saxes-read.js';
import { splitBom } from '../../util/bom.js';
import type { Diagnostic } from '../diagnostic.js';
import { compiledSchema } from './compiled-schema.js';
import { validateThroughDocument } from './document-schema.js';
import { LEVEL_ERROR, type LibxmlFinding } from './libxml.js';
import { readLibxmlSchemaError } from './libxml-issue.js';
import { ElementLocator } from './locate.js';
import { schemaDetails, schemaMessage } from './schema-messages.js';
import { refuseOverLimits } from './over-limits.js';
import { refuseUnsafeXml } from './unsafe-input.js';

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

function syntaxDiagnostic(e: LibxmlFinding): Diagnostic {
  const text = (e.message || 'The XML could not be read.').trim().replace(/\s+/g, ' ').replace(/\.$/, '');
  let message = text.charAt(0).toUpperCase() + text.slice(1);
  for (const [re, say] of SYNTAX_WORDING) {
    const m = re.exec(text);
    if (m) {
      message = say(m);
      break;
    }
  }
  const { line, column } = e;
  return {
    rule: 'xml-syntax',
    severity: 'error',
    message: /[.!?]$/.test(message) ? message : `${message}.`,
    ...(line > 0 ? { line } : {}),
    ...(line > 0 && column > 0 ? { column } : {}),
    path: '/',
  };
}

/**
 * Which engine checks documents against the XSD: `compiled` (the native helper keeping one
 * compiled schema per process, see `compiled-schema.ts`) or `per-call` (libxmljs2's
 * `Document.validate()`, compiling the schema on each call) where the helper was not built.
 */
export function schemaEngine(): 'compiled' | 'per-call' {
  return compiledSchema() ? 'compiled' : 'per-call';
}

/**
 * Checks dialplan text: `xml-syntax` diagnostics for unsafe or malformed XML, otherwise a
 * `schema` diagnostic per XSD violation.
 *
 * @param input the text
 * @param parsed `parse(input)`, when the caller has it: schema errors are located in its
 *   tree instead of parsing the text again, and a document it holds is not scanned again
 *   for what parse() refuses
 */
export function validateXml(input: string, parsed?: ParseResult): Diagnostic[] {
  const xml = splitBom(input).body;
  if (!/\S/.test(xml)) return [emptyDocument()];
  // a document parse() read has passed the same refusals (a DOCTYPE, the shape limits) already
  if (!parsed?.document) {
    const refused = refuseUnsafeXml(xml) ?? refuseOverLimits(xml);
    if (refused) return [refused];
  }

  const findings = (compiledSchema() ?? validateThroughDocument)(xml);
  return diagnosticsOf(xml, findings, parsed);
}

/**
 * Diagnostics for what libxml2 found: the first syntax error alone when there is one (what
 * follows it is mostly its consequence), else every schema error.
 */
export function diagnosticsOf(xml: string, findings: readonly LibxmlFinding[], parsed?: ParseResult): Diagnostic[] {
  const syntax = findings.find((f) => !f.schema && f.level >= LEVEL_ERROR);
  if (syntax) return [syntaxDiagnostic(syntax)];
  const errors = findings.filter((f) => f.schema && f.level >= LEVEL_ERROR);
  return errors.length === 0 ? [] : schemaDiagnostics(xml, errors, parsed);
}

function schemaDiagnostics(xml: string, errors: readonly LibxmlFinding[], parsed?: ParseResult): Diagnostic[] {
  // The syntax tree is only built when there is something to point at.
  const parseResult = parsed ?? parse(xml);
  // parse() refuses an XInclude element or namespace that libxml2 reads without acting on
  // (it is never asked to process XInclude). Such an element is never in the schema, so it
  // ends up here: report the refusal rather than the schema errors it causes.
  const refused = parseResult.diagnostics.filter((d) => d.rule === 'xml-syntax');
  if (refused.length > 0) return refused;
  const doc = parseResult.document;
  // parse() reports a wrong root element with its position; libxml2 gives only a line
  const rootLoc = parseResult.diagnostics.find((d) => d.rule === 'schema');
  const locator = doc ? new ElementLocator(xml, doc) : undefined;
  const out: Diagnostic[] = [];
  for (const e of errors) {
    const read = readLibxmlSchemaError(e.message, e.line || null);
    if (read === undefined) {
      const text = e.message.trim();
      out.push({ rule: 'schema', severity: 'error', message: text, ...(e.line ? { line: e.line } : {}), path: '/' });
      continue;
    }
    const at = read.issue.kind === 'wrong-root' ? undefined : locator?.locate(read);
    const loc =
      at?.node.loc ??
      (read.issue.kind === 'wrong-root' && rootLoc?.line !== undefined && rootLoc.column !== undefined
        ? { line: rootLoc.line, column: rootLoc.column }
        : undefined);
    const ctx = at ? { node: at.node, ...(at.parent ? { parent: at.parent } : {}) } : {};
    out.push({
      rule: 'schema',
      severity: 'error',
      message: schemaMessage(read, ctx),
      ...(loc ? { line: loc.line, column: loc.column } : read.line > 0 ? { line: read.line } : {}),
      path: at?.path ?? '/',
      ...schemaDetails(read, ctx),
    });
  }
  return out;
}
