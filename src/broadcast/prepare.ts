/**
 * Makes a SendCall request ready to send, or says why it cannot go: fills in Type and
 * RequestId, compiles the dialplan, and checks the request (JSON Schema) and the dialplan
 * (validation and lint). Nothing here touches the network.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { ValidationResult } from '../validate/diagnostic.js';
import type { LintConfig } from '../validate/lint/types.js';
import { checkDialplan } from './dialplan-check.js';
import { checkSendCall, requestProblem, type RequestProblem } from './request-check.js';
import type { BroadcastType, PreparedSendCall, SendCallRequest } from './types.js';

/** The outcome of {@link prepareSendCall}. @category Request checks */
export interface PreparedOutcome {
  /** The request as it will be sent (present when the request itself is well-formed). */
  readonly request?: PreparedSendCall;
  /** Problems with the request's fields. */
  readonly problems: readonly RequestProblem[];
  /** The dialplan's validation and lint report (IVR broadcasts with a dialplan). */
  readonly dialplan?: ValidationResult;
  /** True when the request may be sent: no request problems and no dialplan errors. */
  readonly ok: boolean;
}

/** Options for {@link prepareSendCall}. @category Request checks */
export interface PrepareOptions {
  /** Lint settings for the dialplan (as in `.dialplanrc.json`). */
  readonly lintConfig?: LintConfig;
  /** Makes the RequestId when the request has none (default: `urn:uuid:` + a random UUID). */
  readonly newRequestId?: () => string;
}

/**
 * A fresh de-duplication key.
 *
 * @example
 * ```ts
 * newRequestId(); // 'urn:uuid:3b241101-e2bb-4255-8caf-4136c566a962'
 * ```
 * @category Request checks
 */
export function newRequestId(): string {
  return `urn:uuid:${randomUUID()}`;
}

function inferType(request: SendCallRequest): BroadcastType | undefined {
  if (request.Type !== undefined) return request.Type;
  if (request.IvrBroadcastConfig !== undefined && request.VoiceBroadcastConfig === undefined) return 'IVR';
  if (request.VoiceBroadcastConfig !== undefined && request.IvrBroadcastConfig === undefined) return 'VOICE';
  return undefined;
}

/**
 * Prepares a SendCall request.
 *
 * @example
 * ```ts
 * const { ok, request, problems, dialplan } = prepareSendCall({
 *   ToNumber: ['13105551212'],
 *   IvrBroadcastConfig: { FromNumber: '12135551189', DialplanXml: '<dialplan name="Root"><hangup/></dialplan>' },
 * });
 * // request.Type === 'IVR', request.RequestId starts with 'urn:uuid:'
 * ```
 * @category Request checks
 */
export function prepareSendCall(input: SendCallRequest, options: PrepareOptions = {}): PreparedOutcome {
  const ivr = input.IvrBroadcastConfig;
  const checked = ivr?.DialplanXml === undefined ? undefined : checkDialplan(ivr.DialplanXml, options.lintConfig);
  const type = inferType(input);
  const wire = {
    ...input,
    ...(type === undefined ? {} : { Type: type }),
    RequestId: input.RequestId ?? (options.newRequestId ?? newRequestId)(),
    ...(ivr === undefined ? {} : { IvrBroadcastConfig: { ...ivr, ...(checked === undefined ? {} : { DialplanXml: checked.xml }) } }),
  };
  const problems = [...checkSendCall(wire)];
  if (ivr !== undefined && ivr.DialplanXml === undefined) {
    // The XSD lets DialplanXml out, but CallFire refuses an IVR broadcast without one.
    problems.push(requestProblem('/IvrBroadcastConfig', '/IvrBroadcastConfig needs DialplanXml (or give the plan with --dialplan)'));
  }
  const ok = problems.length === 0 && (checked?.report.ok ?? true);
  return {
    ...(problems.length === 0 ? { request: wire as PreparedSendCall } : {}),
    problems,
    ...(checked === undefined ? {} : { dialplan: checked.report }),
    ok,
  };
}
