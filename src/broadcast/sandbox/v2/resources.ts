/**
 * The sandbox's API 2.0 answers: its stored broadcasts and calls written as API 2.0's
 * `CallBroadcast`, `Call` (with `records[].questionResponses`), `CallBroadcastStats` and
 * `ErrorResponse`, with only the fields those definitions declare (a test holds every answer
 * against CallFire's published definitions).
 *
 * @module
 */
import type { BroadcastStatus, CallResult } from '../../types.js';
import { CLIENT_DATA_ATTRIBUTE, configToV2 } from '../../v2/mapping.js';
import type { CallBroadcast, CallBroadcastStats, ErrorResponse, V2Call, V2CallRecord } from '../../v2/types.js';
import type { CallView, StoredBroadcast } from '../store.js';

/** CallFire bills started minutes, at this many credits a minute (as on the 1.1 side). */
const CREDITS_PER_MINUTE = 0.03;

const billedSeconds = (duration: number): number => Math.ceil(duration / 60) * 60;
const credits = (seconds: number): number => Number(((seconds / 60) * CREDITS_PER_MINUTE).toFixed(2));

/** A stored broadcast as `CallBroadcast`. */
export function callBroadcastOf(b: StoredBroadcast, status: BroadcastStatus): CallBroadcast {
  const config = configToV2(b.config, '', []);
  return {
    id: b.id,
    name: b.name,
    status,
    lastModified: b.lastModified,
    ...config,
    maxActive: b.maxActive,
    labels: [...new Set(b.labels)],
  };
}

/** Which state of a call's life gives its `modified` time. */
function modifiedOf(v: CallView): number {
  const c = v.call;
  if (v.state === 'FINISHED') return c.finishAt ?? c.created;
  if (v.state === 'SELECTED') return c.startAt ?? c.created;
  return c.created;
}

/** A call as API 2.0's `Call`, one record per attempt; the plan's stash values on the last. */
export function callOf(v: CallView, labels: readonly string[]): V2Call {
  const c = v.call;
  const attributes = { ...(c.attributes ?? {}), ...(c.clientData === undefined ? {} : { [CLIENT_DATA_ATTRIBUTE]: c.clientData }) };
  const finish = c.finishAt ?? c.created;
  const records: V2CallRecord[] = v.attempts.map((a, i) => ({
    id: a.id,
    toNumber: c.toNumber,
    result: a.result,
    billedAmount: credits(billedSeconds(a.duration)),
    originateTime: c.startAt ?? c.created,
    ...(a.duration > 0 ? { answerTime: Math.max(c.startAt ?? c.created, finish - a.duration * 1000) } : {}),
    finishTime: finish,
    duration: a.duration,
    questionResponses: i === v.attempts.length - 1 ? (c.responses ?? []).map(([question, response]) => ({ question, response })) : [],
  }));
  return {
    id: c.id,
    fromNumber: c.fromNumber,
    toNumber: c.toNumber,
    state: v.state,
    campaignId: c.broadcastId,
    contact: { id: c.id + 5_000_000 },
    ...(Object.keys(attributes).length === 0 ? {} : { attributes }),
    inbound: false,
    created: c.created,
    modified: modifiedOf(v),
    ...(v.finalResult === undefined ? {} : { finalCallResult: v.finalResult }),
    labels: [...new Set(labels)],
    records,
    agentCall: false,
  } as V2Call;
}

const ERRORS = new Set<CallResult>(['INTERNAL_ERROR', 'CARRIER_ERROR', 'CARRIER_TEMP_ERROR']);

/** A broadcast's `CallBroadcastStats`, counted from its calls as the 1.1 side counts them. */
export function statsOf(calls: readonly CallView[]): CallBroadcastStats {
  let duration = 0;
  let billed = 0;
  let attempts = 0;
  let placed = 0;
  let remaining = 0;
  const final = new Map<string, number>();
  for (const v of calls) {
    if (v.state === 'READY' || v.state === 'SELECTED') {
      remaining++;
      continue;
    }
    if (v.attempts.length === 0) continue;
    placed++;
    for (const a of v.attempts) {
      attempts++;
      duration += a.duration;
      billed += billedSeconds(a.duration);
    }
    if (v.finalResult !== undefined) final.set(v.finalResult, (final.get(v.finalResult) ?? 0) + 1);
  }
  const count = (r: string) => final.get(r) ?? 0;
  const errors = [...final].filter(([r]) => ERRORS.has(r as CallResult)).reduce((s, [, n]) => s + n, 0);
  const named = count('LA') + count('AM') + count('BUSY') + count('NO_ANS') + count('DNC') + count('XFER') + errors;
  return {
    totalOutboundCount: calls.length,
    remainingOutboundCount: remaining,
    billedAmount: credits(billed),
    callsAttempted: attempts,
    callsPlaced: placed,
    callsDuration: duration,
    billedDuration: billed,
    responseRatePercent: placed === 0 ? 0 : Math.round((100 * (count('LA') + count('AM'))) / placed),
    callsRemaining: remaining,
    callsAwaitingRedial: 0,
    callsLiveAnswer: count('LA'),
    totalCount: calls.length,
    answeringMachineCount: count('AM'),
    busyCount: count('BUSY'),
    dialedCount: placed,
    doNotCallCount: count('DNC'),
    errorCount: errors,
    liveCount: count('LA'),
    miscCount: placed - named,
    noAnswerCount: count('NO_ANS'),
    transferCount: count('XFER'),
  };
}

/** What CallFire calls each status in `internalCode`. */
const CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  500: 'INTERNAL_ERROR',
};

/** An `ErrorResponse`; `problems` (one line each) go into `developerMessage`. */
export function errorOf(status: number, message: string, problems: readonly string[] = []): ErrorResponse {
  return {
    httpStatusCode: status,
    internalCode: CODES[status] ?? String(status),
    message,
    ...(problems.length === 0 ? {} : { developerMessage: problems.join('\n') }),
  };
}
