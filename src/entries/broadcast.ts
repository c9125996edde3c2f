/**
 * `callfire-dialplan/broadcast`: preview or submit IVR and voice broadcasts to CallFire's SOAP
 * 1.2 service (API 1.1) or its REST API 2.0, and follow them. The local sandbox that speaks
 * both is in `callfire-dialplan/sandbox`.
 *
 * @module callfire-dialplan/broadcast
 */
export {
  CallFireClient,
  DEFAULT_ENDPOINT,
  type BroadcastReader,
  type CallFireClientOptions,
  type RestOperation,
  type HttpRequestPreview,
  type ProgressEvent,
  type SendCallPreview,
  type SendCallResult,
} from '../broadcast/client.js';
export type { Operation } from '../broadcast/soap-operations.js';
export { CredentialsError, InvalidRequestError, SoapFaultError, TransportError } from '../broadcast/errors.js';
export { prepareSendCall, newRequestId, type PreparedOutcome, type PrepareOptions } from '../broadcast/prepare.js';
export { checkSendCall, type RequestProblem } from '../broadcast/request-check.js';
export { checkDialplan, dialplanXml, type CheckedDialplan } from '../broadcast/dialplan-check.js';
export { parseNumbers, numberOf, type NumberProblem, type ParsedNumbers } from '../broadcast/numbers.js';
export type * from '../broadcast/types.js';
export { CALL_RESULTS } from '../broadcast/types.js';
// API 2.0 (REST/JSON) beside 1.1: the same broadcast files, mapped to CallBroadcast.
export {
  CallFireV2Client,
  DEFAULT_V2_ENDPOINT,
  type FindBroadcastsQuery,
  type NumberConfig,
  type V2HttpRequest,
  type V2SendPreview,
  type V2SendResult,
} from '../broadcast/v2/client.js';
export { ApiError } from '../broadcast/v2/errors.js';
export { prepareV2, isCallBroadcastShape, type CallBroadcastInput, type PreparedV2, type PrepareV2Options } from '../broadcast/v2/prepare.js';
export { toCallBroadcast, requestLabel, type MappedBroadcast } from '../broadcast/v2/mapping.js';
export type * from '../broadcast/v2/types.js';
