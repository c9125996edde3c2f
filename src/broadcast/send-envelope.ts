/**
 * The SendCall envelope. `soap` writes it from the WSDL, with two adjustments made here:
 *
 * - The ToNumber list, the one part that grows with the broadcast, is written by
 *   {@link toNumberElements}. soap spends about 10 µs per element (25 µs on a loaded
 *   machine), whatever shape each element is given (plain strings, `attributes`/`$value`, or a
 *   raw `$xml` per element all go through its per-element schema and namespace lookups), so
 *   100,000 numbers take over a second; this writes the same bytes in a few tens of ms (a test
 *   holds the two against each other; `bench/send.ts` measures both). soap writes everything
 *   else: the elements before ToNumber in SendCall's schema sequence and those after it are
 *   two envelopes, joined at the SendCall element's own tags, with the list between them.
 *   soap's `$xml` cannot do this in one envelope: it replaces the whole object it sits in.
 * - soap passes any string that starts with `<![CDATA[` and ends with `]]>` through
 *   unescaped, so such a value could inject markup; {@link cdataSafe} re-encodes those as a
 *   proper CDATA section that reads back as exactly the original text.
 *
 * @module
 */
import { buildEnvelope, requestSequence } from './soap-client.js';
import type { Envelope } from './soap-operations.js';
import type { PreparedSendCall, ToNumber } from './types.js';
import { sendCallArgs } from './wire.js';

const NEEDS_ESCAPE = /[&<>"'\t\r\n]/;

/** Escapes text for element content or a double-quoted attribute, the way soap does. */
export function escapeXml(text: string): string {
  // Most values (phone numbers, ids) need nothing: one test instead of eight replaces.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#x9;')
    .replace(/\r/g, '&#xD;')
    .replace(/\n/g, '&#xA;');
}

// Attribute names a recipient's contact fields may use: XML names without a prefix, and not
// the reserved xml* names (an "xmlns" attribute would redeclare a namespace).
const ATTRIBUTE_NAME = /^(?![Xx][Mm][Ll])[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Writes `<qname ClientData=".." field="..">number</qname>` for every recipient.
 * Throws a TypeError for a contact field that is not a usable attribute name.
 */
export function toNumberElements(list: readonly ToNumber[], qname: string): string {
  const parts: string[] = new Array<string>(list.length);
  for (let i = 0; i < list.length; i++) {
    const to = list[i]!;
    if (typeof to === 'string') {
      parts[i] = `<${qname}>${escapeXml(to)}</${qname}>`;
      continue;
    }
    let attrs = to.ClientData === undefined ? '' : ` ClientData="${escapeXml(to.ClientData)}"`;
    for (const [name, value] of Object.entries(to.Attributes ?? {})) {
      if (!ATTRIBUTE_NAME.test(name) || name === 'ClientData') throw new TypeError(`ToNumber ${i}: "${name}" cannot be a contact field name`);
      attrs += ` ${name}="${escapeXml(value)}"`;
    }
    parts[i] = `<${qname}${attrs}>${escapeXml(to.Value)}</${qname}>`;
  }
  return parts.join('');
}

/** A string soap would pass through raw, re-encoded as CDATA that reads back exactly. */
export function cdataSafe(value: string): string {
  if (!(value.startsWith('<![CDATA[') && value.endsWith(']]>'))) return value;
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** {@link cdataSafe} applied to every string in soap arguments. */
export function cdataSafeDeep(value: unknown): unknown {
  if (typeof value === 'string') return cdataSafe(value);
  if (Array.isArray(value)) return value.map(cdataSafeDeep);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cdataSafeDeep(v);
    return out;
  }
  return value;
}

/**
 * Builds the SendCall envelope for a prepared request: soap writes the elements before and
 * after the ToNumber list (as two envelopes, split where the schema's sequence has ToNumber),
 * {@link toNumberElements} writes the list, and the three are joined inside the SendCall
 * element. The join points are SendCall's open and close tags, which only namespace
 * declarations come before and only closing tags after, so no user text can be taken for them.
 */
export async function sendCallEnvelope(request: PreparedSendCall): Promise<Envelope> {
  const { prefix, children } = await requestSequence('SendCall');
  const listAt = children.indexOf('ToNumber');
  if (listAt < 0) throw new Error('the WSDL has no ToNumber in SendCall');
  const before = new Set(children.slice(0, listAt));
  const head: Record<string, unknown> = {};
  const tail: Record<string, unknown> = {};
  const args = cdataSafeDeep(sendCallArgs({ ...request, ToNumber: [] })) as Record<string, unknown>;
  for (const [name, value] of Object.entries(args)) if (name !== 'ToNumber') (before.has(name) ? head : tail)[name] = value;
  const first = await buildEnvelope('SendCall', head);
  const second = await buildEnvelope('SendCall', tail);
  const opened = (body: string): number => {
    const tag = body.indexOf(`<${prefix}:SendCall`);
    return tag < 0 ? -1 : body.indexOf('>', tag) + 1;
  };
  const closed = (body: string): number => body.lastIndexOf(`</${prefix}:SendCall>`);
  const end = closed(first.body);
  const start = opened(second.body);
  if (start <= 0 || end < 0 || first.body.slice(0, opened(first.body)) !== second.body.slice(0, start) || first.body.slice(end) !== second.body.slice(closed(second.body))) {
    throw new Error('soap wrote the SendCall element differently in the two halves');
  }
  const body = first.body.slice(0, end) + toNumberElements(request.ToNumber, `${prefix}:ToNumber`) + second.body.slice(start);
  return { ...first, body };
}
