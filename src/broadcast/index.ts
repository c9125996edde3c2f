/**
 * SendCall: preview or submit IVR and voice broadcasts to CallFire's SOAP 1.2 service, follow
 * them, and a local sandbox of the service.
 *
 * @module
 */
export {
  CallFireClient,
  DEFAULT_ENDPOINT,
  type CallFireClientOptions,
  type HttpRequestPreview,
  type ProgressEvent,
  type SendCallPreview,
  type SendCallResult,
} from './client.js';
export { CredentialsError, InvalidRequestError, SoapFaultError, TransportError } from './errors.js';
export { prepareSendCall, newRequestId, type PreparedOutcome, type PrepareOptions } from './prepare.js';
export { checkSendCall, type RequestProblem } from './request-check.js';
export { checkDialplan, dialplanXml, type CheckedDialplan } from './dialplan-check.js';
export { parseNumbers, numberOf, type NumberProblem, type ParsedNumbers } from './numbers.js';
export { startSandbox, type Sandbox, type SandboxOptions } from './sandbox/server.js';
export { envelopeValidator, type EnvelopeValidator, type CheckedEnvelope } from './sandbox/envelope-schema.js';
export { schemaPath } from './paths.js';
export { OPERATIONS, type Operation } from './soap-client.js';
export type * from './types.js';
export { CALL_RESULTS } from './types.js';
