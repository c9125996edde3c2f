/**
 * SendCall: preview or submit IVR and voice broadcasts to CallFire's SOAP 1.2 service (API 1.1)
 * or its REST API 2.0, follow them, and a local sandbox that speaks both.
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
// API 2.0 (REST/JSON) beside 1.1: the same broadcast files, mapped to CallBroadcast.
export {
  CallFireV2Client,
  DEFAULT_V2_ENDPOINT,
  type FindBroadcastsQuery,
  type NumberConfig,
  type V2HttpRequest,
  type V2SendPreview,
  type V2SendResult,
} from './v2/client.js';
export { ApiError } from './v2/errors.js';
export { prepareV2, isCallBroadcastShape, type CallBroadcastInput, type PreparedV2, type PrepareV2Options } from './v2/prepare.js';
export { toCallBroadcast, requestLabel, type MappedBroadcast } from './v2/mapping.js';
export type * from './v2/types.js';
