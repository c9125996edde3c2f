/**
 * The SOAP 1.2 service at `/api/1.1/soap12/call` and `/api/1.1/soap12/broadcast`: checks the
 * method, Content-Type and SOAP action, validates the envelope against the service schema,
 * and hands the request element to its operation's handler.
 *
 * @module
 */
import type libxml from 'libxmljs2';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { schemaPath } from '../paths.js';
import { OPERATIONS, type Operation } from '../soap-client.js';
import type { SandboxContext } from './context.js';
import { envelopeValidator, type EnvelopeValidator } from './envelope-schema.js';
import { Fault } from './fault.js';
import { operationHandlers } from './operations.js';
import { NS } from './payload.js';
import { faultEnvelope, faultStatus } from './responses.js';
import type { Route } from './routes.js';

/** Where the SOAP 1.2 services live. */
export const SOAP_BASE_PATH = '/api/1.1/soap12';

// Compiled on the first sandbox, shared by every later one in the process.
let validator: EnvelopeValidator | undefined;

function answer(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/soap+xml; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

/** The SOAP route of one sandbox. */
export function soapRoute(ctx: SandboxContext): Route {
  validator ??= envelopeValidator(schemaPath('callfire-soap.xsd'));
  const check = validator;
  const handlers = operationHandlers(ctx);
  const { log } = ctx;

  function handle(req: IncomingMessage, res: ServerResponse, bytes: Buffer): void {
    const path = (req.url ?? '/').split('?')[0]!;
    const service = path.slice(SOAP_BASE_PATH.length + 1);
    if (service !== 'call' && service !== 'broadcast') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`no service at ${path}; use ${SOAP_BASE_PATH}/call or ${SOAP_BASE_PATH}/broadcast\n`);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain' }).end('POST a SOAP 1.2 envelope\n');
      return;
    }
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.startsWith('application/soap+xml')) {
      answer(res, 415, faultEnvelope('BAD_REQUEST', 'SOAP 1.2 only: Content-Type must be application/soap+xml'));
      return;
    }
    const checked = check(bytes.toString('utf8'));
    const payload = checked.doc?.get<libxml.Element>('/env:Envelope/env:Body/*', NS) ?? null;
    const operation = payload?.name() as Operation | undefined;
    if (checked.errors.length > 0 || payload === null || operation === undefined) {
      log(`POST ${path} ${operation ?? '?'} -> 400 BAD_REQUEST (schema)`);
      answer(res, 400, faultEnvelope('BAD_REQUEST', 'The request does not match the service schema', checked.errors.slice(0, 20).join('\n')));
      return;
    }
    if (!Object.hasOwn(handlers, operation) || OPERATIONS[operation] !== service) {
      answer(res, 400, faultEnvelope('BAD_REQUEST', `${operation} is not an operation of ${SOAP_BASE_PATH}/${service}`));
      return;
    }
    const action = /action="([^"]*)"/.exec(contentType)?.[1];
    const port = service === 'call' ? 'CallServicePortType' : 'BroadcastServicePortType';
    if (action !== undefined && action !== `http://api.callfire.com/service/wsdl/${port}/${operation}`) {
      answer(res, 400, faultEnvelope('BAD_REQUEST', `SOAP action ${action} does not match ${operation}`));
      return;
    }
    try {
      const body = handlers[operation](payload);
      log(`POST ${path} ${operation} -> 200`);
      answer(res, 200, body);
    } catch (e) {
      if (!(e instanceof Fault)) throw e;
      log(`POST ${path} ${operation} -> ${faultStatus(e.code)} ${e.code}: ${e.message}`);
      answer(res, faultStatus(e.code), faultEnvelope(e.code, e.message, e.detail));
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
