/**
 * Makes a broadcast ready for API 2.0, or says why it cannot go. Two inputs are taken: a
 * SendCall request with 1.1's field names (checked as for 1.1, then mapped, see
 * `mapping.ts`), or a body in API 2.0's own `CallBroadcast` shape (checked against
 * `schemas/call-broadcast.schema.json`). Either way the dialplan goes through the same
 * validation and lint gate as on 1.1, and the body is held against the schema before it may
 * be sent, so it carries only fields `CallBroadcast` declares. Nothing here touches the network.
 *
 * @module
 */
import type { PlanSource } from '../../ast/nodes.js';
import type { ValidationResult } from '../../validate/diagnostic.js';
import { checkDialplan } from '../dialplan-check.js';
import { newRequestId, prepareSendCall, type PrepareOptions } from '../prepare.js';
import { checkJson, requestProblem, type RequestProblem } from '../request-check.js';
import type { SendCallRequest } from '../types.js';
import { requestIdOfLabel, requestLabel, toCallBroadcast, REQUEST_LABEL_PREFIX } from './mapping.js';
import type { CallBroadcastBody } from './types.js';

/** The schema (in `schemas/`) of the bodies sent to `POST /calls/broadcasts`. */
export const CALL_BROADCAST_SCHEMA = 'call-broadcast.schema.json';

/** A body in API 2.0's `CallBroadcast` shape whose dialplan may also be a plan built with the DSL. @category API 2.0 (REST) */
export type CallBroadcastInput = Omit<CallBroadcastBody, 'dialplanXml'> & { readonly dialplanXml?: PlanSource };

/** A broadcast made ready for API 2.0. @category API 2.0 (REST) */
export interface PreparedV2 {
  /** True when it may be sent: no problems, no dialplan errors. */
  readonly ok: boolean;
  /** The body to POST (present when the request itself is well-formed). */
  readonly body?: CallBroadcastBody;
  /** The submission's id (`urn:uuid:…`), also carried as the label `request:<uuid>`. */
  readonly requestId: string;
  readonly label: string;
  readonly problems: readonly RequestProblem[];
  readonly dialplan?: ValidationResult;
  /** How many recipients the body holds. */
  readonly numbers: number;
  /** Recipients left out because ScrubBroadcastDuplicates asked for it. */
  readonly scrubbed: number;
}

/** Options of {@link prepareV2}. @category API 2.0 (REST) */
export interface PrepareV2Options extends PrepareOptions {
  /** The submission's id (a uuid, `urn:uuid:<uuid>` or `request:<uuid>`); overrides the request's own. */
  readonly requestId?: string;
}

const V1_FIELDS = ['ToNumber', 'IvrBroadcastConfig', 'VoiceBroadcastConfig', 'BroadcastName', 'RequestId', 'ScrubBroadcastDuplicates', 'Label', 'MaxActive', 'Type'];

/**
 * Whether a broadcast file is written in API 2.0's `CallBroadcast` shape rather than with
 * 1.1's field names: none of 1.1's request fields, and at least one of API 2.0's.
 * @category API 2.0 (REST)
 */
export function isCallBroadcastShape(input: object): boolean {
  const keys = Object.keys(input);
  return !keys.some((k) => V1_FIELDS.includes(k)) && keys.some((k) => ['recipients', 'dialplanXml', 'sounds', 'name', 'fromNumber'].includes(k));
}

/** A RequestId from what a user may type: a bare uuid, `urn:uuid:<uuid>` or `request:<uuid>`. */
export function normalRequestId(id: string): string {
  const trimmed = id.trim();
  const fromLabel = requestIdOfLabel(trimmed);
  if (fromLabel !== undefined) return fromLabel;
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(trimmed) ? trimmed : `urn:uuid:${trimmed}`;
}

/**
 * Prepares a broadcast for `POST /calls/broadcasts`.
 *
 * @example
 * ```ts
 * const { ok, body, label } = prepareV2({ ToNumber: ['13105551212'], IvrBroadcastConfig: { FromNumber: '12135551189', DialplanXml: plan } });
 * // body: { fromNumber: '12135551189', dialplanXml: …, recipients: [{ phoneNumber: '13105551212' }], labels: [label] }
 * ```
 * @category API 2.0 (REST)
 */
export function prepareV2(input: SendCallRequest | CallBroadcastInput, options: PrepareV2Options = {}): PreparedV2 {
  const given = options.requestId === undefined ? undefined : normalRequestId(options.requestId);
  if (isCallBroadcastShape(input)) return prepareOwnShape(input as CallBroadcastInput, given, options);
  const v1 = input as SendCallRequest;
  const prepared = prepareSendCall(given === undefined ? v1 : { ...v1, RequestId: given }, options);
  const requestId = prepared.request?.RequestId ?? given ?? v1.RequestId ?? (options.newRequestId ?? newRequestId)();
  const base = { requestId, label: requestLabel(requestId), ...(prepared.dialplan ? { dialplan: prepared.dialplan } : {}) };
  if (prepared.request === undefined) return { ...base, ok: false, problems: prepared.problems, numbers: Array.isArray(v1.ToNumber) ? v1.ToNumber.length : 0, scrubbed: 0 };
  const mapped = toCallBroadcast(prepared.request);
  const problems = [...prepared.problems, ...mapped.problems, ...checkJson(CALL_BROADCAST_SCHEMA, mapped.body)];
  return {
    ...base,
    ok: prepared.ok && problems.length === 0,
    ...(problems.length === 0 ? { body: mapped.body } : {}),
    problems,
    numbers: mapped.body.recipients?.length ?? 0,
    scrubbed: mapped.scrubbed,
  };
}

function prepareOwnShape(input: CallBroadcastInput, given: string | undefined, options: PrepareV2Options): PreparedV2 {
  const { $schema: _hint, ...rest } = input as CallBroadcastInput & { $schema?: string };
  const checked = rest.dialplanXml === undefined ? undefined : checkDialplan(rest.dialplanXml, options.lintConfig);
  const labels = [...(rest.labels ?? [])];
  const own = labels.map(requestIdOfLabel).find((r) => r !== undefined);
  const requestId = given ?? own ?? (options.newRequestId ?? newRequestId)();
  const label = requestLabel(requestId);
  const body: CallBroadcastBody = {
    ...rest,
    ...(checked === undefined ? {} : { dialplanXml: checked.xml }),
    // One submission, one request label: a retry with --request-id replaces the file's.
    labels: [...labels.filter((l) => !l.startsWith(REQUEST_LABEL_PREFIX)), label],
  } as CallBroadcastBody;
  const problems = checkJson(CALL_BROADCAST_SCHEMA, body);
  if ((body.dialplanXml === undefined) === (body.sounds === undefined)) {
    problems.push(requestProblem('', 'the CallBroadcast needs exactly one of dialplanXml (an IVR broadcast) or sounds (a voice broadcast)'));
  }
  if ((body.recipients ?? []).length === 0) problems.push(requestProblem('/recipients', '/recipients must have at least 1 item(s)'));
  return {
    ok: problems.length === 0 && (checked?.report.ok ?? true),
    ...(problems.length === 0 ? { body } : {}),
    requestId,
    label,
    problems,
    ...(checked === undefined ? {} : { dialplan: checked.report }),
    numbers: body.recipients?.length ?? 0,
    scrubbed: 0,
  };
}
