/**
 * The `soap` package, set up once from the project's own WSDL (`schemas/callfire-soap12.wsdl`).
 * It writes the SOAP 1.2 envelopes and reads the responses; the HTTP exchange itself is ours
 * (see `http.ts`), so previews never touch the network and retries resend the same bytes.
 *
 * @module
 */
import type * as Soap from 'soap';
import { onDemand } from '../util/on-demand.js';
import { schemaPath } from './paths.js';
import { OPERATIONS, type Envelope, type Operation } from './soap-operations.js';

const soap = onDemand<typeof Soap>('soap');

interface Captured {
  body?: string;
  headers?: Record<string, string>;
}

/** Passed through soap's per-call options to the capturing transport below. */
interface CaptureOptions {
  readonly capture: Captured;
}

class EnvelopeCaptured extends Error {}

type SoapMethod = (args: unknown, callback: (err: unknown) => void, options: CaptureOptions) => void;

let client: Promise<Soap.Client> | undefined;

/**
 * The soap client, created on first use and reused. Its transport never sends: it keeps the
 * envelope and headers soap built, then stops the call.
 */
export function soapClient(): Promise<Soap.Client> {
  client ??= soap()
    .createClientAsync(schemaPath('callfire-soap12.wsdl'), {
      forceSoap12Headers: true,
      envelopeKey: 'env',
      // Keep times as CallFire wrote them; soap would make Date objects of some and not others.
      // Keep numbers and booleans as text too: soap's parseInt reads "12abc" as 12, and
      // normalize.ts checks their syntax instead.
      customDeserializer: Object.fromEntries(
        ['dateTime', 'date', 'time', 'int', 'integer', 'long', 'short', 'double', 'float', 'decimal', 'boolean', 'bool'].map((type) => [type, (text: string) => text]),
      ),
      httpClient: {
        request(_url: string, data: string, callback: (err: unknown) => void, headers: Record<string, string>, options: CaptureOptions) {
          options.capture.body = data;
          options.capture.headers = headers;
          callback(new EnvelopeCaptured());
          return undefined as never;
        },
      } as unknown as Soap.HttpClient,
    })
    .catch((e: unknown) => {
      client = undefined;
      throw e;
    });
  return client;
}

/**
 * Builds the SOAP envelope of an operation. `args` are in soap's shape (schema order,
 * `attributes`/`$value` for elements with attributes).
 */
export async function buildEnvelope(operation: Operation, args: Record<string, unknown>): Promise<Envelope> {
  const c = await soapClient();
  const method = (c as unknown as Record<string, SoapMethod>)[operation];
  if (typeof method !== 'function') throw new Error(`the WSDL has no operation ${operation}`);
  const capture: Captured = {};
  await new Promise<void>((resolve, reject) => {
    method(args, (err) => (err instanceof EnvelopeCaptured ? resolve() : reject(err as Error)), { capture });
  });
  if (capture.body === undefined || capture.headers === undefined) throw new Error(`soap built no envelope for ${operation}`);
  return { operation, service: OPERATIONS[operation], headers: capture.headers, body: capture.body };
}

/** The child elements of an operation's request element, and the prefix soap writes them with. */
export interface RequestSequence {
  /** The namespace prefix soap gives the request element and its children (from the WSDL). */
  readonly prefix: string;
  /** The children's names in the schema's sequence order, base types' elements first. */
  readonly children: readonly string[];
}

const sequences = new Map<Operation, RequestSequence>();

/**
 * The sequence of an operation's request element as soap read it from the WSDL and its schema
 * (soap's `describe()`: keys in sequence order, `Name[]` for repeated elements).
 */
export async function requestSequence(operation: Operation): Promise<RequestSequence> {
  const known = sequences.get(operation);
  if (known !== undefined) return known;
  const c = await soapClient();
  type Described = Record<string, Record<string, Record<string, { input?: Record<string, unknown> }>>>;
  const ports = Object.values(c.describe() as Described).flatMap((service) => Object.values(service));
  const input = ports.map((port) => port[operation]?.input).find((i) => i !== undefined);
  const prefix = input?.['targetNSAlias'];
  if (input === undefined || typeof prefix !== 'string') throw new Error(`the WSDL has no request element for ${operation}`);
  const children = Object.keys(input)
    .filter((k) => k !== 'targetNSAlias' && k !== 'targetNamespace')
    .map((k) => k.replace(/\[\]$/, ''));
  const sequence = { prefix, children };
  sequences.set(operation, sequence);
  return sequence;
}

/** What a response envelope holds: the body's content, or a fault. */
export type ParsedResponse =
  | { readonly kind: 'body'; readonly body: Record<string, unknown> }
  | { readonly kind: 'fault'; readonly fault: Record<string, unknown> }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** Reads a SOAP response envelope with soap's parser (element types from the WSDL). */
export async function parseEnvelope(xml: string): Promise<ParsedResponse> {
  const c = await soapClient();
  try {
    const obj = c.wsdl.xmlToObject(xml) as { Body?: Record<string, unknown> | null } | undefined;
    if (obj === undefined || obj === null || !('Body' in obj)) return { kind: 'unreadable', reason: 'no SOAP Body' };
    return { kind: 'body', body: obj.Body ?? {} };
  } catch (e) {
    const root = (e as { root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } } }).root;
    const fault = root?.Envelope?.Body?.Fault;
    if (fault !== undefined) return { kind: 'fault', fault };
    return { kind: 'unreadable', reason: unreadableReason(e) };
  }
}

/**
 * Why soap could not read a response. For XML that is not well-formed (a truncated body, a
 * proxy's HTML error page) soap throws a plain object, not an Error:
 * `{ Fault: { faultstring: 'Invalid XML', detail: 'Error: Unclosed root tag\nLine: 0\nColumn: 105…' } }`.
 */
function unreadableReason(e: unknown): string {
  const firstLine = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim().split('\n')[0] : undefined);
  if (e instanceof Error) return firstLine(e.message) ?? 'unreadable XML';
  const fault = (e as { Fault?: { faultstring?: unknown; detail?: unknown } } | null)?.Fault;
  const detail = typeof fault?.detail === 'string' ? fault.detail : '';
  const what = firstLine(detail)?.replace(/^Error:\s*/, '');
  if (what !== undefined) {
    // sax counts lines from 0 and columns from 1.
    const at = /Line: (\d+)\s+Column: (\d+)/.exec(detail);
    return `not well-formed XML: ${what}${at ? ` at line ${Number(at[1]) + 1}, column ${at[2]}` : ''}`;
  }
  return firstLine(fault?.faultstring) ?? 'unreadable XML';
}
