/**
 * The SOAP 1.2 service at `/api/1.1/soap12/call`, `/broadcast` and `/number`, in the
 * order SOAP's processing model asks for: the method and media type, the charset, the
 * envelope's version, the header blocks that must be understood, then the service schema,
 * the operation and its SOAP action, and finally the operation's handler.
 *
 * @module
 */
import type libxml from 'libxmljs2';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeXml } from '../charset.js';
import { SOAP11_NS, SOAP12_NS, SVC_NS } from '../envelope-xml.js';
import { OFFICIAL_OPERATIONS } from '../official-operations.js';
import { schemaPath } from '../paths.js';
import { OPERATIONS, type Operation } from '../soap-operations.js';
import type { Route, SandboxContext } from './context.js';
import { envelopeValidator, type EnvelopeValidator } from './envelope-schema.js';
import { Fault } from './fault.js';
import { operationHandlers } from './operations.js';
import { NS } from './payload.js';
import { faultEnvelope, faultStatus, soapFault, versionMismatch11 } from './responses.js';
import { SandboxDataError } from './store.js';

/** Where the SOAP 1.2 services live. */
export const SOAP_BASE_PATH = '/api/1.1/soap12';

// Compiled on the first sandbox, shared by every later one in the process.
let validator: EnvelopeValidator | undefined;

// The roles whose header blocks are addressed to the sandbox (SOAP 1.2 Part 1, §2.2).
const OUR_ROLES = new Set([undefined, `${SOAP12_NS}/role/next`, `${SOAP12_NS}/role/ultimateReceiver`]);

function answer(res: ServerResponse, status: number, body: string, contentType = 'application/soap+xml; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** The header blocks addressed to us that say they must be understood; the sandbox understands none. */
function notUnderstood(doc: libxml.Document): libxml.Element[] {
  return doc.find<libxml.Element>('/env:Envelope/env:Header/*', NS).filter((block) => {
    const envAttr = (name: string) => block.attrs().find((a) => a.name() === name && a.namespace()?.href() === SOAP12_NS)?.value().trim();
    const must = envAttr('mustUnderstand');
    const role = envAttr('role');
    return (must === 'true' || must === '1') && OUR_ROLES.has(role);
  });
}

/** The port type of each service, as its SOAP actions name it. */
const PORT_TYPES = { call: 'CallServicePortType', broadcast: 'BroadcastServicePortType', number: 'NumberServicePortType' } as const;

/** The SOAP route of one sandbox. */
export function soapRoute(ctx: SandboxContext): Route {
  validator ??= envelopeValidator(schemaPath('callfire-soap.xsd'));
  const check = validator;
  const handlers = operationHandlers(ctx);
  const { log } = ctx;

  function handle(req: IncomingMessage, res: ServerResponse, bytes: Buffer): void {
    const path = (req.url ?? '/').split('?')[0]!;
    const service = path.slice(SOAP_BASE_PATH.length + 1);
    const refuse = (status: number, code: 'BAD_REQUEST' | 'NOT_IMPLEMENTED', message: string, detail?: string) => {
      log(`POST ${path} -> ${status} ${code}: ${message}`);
      answer(res, status, faultEnvelope(code, message, detail));
    };
    if (service !== 'call' && service !== 'broadcast' && service !== 'number') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`no service at ${path}; use ${SOAP_BASE_PATH}/call, ${SOAP_BASE_PATH}/broadcast or ${SOAP_BASE_PATH}/number\n`);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain' }).end('POST a SOAP 1.2 envelope\n');
      return;
    }
    const contentType = req.headers['content-type'] ?? '';
    const media = contentType.split(';')[0]!.trim().toLowerCase();
    if (media !== 'application/soap+xml' && media !== 'text/xml') {
      refuse(415, 'BAD_REQUEST', 'SOAP 1.2 only: Content-Type must be application/soap+xml');
      return;
    }
    const decoded = decodeXml(bytes, contentType);
    if ('error' in decoded) {
      refuse(400, 'BAD_REQUEST', decoded.error);
      return;
    }
    const checked = check(decoded.text);
    const root = checked.doc?.root() ?? null;
    const rootNs = root?.namespace()?.href();
    // A SOAP 1.1 envelope: tell its client, in its own version, which one we speak.
    if (rootNs === SOAP11_NS) {
      log(`POST ${path} -> 500 VersionMismatch (SOAP 1.1)`);
      answer(res, 500, versionMismatch11('This service speaks SOAP 1.2 only: send application/soap+xml with a SOAP 1.2 envelope'), 'text/xml; charset=utf-8');
      return;
    }
    if (media === 'text/xml') {
      refuse(415, 'BAD_REQUEST', 'SOAP 1.2 only: Content-Type must be application/soap+xml');
      return;
    }
    if (root !== null && (root.name() !== 'Envelope' || rootNs !== SOAP12_NS)) {
      log(`POST ${path} -> 500 VersionMismatch`);
      answer(res, 500, soapFault('env:VersionMismatch', `the root element must be Envelope in ${SOAP12_NS}`, (h) => h.ele(SOAP12_NS, 'env:Upgrade').ele(SOAP12_NS, 'env:SupportedEnvelope').att('qname', 'env:Envelope')));
      return;
    }
    const blocks = checked.doc === undefined ? [] : notUnderstood(checked.doc);
    if (blocks.length > 0) {
      const names = blocks.map((b) => `{${b.namespace()?.href() ?? ''}}${b.name()}`);
      log(`POST ${path} -> 500 MustUnderstand ${names.join(', ')}`);
      answer(
        res,
        500,
        soapFault('env:MustUnderstand', `header block(s) not understood: ${names.join(', ')}`, (header) => {
          blocks.forEach((b, i) => {
            const ns = b.namespace()?.href() ?? '';
            header.ele(SOAP12_NS, 'env:NotUnderstood').att('qname', `nu${i}:${b.name()}`).att(`xmlns:nu${i}`, ns);
          });
        }),
      );
      return;
    }
    const payload = checked.doc?.get<libxml.Element>('/env:Envelope/env:Body/*', NS) ?? null;
    const name = payload?.name();
    if (payload !== null && name !== undefined && payload.namespace()?.href() === SVC_NS && !Object.hasOwn(OPERATIONS, name)) {
      const official = OFFICIAL_OPERATIONS.get(name);
      if (official !== undefined) {
        refuse(500, 'NOT_IMPLEMENTED', `${official} is an operation of CallFire's API that the sandbox does not implement; it implements ${Object.keys(OPERATIONS).join(', ')}`);
        return;
      }
    }
    if (checked.errors.length > 0 || payload === null || name === undefined) {
      refuse(400, 'BAD_REQUEST', 'The request does not match the service schema', checked.errors.slice(0, 20).join('\n'));
      return;
    }
    const operation = name as Operation;
    if (!Object.hasOwn(handlers, operation) || OPERATIONS[operation] !== service) {
      refuse(400, 'BAD_REQUEST', `${operation} is not an operation of ${SOAP_BASE_PATH}/${service}`);
      return;
    }
    const action = /action\s*=\s*"([^"]*)"/.exec(contentType)?.[1];
    const port = PORT_TYPES[service];
    if (action !== undefined && action !== `http://api.callfire.com/service/wsdl/${port}/${operation}`) {
      refuse(400, 'BAD_REQUEST', `SOAP action ${action} does not match ${operation}`);
      return;
    }
    try {
      const body = handlers[operation](payload);
      log(`POST ${path} ${operation} -> 200`);
      answer(res, 200, body);
    } catch (e) {
      // The data file could not be written: the change was taken back, say so and let the client retry.
      const fault = e instanceof SandboxDataError ? new Fault('UNAVAILABLE', `the sandbox could not store the change: ${e.message}`) : e;
      if (!(fault instanceof Fault)) throw e;
      log(`POST ${path} ${operation} -> ${faultStatus(fault.code)} ${fault.code}: ${fault.message}`);
      answer(res, faultStatus(fault.code), faultEnvelope(fault.code, fault.message, fault.detail));
    }
  }

  return {
    prefix: `${SOAP_BASE_PATH}/`,
    handle,
    refuse(res, status, message) {
      answer(res, status, faultEnvelope(status >= 500 ? 'UNAVAILABLE' : 'BAD_REQUEST', message));
    },
  };
}
