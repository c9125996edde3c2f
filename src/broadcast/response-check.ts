/**
 * What the client checks in a response before believing it: the bytes decode in their
 * declared charset, there is no DOCTYPE, the envelope is SOAP 1.2, and the Body holds a
 * SOAP 1.2 Fault or the operation's own result element in CallFire's namespace (a
 * `CreatedId` in any other namespace is not CallFire's answer). SOAP 1.2-encoded
 * multi-references (`enc:ref="#ref1"` pointing at the element with `enc:id="ref1"`, as PHP's
 * SoapServer writes an object that repeats) are resolved, within a bound, so soap's reader
 * sees every value where it belongs. (SOAP 1.1's `href`/`id` pair is not read: CallFire's own
 * elements carry an `id` attribute that is data.)
 *
 * @module
 */
import type * as Libxml from 'libxmljs2';
import { decodeXml } from './charset.js';
import { DATA_NS, parseUntrustedEnvelope, SOAP11_NS, SOAP12_NS, SVC_NS } from './envelope-xml.js';
import type { Operation } from './soap-operations.js';

/** The result element of each operation, with its namespace; ControlBroadcast and ConfigureNumber answer with an empty Body. */
export const RESULT_ELEMENT: Readonly<Record<Operation, { readonly name: string; readonly ns: string } | undefined>> = {
  SendCall: { name: 'CreatedId', ns: SVC_NS },
  CreateSound: { name: 'CreatedId', ns: SVC_NS },
  QueryCalls: { name: 'CallQueryResult', ns: SVC_NS },
  GetCall: { name: 'Call', ns: DATA_NS },
  GetBroadcast: { name: 'Broadcast', ns: DATA_NS },
  GetBroadcastStats: { name: 'BroadcastStats', ns: DATA_NS },
  QueryBroadcasts: { name: 'BroadcastQueryResult', ns: SVC_NS },
  ControlBroadcast: undefined,
  ConfigureNumber: undefined,
  GetNumber: { name: 'Number', ns: DATA_NS },
};

/**
 * A response fit for soap's reader (`xml`, multi-references resolved), or why it is not:
 * `unreadable` when it is not a SOAP 1.2 envelope one can read, `unexpected` when it is one
 * but its Body holds something other than the operation's answer.
 */
export type CheckedResponse = { readonly xml: string } | { readonly unreadable: string } | { readonly unexpected: string };

const ENC12_NS = 'http://www.w3.org/2003/05/soap-encoding';
const ENC = { enc: ENC12_NS };
// Copies a response's multi-references may add: beyond this a response is not one to read.
const MAX_COPIED_NODES = 200_000;

function nsOf(el: Libxml.Element): string | undefined {
  return el.namespace()?.href();
}

function attrOf(el: Libxml.Element, name: string, ns: string | undefined): Libxml.Attribute | undefined {
  return el.attrs().find((a) => a.name() === name && a.namespace()?.href() === ns);
}

/** The element's reference (`enc:ref`, written `#id` by PHP and `id` by the SOAP 1.2 spec), if any. */
function referenceOf(el: Libxml.Element): { attr: Libxml.Attribute; id: string } | undefined {
  const attr = attrOf(el, 'ref', ENC12_NS);
  return attr === undefined ? undefined : { attr, id: attr.value().trim().replace(/^#/, '') };
}

/** Whether `inner` is `outer` or inside it. */
function contains(outer: Libxml.Element, inner: Libxml.Element): boolean {
  for (let n: Libxml.Element | Libxml.Document | null = inner; n !== null && n.type() === 'element'; n = (n as Libxml.Element).parent()) {
    if (n === outer) return true;
  }
  return false;
}

function countNodes(el: Libxml.Element): number {
  return 1 + el.find('.//node()').length;
}

/**
 * Replaces every reference by a copy of what it points at: `changed` says whether there was
 * any, `problem` why they cannot be resolved.
 */
function resolveReferences(doc: Libxml.Document): { readonly problem: string } | { readonly changed: boolean } {
  // XPath picks the elements in C: most responses have no reference, and then nothing else runs.
  const byRef = '//*[@enc:ref]';
  if (doc.find(byRef, ENC).length === 0) return { changed: false };
  const targets = new Map<string, Libxml.Element>();
  for (const el of doc.find<Libxml.Element>('//*[@enc:id]', ENC)) targets.set(attrOf(el, 'id', ENC12_NS)!.value().trim(), el);
  let copied = 0;
  // A copy can bring references of its own: repeat until none is left, within the bound.
  for (;;) {
    const refs = doc.find<Libxml.Element>(byRef, ENC).flatMap((el) => {
      const ref = referenceOf(el);
      return ref === undefined ? [] : [{ el, ...ref }];
    });
    if (refs.length === 0) return { changed: true };
    for (const { el, attr, id } of refs) {
      const target = targets.get(id);
      if (target === undefined) return { problem: `it refers to "${id}", which it does not contain` };
      if (contains(target, el)) return { problem: `"${id}" refers to an element that contains the reference (a cycle)` };
      attr.remove();
      // The target's own attributes (CallFire's id="…") belong to every place it stands for.
      for (const a of target.attrs()) if (a.namespace() === null && el.attr(a.name()) === null) el.attr({ [a.name()]: a.value() });
      for (const child of target.childNodes()) {
        const copy = child.clone();
        copied += copy.type() === 'element' ? countNodes(copy as Libxml.Element) : 1;
        if (copied > MAX_COPIED_NODES) return { problem: `its multi-references expand to more than ${MAX_COPIED_NODES} nodes` };
        el.addChild(copy);
      }
    }
  }
}

/** Checks a response body as described in the module docs. */
export function checkResponse(operation: Operation, bytes: Uint8Array, contentType: string | undefined): CheckedResponse {
  const decoded = decodeXml(bytes, contentType);
  if ('error' in decoded) return { unreadable: decoded.error };
  if (!/^\s*</.test(decoded.text)) return { unreadable: 'not XML' };
  let doc: Libxml.Document;
  try {
    doc = parseUntrustedEnvelope(decoded.text);
  } catch (e) {
    const { message, line, column } = e as Error & { line?: number; column?: number };
    // libxml2's own words for a text past its 10 MB guard (the one `huge` would lift).
    const what = /Huge input lookup/.test(message) ? 'a text in it is larger than the 10 MB libxml2 reads' : message.trim().split('\n')[0]!;
    return { unreadable: line === undefined ? what : `not well-formed XML: ${what} at line ${line}, column ${column ?? 0}` };
  }
  const root = doc.root();
  if (root === null) return { unreadable: 'an empty document' };
  if (nsOf(root) === SOAP11_NS) return { unreadable: 'a SOAP 1.1 envelope; the soap12 endpoint must answer in SOAP 1.2' };
  if (root.name() !== 'Envelope' || nsOf(root) !== SOAP12_NS) return { unreadable: `no SOAP 1.2 Envelope (the root is {${nsOf(root) ?? ''}}${root.name()})` };
  const body = doc.get<Libxml.Element>('/env:Envelope/env:Body', { env: SOAP12_NS });
  if (body === null) return { unreadable: 'no SOAP Body' };
  const child = body.childNodes().find((n): n is Libxml.Element => n.type() === 'element');
  const fault = child !== undefined && child.name() === 'Fault' && nsOf(child) === SOAP12_NS;
  const expected = RESULT_ELEMENT[operation];
  // An empty Body goes on: the client says which element it lacks.
  if (!fault && expected !== undefined && child !== undefined && (child.name() !== expected.name || nsOf(child) !== expected.ns)) {
    return { unexpected: `{${nsOf(child) ?? ''}}${child.name()}, not ${expected.name} in ${expected.ns}` };
  }
  const resolved = resolveReferences(doc);
  if ('problem' in resolved) return { unreadable: `the response cannot be read: ${resolved.problem}` };
  // written out again only when references were put in: otherwise soap reads the text just checked
  return { xml: resolved.changed ? doc.toString(false) : decoded.text };
}
