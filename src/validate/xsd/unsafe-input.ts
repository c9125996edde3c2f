/**
 * Refuses what could make an XML parser read files, reach the network or expand without
 * bound, before libxml2 sees the text: a DOCTYPE (the only place entities can be declared).
 * The same rule as `parse()`, done as a cheap scan of the prolog so a 10 MB plan costs next
 * to nothing.
 *
 * XInclude is not checked here: libxml2 is never asked to process it (`xinclude: false`, and
 * the streaming validator does not either), so it is no danger to the scan. A real
 * `<xi:include>` element is not in the schema, and the schema errors it causes are reported
 * as `parse()`'s refusal (see `validate-xml.ts`); a text merely mentioning it is fine.
 *
 * @module
 */
import { lineStarts, positionAt } from '../../util/line-starts.js';
import type { Diagnostic } from '../diagnostic.js';

function refuse(xml: string, offset: number, message: string): Diagnostic {
  return { rule: 'xml-syntax', severity: 'error', message, ...positionAt(lineStarts(xml), offset), path: '/' };
}

/**
 * The offset of a `<!DOCTYPE` in the prolog, or -1. Only the prolog is scanned: a DOCTYPE
 * after the root is a well-formedness error libxml2 reports without acting on it, and
 * comments, processing instructions and CDATA may mention the word harmlessly. Also used for
 * SOAP requests and responses, which are just as untrusted.
 */
export function doctypeOffset(xml: string): number {
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const c = xml.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) {
      i++;
      continue;
    }
    if (c !== 0x3c /* < */) return -1; // text before the root: libxml2 reports it
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end === -1) return -1;
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) return -1;
      i = end + 3;
    } else if (xml.startsWith('<!', i)) {
      // <!DOCTYPE, or anything declaration-like (<!ENTITY outside a DOCTYPE is malformed anyway)
      return i;
    } else {
      return -1; // the root element: the prolog is over
    }
  }
  return -1;
}

/**
 * Checks untrusted XML for a DOCTYPE and with it entity declarations.
 * Returns the `xml-syntax` diagnostic that refuses it, or `undefined` when it is safe to parse.
 */
export function refuseUnsafeXml(xml: string): Diagnostic | undefined {
  const doctype = doctypeOffset(xml);
  if (doctype !== -1) {
    return refuse(
      xml,
      doctype,
      'A DOCTYPE is not allowed in a dialplan (entity declarations could read files or expand without bound).',
    );
  }
  return undefined;
}
