/**
 * One table between API 1.1's field names (the broadcast files users write, as in
 * `examples/broadcast.json`) and API 2.0's `CallBroadcast`, read in both directions: a
 * SendCall request becomes a `CallBroadcast` body, and a `CallBroadcast` read back becomes
 * the 1.1 `Broadcast` that `dialplan status` prints. A field the table does not know is
 * refused, never dropped.
 *
 * @module
 */
import { recipientKey } from '../../language/values.js';
import { requestProblem, type RequestProblem } from '../request-check.js';
import type {
  Broadcast,
  BroadcastStats,
  Call,
  CallRecord,
  LocalTimeZoneRestriction,
  PreparedSendCall,
  ResultStat,
  ToNumber,
  VoiceBroadcastConfig,
  WireIvrBroadcastConfig,
} from '../types.js';
import type { CallBroadcast, CallBroadcastBody, CallBroadcastStats, V2Call, V2LocalTimeRestriction, V2Recipient } from './types.js';

/**
 * How a value is written: as it is, a whole number, a list (1.1's XML keeps lists as
 * space-separated tokens), or calling hours (1.1's `HH:mm:ss` times, 2.0's hours and minutes).
 */
type Kind = 'text' | 'int' | 'list' | 'hours';

/**
 * The config fields of 1.1 (`IvrBroadcastConfig` / `VoiceBroadcastConfig`) and where each
 * lives in a `CallBroadcast`, in 1.1's schema order (the sandbox writes 1.1 XML from it).
 */
export const CONFIG_FIELDS: readonly (readonly [v1: string, v2: string, kind: Kind])[] = [
  ['FromNumber', 'fromNumber', 'text'],
  ['LocalTimeZoneRestriction', 'localTimeRestriction', 'hours'],
  ['RetryConfig.MaxAttempts', 'retryConfig.maxAttempts', 'int'],
  ['RetryConfig.MinutesBetweenAttempts', 'retryConfig.minutesBetweenAttempts', 'int'],
  ['RetryConfig.RetryResults', 'retryConfig.retryResults', 'list'],
  ['RetryConfig.RetryPhoneTypes', 'retryConfig.retryPhoneTypes', 'list'],
  ['DialplanXml', 'dialplanXml', 'text'],
  ['AnsweringMachineConfig', 'answeringMachineConfig', 'text'],
  ['LiveSoundText', 'sounds.liveSoundText', 'text'],
  ['LiveSoundId', 'sounds.liveSoundId', 'int'],
  ['LiveSoundTextVoice', 'sounds.liveSoundTextVoice', 'text'],
  ['MachineSoundText', 'sounds.machineSoundText', 'text'],
  ['MachineSoundId', 'sounds.machineSoundId', 'int'],
  ['MachineSoundTextVoice', 'sounds.machineSoundTextVoice', 'text'],
  ['TransferSoundText', 'sounds.transferSoundText', 'text'],
  ['TransferSoundId', 'sounds.transferSoundId', 'int'],
  ['TransferSoundTextVoice', 'sounds.transferSoundTextVoice', 'text'],
  ['TransferDigit', 'sounds.transferDigit', 'text'],
  ['TransferNumber', 'sounds.transferNumber', 'text'],
  ['DncSoundText', 'sounds.dncSoundText', 'text'],
  ['DncSoundId', 'sounds.dncSoundId', 'int'],
  ['DncSoundTextVoice', 'sounds.dncSoundTextVoice', 'text'],
  ['DncDigit', 'sounds.dncDigit', 'text'],
  ['MaxActiveTransfers', 'maxActiveTransfers', 'int'],
];

/** The request fields of 1.1 and their 2.0 counterparts (ToNumber, RequestId and the configs have their own rules). */
const REQUEST_FIELDS: readonly (readonly [v1: string, v2: string])[] = [
  ['BroadcastName', 'name'],
  ['MaxActive', 'maxActive'],
];

/** Where the client keeps its own marks in a recipient's attributes: 1.1's ClientData travels as one. */
export const CLIENT_DATA_ATTRIBUTE = 'ClientData';

/** The prefix of the label that names a submission on API 2.0 (see {@link requestLabel}). */
export const REQUEST_LABEL_PREFIX = 'request:';

type Obj = Record<string, unknown>;

function at(o: unknown, path: string): unknown {
  let v: unknown = o;
  for (const k of path.split('.')) v = typeof v === 'object' && v !== null ? (v as Obj)[k] : undefined;
  return v;
}

function put(o: Obj, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = o;
  for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Obj;
  cur[keys[keys.length - 1]!] = value;
}

/** Reads a value of the given kind from typed JSON or from 1.1 XML text. */
function read(v: unknown, kind: Kind): unknown {
  if (v === undefined || v === null) return undefined;
  if (kind === 'int') return typeof v === 'number' ? v : Number(v);
  if (kind === 'list') return Array.isArray(v) ? [...(v as unknown[])] : String(v).split(/\s+/).filter(Boolean);
  return v;
}

/**
 * The label of a submission: `request:` and the uuid of its RequestId (`urn:uuid:…`), or
 * the whole RequestId when it is another kind of URI.
 *
 * @example
 * ```ts
 * requestLabel('urn:uuid:3b241101-e2bb-4255-8caf-4136c566a962'); // 'request:3b241101-e2bb-4255-8caf-4136c566a962'
 * ```
 * @category API 2.0 (REST)
 */
export function requestLabel(requestId: string): string {
  return `${REQUEST_LABEL_PREFIX}${requestId.replace(/^urn:uuid:/i, '')}`;
}

/** The RequestId a `request:` label stands for, or undefined for any other label. */
export function requestIdOfLabel(label: string): string | undefined {
  if (!label.startsWith(REQUEST_LABEL_PREFIX)) return undefined;
  const rest = label.slice(REQUEST_LABEL_PREFIX.length);
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(rest) ? rest : `urn:uuid:${rest}`;
}

/** `09:30:00` → hour 9, minute 30; seconds other than 0 have no API 2.0 counterpart. */
function hoursOf(time: string, path: string, problems: RequestProblem[]): { hour: number; minute: number } | undefined {
  const m = /^(\d\d):(\d\d):(\d\d)$/.exec(time);
  if (m === null) return undefined; // the 1.1 schema check has reported it
  if (m[3] !== '00') {
    problems.push(requestProblem(path, `${path} is ${time}: API 2.0 takes calling hours in whole minutes (beginHour/beginMinute), so the seconds cannot be sent; use ${m[1]}:${m[2]}:00`));
    return undefined;
  }
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** 1.1's LocalTimeZoneRestriction as API 2.0's localTimeRestriction (enabled, because 1.1 has it only when it applies). */
export function toV2Hours(ltz: LocalTimeZoneRestriction, path: string, problems: RequestProblem[]): V2LocalTimeRestriction {
  const out: { -readonly [K in keyof V2LocalTimeRestriction]: V2LocalTimeRestriction[K] } = { enabled: true };
  const begin = ltz.BeginTime === undefined ? undefined : hoursOf(ltz.BeginTime, `${path}/BeginTime`, problems);
  const end = ltz.EndTime === undefined ? undefined : hoursOf(ltz.EndTime, `${path}/EndTime`, problems);
  if (begin) Object.assign(out, { beginHour: begin.hour, beginMinute: begin.minute });
  if (end) Object.assign(out, { endHour: end.hour, endMinute: end.minute });
  return out;
}

function fromV2Hours(l: V2LocalTimeRestriction): LocalTimeZoneRestriction | undefined {
  if (l.enabled === false) return undefined;
  const time = (h: number | undefined, m: number | undefined) => (h === undefined ? undefined : `${String(h).padStart(2, '0')}:${String(m ?? 0).padStart(2, '0')}:00`);
  const begin = time(l.beginHour, l.beginMinute);
  const end = time(l.endHour, l.endMinute);
  return { ...(begin === undefined ? {} : { BeginTime: begin }), ...(end === undefined ? {} : { EndTime: end }) };
}

/** A 1.1 recipient as API 2.0's: ClientData travels as the attribute {@link CLIENT_DATA_ATTRIBUTE}. */
export function recipientOf(to: ToNumber, path: string, problems: RequestProblem[]): V2Recipient {
  if (typeof to === 'string') return { phoneNumber: to };
  const attributes: Record<string, string> = { ...(to.Attributes ?? {}) };
  if (to.ClientData !== undefined) {
    if (Object.hasOwn(attributes, CLIENT_DATA_ATTRIBUTE)) {
      problems.push(requestProblem(`${path}/Attributes/${CLIENT_DATA_ATTRIBUTE}`, `${path} has ClientData and a contact field named ${CLIENT_DATA_ATTRIBUTE}: API 2.0 carries ClientData as that attribute, so keep only one`));
    }
    attributes[CLIENT_DATA_ATTRIBUTE] = to.ClientData;
  }
  return Object.keys(attributes).length === 0 ? { phoneNumber: to.Value } : { phoneNumber: to.Value, attributes };
}

const CONFIG_ROOTS = new Set(CONFIG_FIELDS.map(([v1]) => v1.split('.')[0]!));

/**
 * A 1.1 broadcast config (typed JSON, or the text tree the sandbox keeps from 1.1 XML) as the
 * `CallBroadcast` fields it stands for. Fields the table does not know are not copied; the
 * caller reports them.
 */
export function configToV2(config: object, path: string, problems: RequestProblem[]): Omit<CallBroadcastBody, 'recipients' | 'labels' | 'name' | 'maxActive'> {
  const out: Obj = {};
  for (const [v1, v2, kind] of CONFIG_FIELDS) {
    const v = at(config, v1);
    if (v === undefined) continue;
    put(out, v2, kind === 'hours' ? toV2Hours(v as LocalTimeZoneRestriction, `${path}/${v1}`, problems) : read(v, kind));
  }
  return out;
}

/** What {@link toCallBroadcast} makes. @category API 2.0 (REST) */
export interface MappedBroadcast {
  readonly body: CallBroadcastBody;
  /** Problems: fields that have no API 2.0 counterpart. Nothing may be sent when there are any. */
  readonly problems: readonly RequestProblem[];
  /** Recipients left out by ScrubBroadcastDuplicates. */
  readonly scrubbed: number;
}

/**
 * A SendCall request (made ready by `prepareSendCall`) as an API 2.0 `CallBroadcast` body,
 * labelled with its submission's `request:` label. ScrubBroadcastDuplicates, which
 * `CallBroadcast` lacks, is applied here: later entries of a number already listed are left out.
 *
 * @example
 * ```ts
 * toCallBroadcast(prepared).body;
 * // { name: 'Reminders', recipients: [{ phoneNumber: '13105551212' }], dialplanXml: '<dialplan…', labels: ['request:…'] }
 * ```
 * @category API 2.0 (REST)
 */
export function toCallBroadcast(request: PreparedSendCall): MappedBroadcast {
  const problems: RequestProblem[] = [];
  const body: Obj = {};
  for (const [v1, v2] of REQUEST_FIELDS) {
    const v = (request as unknown as Obj)[v1];
    if (v !== undefined) body[v2] = v;
  }
  const configKey = request.IvrBroadcastConfig !== undefined ? 'IvrBroadcastConfig' : 'VoiceBroadcastConfig';
  const config = (request.IvrBroadcastConfig ?? request.VoiceBroadcastConfig ?? {}) as Obj;
  for (const key of Object.keys(config)) {
    if (key === 'id' || key === 'Created') {
      problems.push(requestProblem(`/${configKey}/${key}`, `/${configKey}/${key} is set by CallFire in its answers; API 2.0 takes no such field on a create, so remove it from the file`));
    } else if (!CONFIG_ROOTS.has(key)) {
      problems.push(requestProblem(`/${configKey}/${key}`, `/${configKey}/${key} has no API 2.0 counterpart`));
    }
  }
  Object.assign(body, configToV2(config, `/${configKey}`, problems));
  const recipients: V2Recipient[] = [];
  const seen = new Set<string>();
  let scrubbed = 0;
  request.ToNumber.forEach((to, i) => {
    const recipient = recipientOf(to, `/ToNumber/${i}`, problems);
    const key = recipientKey(recipient.phoneNumber ?? '');
    if (request.ScrubBroadcastDuplicates === true && seen.has(key)) {
      scrubbed++;
      return;
    }
    seen.add(key);
    recipients.push(recipient);
  });
  body['recipients'] = recipients;
  const labels = [...(request.Label ?? [])];
  const mark = requestLabel(request.RequestId);
  if (!labels.includes(mark)) labels.push(mark);
  body['labels'] = [...new Set(labels)];
  return { body: body as CallBroadcastBody, problems, scrubbed };
}

/**
 * An API 2.0 `CallBroadcast` body in 1.1's names: the request of a SendCall with the same
 * meaning (the sandbox stores broadcasts this way, whichever API created them).
 */
export function fromCallBroadcastBody(body: CallBroadcastBody): { request: Omit<PreparedSendCall, 'RequestId'> & { RequestId?: string }; configKind: 'IvrBroadcastConfig' | 'VoiceBroadcastConfig' } {
  const configKind = body.dialplanXml !== undefined ? 'IvrBroadcastConfig' : 'VoiceBroadcastConfig';
  const config = configOf(body);
  const requestId = (body.labels ?? []).map(requestIdOfLabel).find((r) => r !== undefined);
  const toNumber: ToNumber[] = (body.recipients ?? []).map((r) => {
    const { [CLIENT_DATA_ATTRIBUTE]: clientData, ...attributes } = r.attributes ?? {};
    const value = r.phoneNumber ?? '';
    if (clientData === undefined && Object.keys(attributes).length === 0) return value;
    return { Value: value, ...(clientData === undefined ? {} : { ClientData: clientData }), ...(Object.keys(attributes).length === 0 ? {} : { Attributes: attributes }) };
  });
  return {
    configKind,
    request: {
      ...(requestId === undefined ? {} : { RequestId: requestId }),
      Type: configKind === 'IvrBroadcastConfig' ? 'IVR' : 'VOICE',
      ...(body.name === undefined ? {} : { BroadcastName: body.name }),
      ToNumber: toNumber,
      Label: [...(body.labels ?? [])],
      ...(body.maxActive === undefined ? {} : { MaxActive: body.maxActive }),
      [configKind]: config,
    },
  };
}

/** The 1.1 config (IvrBroadcastConfig or VoiceBroadcastConfig) a `CallBroadcast` holds. */
export function configOf(b: Omit<CallBroadcastBody, 'recipients'>): WireIvrBroadcastConfig & VoiceBroadcastConfig {
  const config: Obj = {};
  for (const [v1, v2, kind] of CONFIG_FIELDS) {
    const raw = at(b, v2);
    const v = kind === 'hours' ? (raw === undefined ? undefined : fromV2Hours(raw as V2LocalTimeRestriction)) : read(raw, kind);
    if (v !== undefined) put(config, v1, v);
  }
  const retry = config['RetryConfig'] as Obj | undefined;
  if (retry !== undefined) retry['RetryResults'] ??= [];
  return config as WireIvrBroadcastConfig & VoiceBroadcastConfig;
}

const iso = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

/** A `CallBroadcast` read back, as the 1.1 {@link Broadcast} the status report prints. */
export function toV1Broadcast(b: CallBroadcast): Broadcast {
  const ivr = b.dialplanXml !== undefined;
  return {
    id: b.id,
    ...(b.name === undefined ? {} : { Name: b.name }),
    ...(b.status === undefined ? {} : { Status: b.status }),
    ...(b.lastModified === undefined ? {} : { LastModified: iso(b.lastModified) }),
    Type: ivr ? 'IVR' : 'VOICE',
    Label: [...(b.labels ?? [])],
    ...(ivr ? { IvrBroadcastConfig: configOf(b) } : { VoiceBroadcastConfig: configOf(b) }),
  };
}

/** A `Call` of API 2.0 as the 1.1 {@link Call}: ClientData back out of the attributes, times as ISO text. */
export function toV1Call(c: V2Call): Call {
  const clientData = c.attributes?.[CLIENT_DATA_ATTRIBUTE];
  const records: CallRecord[] = (c.records ?? []).map((r) => ({
    id: r.id ?? 0,
    Result: r.result ?? 'UNDIALED',
    FinishTime: iso(r.finishTime),
    BilledAmount: r.billedAmount ?? 0,
    QuestionResponse: (r.questionResponses ?? []).map((q) => ({ Question: q.question ?? '', Response: q.response ?? '' })),
    ...(r.originateTime === undefined ? {} : { OriginateTime: iso(r.originateTime) }),
    ...(r.answerTime === undefined ? {} : { AnswerTime: iso(r.answerTime) }),
    Duration: r.duration ?? 0,
    RecordingMeta: [],
  }));
  return {
    id: c.id,
    FromNumber: c.fromNumber ?? '',
    ToNumber: c.toNumber ?? '',
    ...(clientData === undefined ? {} : { ClientData: clientData }),
    State: (c.state ?? 'READY') as Call['State'],
    ...(c.batchId === undefined ? {} : { BatchId: c.batchId }),
    ...(c.campaignId === undefined ? {} : { BroadcastId: c.campaignId }),
    ContactId: c.contact?.id ?? 0,
    Inbound: c.inbound ?? false,
    Created: iso(c.created),
    Modified: iso(c.modified),
    ...(c.finalCallResult === undefined ? {} : { FinalResult: c.finalCallResult }),
    Label: [...(c.labels ?? [])],
    CallRecord: records,
  };
}

/**
 * API 2.0's `CallBroadcastStats` as 1.1's {@link BroadcastStats}. API 2.0 counts results in
 * coarser groups (`errorCount` covers every error result), so the per-result lines are read
 * from the broadcast's calls, as 1.1's ResultStat counts them: attempts per result, and
 * calls per final result.
 */
export function toV1Stats(s: CallBroadcastStats, calls: readonly Call[]): BroadcastStats {
  const perResult = new Map<string, { Attempts: number; Actions: number }>();
  for (const c of calls) {
    for (const r of c.CallRecord) {
      const e = perResult.get(r.Result) ?? { Attempts: 0, Actions: 0 };
      e.Attempts++;
      perResult.set(r.Result, e);
    }
    if (c.FinalResult !== undefined) {
      const e = perResult.get(c.FinalResult);
      if (e !== undefined) e.Actions++;
    }
  }
  const ResultStat: ResultStat[] = [...perResult].map(([Result, e]) => ({ Result: Result as ResultStat['Result'], ...e }));
  return {
    UsageStats: {
      Duration: s.callsDuration ?? 0,
      BilledDuration: s.billedDuration ?? 0,
      BilledAmount: s.billedAmount ?? 0,
      Attempts: s.callsAttempted ?? 0,
      Actions: s.callsPlaced ?? 0,
    },
    ResultStat,
    ActionStatistics: {
      Unattempted: s.callsRemaining ?? 0,
      RetryWait: s.callsAwaitingRedial ?? 0,
      Finished: Math.max(0, (s.totalOutboundCount ?? 0) - (s.callsRemaining ?? 0)),
    },
  };
}
