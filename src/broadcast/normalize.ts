/**
 * soap's parsed responses to the typed resources. soap converts only some values by their
 * schema type and turns a single repeated element into an object instead of an array, so
 * every field is read here explicitly.
 *
 * @module
 */
import { TransportError } from './errors.js';
import type {
  Broadcast,
  BroadcastQueryResult,
  BroadcastStats,
  Call,
  CallQueryResult,
  CallRecord,
  InboundNumber,
  RecordingMeta,
  VoiceBroadcastConfig,
  WireIvrBroadcastConfig,
} from './types.js';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  return typeof v === 'object' && v !== null ? (v as Obj) : {};
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Text of a simple element, also when soap kept its attributes (`{ attributes, $value }`). */
function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return text((v as Obj)['$value']);
  return String(v);
}

// XML Schema's decimal and double lexical forms (no INF or NaN: no count or amount is one).
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A number as the schema writes one. Anything else ("12abc", "0x10", "") is not read as some
 * other number: it makes the whole response unreadable.
 */
function num(v: unknown): number | undefined {
  const t = text(v)?.trim();
  if (t === undefined || t === '') return undefined;
  if (!NUMBER.test(t)) throw new TransportError(`the response has ${JSON.stringify(t.slice(0, 40))} where a number belongs`);
  return Number(t);
}

function bool(v: unknown): boolean | undefined {
  const t = text(v)?.trim();
  if (t === undefined || t === '') return undefined;
  if (t !== 'true' && t !== 'false' && t !== '1' && t !== '0') throw new TransportError(`the response has ${JSON.stringify(t.slice(0, 40))} where true or false belongs`);
  return t === 'true' || t === '1';
}

function attr(v: unknown, name: string): string | undefined {
  return text(obj(obj(v)['attributes'])[name]);
}

/** Builds an object from entries, leaving out undefined values (exactOptionalPropertyTypes). */
function defined<T>(entries: Record<string, unknown>): T {
  const out: Obj = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out as T;
}

function tokens(v: unknown): string[] | undefined {
  const t = text(v);
  return t === undefined ? undefined : t.split(/\s+/).filter(Boolean);
}

function baseConfig(v: Obj): Obj {
  const ltz = v['LocalTimeZoneRestriction'];
  const retry = v['RetryConfig'];
  return {
    id: num(attr(v, 'id')),
    Created: text(v['Created']),
    FromNumber: text(v['FromNumber']),
    LocalTimeZoneRestriction: ltz === undefined ? undefined : defined({ BeginTime: text(obj(ltz)['BeginTime']), EndTime: text(obj(ltz)['EndTime']) }),
    RetryConfig:
      retry === undefined
        ? undefined
        : defined({
            MaxAttempts: num(obj(retry)['MaxAttempts']),
            MinutesBetweenAttempts: num(obj(retry)['MinutesBetweenAttempts']),
            RetryResults: tokens(obj(retry)['RetryResults']) ?? [],
            RetryPhoneTypes: tokens(obj(retry)['RetryPhoneTypes']),
          }),
  };
}

function ivrConfig(v: unknown): WireIvrBroadcastConfig {
  const o = obj(v);
  return defined({ ...baseConfig(o), DialplanXml: text(o['DialplanXml']) });
}

function voiceConfig(v: unknown): VoiceBroadcastConfig {
  const o = obj(v);
  const out: Obj = baseConfig(o);
  for (const [k, value] of Object.entries(o)) {
    if (k in out || k === 'attributes') continue;
    out[k] = /SoundId$|MaxActiveTransfers$/.test(k) ? num(value) : text(value);
  }
  return defined(out);
}

/** A `data:Broadcast`. */
export function toBroadcast(v: unknown): Broadcast {
  const o = obj(v);
  return defined({
    id: num(attr(o, 'id')) ?? 0,
    Name: text(o['Name']),
    Status: text(o['Status']),
    LastModified: text(o['LastModified']),
    Type: text(o['Type']),
    Label: o['Label'] === undefined ? undefined : list(o['Label']).map((l) => text(obj(l)['Name']) ?? text(l) ?? ''),
    IvrBroadcastConfig: o['IvrBroadcastConfig'] === undefined ? undefined : ivrConfig(o['IvrBroadcastConfig']),
    VoiceBroadcastConfig: o['VoiceBroadcastConfig'] === undefined ? undefined : voiceConfig(o['VoiceBroadcastConfig']),
  });
}

/** A `data:BroadcastStats`. */
export function toBroadcastStats(v: unknown): BroadcastStats {
  const o = obj(v);
  const u = obj(o['UsageStats']);
  const a = o['ActionStatistics'];
  return defined({
    UsageStats: {
      Duration: num(u['Duration']) ?? 0,
      BilledDuration: num(u['BilledDuration']) ?? 0,
      BilledAmount: num(u['BilledAmount']) ?? 0,
      Attempts: num(u['Attempts']) ?? 0,
      Actions: num(u['Actions']) ?? 0,
    },
    ResultStat: list(o['ResultStat']).map((r) => ({
      Result: text(obj(r)['Result']),
      Attempts: num(obj(r)['Attempts']) ?? 0,
      Actions: num(obj(r)['Actions']) ?? 0,
    })),
    ActionStatistics:
      a === undefined
        ? undefined
        : { Unattempted: num(obj(a)['Unattempted']) ?? 0, RetryWait: num(obj(a)['RetryWait']) ?? 0, Finished: num(obj(a)['Finished']) ?? 0 },
  });
}

function toRecording(v: unknown): RecordingMeta {
  const o = obj(v);
  return defined({
    id: num(attr(o, 'id')) ?? 0,
    Name: text(o['Name']) ?? '',
    Created: text(o['Created']) ?? '',
    LengthInSeconds: num(o['LengthInSeconds']),
    Link: text(o['Link']),
  });
}

function toCallRecord(v: unknown): CallRecord {
  const o = obj(v);
  return defined({
    id: num(attr(o, 'id')) ?? 0,
    Result: text(o['Result']),
    FinishTime: text(o['FinishTime']) ?? '',
    BilledAmount: num(o['BilledAmount']) ?? 0,
    QuestionResponse: list(o['QuestionResponse']).map((q) => ({ Question: text(obj(q)['Question']) ?? '', Response: text(obj(q)['Response']) ?? '' })),
    OriginateTime: text(o['OriginateTime']),
    AnswerTime: text(o['AnswerTime']),
    Duration: num(o['Duration']) ?? 0,
    RecordingMeta: list(o['RecordingMeta']).map(toRecording),
  });
}

/** A `data:Call`. */
export function toCall(v: unknown): Call {
  const o = obj(v);
  return defined({
    id: num(attr(o, 'id')) ?? 0,
    FromNumber: text(o['FromNumber']) ?? '',
    ToNumber: text(o['ToNumber']) ?? '',
    ClientData: attr(o['ToNumber'], 'ClientData'),
    State: text(o['State']),
    BatchId: num(o['BatchId']),
    BroadcastId: num(o['BroadcastId']),
    ContactId: num(o['ContactId']) ?? 0,
    Inbound: bool(o['Inbound']) ?? false,
    Created: text(o['Created']) ?? '',
    Modified: text(o['Modified']) ?? '',
    FinalResult: text(o['FinalResult']),
    Label: list(o['Label']).map((l) => text(obj(l)['Name']) ?? ''),
    CallRecord: list(o['CallRecord']).map(toCallRecord),
  });
}

/** A `svc:CallQueryResult`. */
export function toCallQueryResult(v: unknown): CallQueryResult {
  const o = obj(v);
  return { TotalResults: num(o['TotalResults']) ?? 0, Call: list(o['Call']).map(toCall) };
}

/** A `svc:BroadcastQueryResult`. */
export function toBroadcastQueryResult(v: unknown): BroadcastQueryResult {
  const o = obj(v);
  return { TotalResults: num(o['TotalResults']) ?? 0, Broadcast: list(o['Broadcast']).map(toBroadcast) };
}

/** A `svc:CreatedId`: a whole number, else undefined. */
/** GetNumber's `data:Number`, with the dialplan of an inbound IVR. */
export function toInboundNumber(v: unknown): InboundNumber {
  const o = obj(v);
  const config = obj(o['NumberConfiguration']);
  const ivr = obj(obj(config['InboundCallConfiguration'])['IvrInboundConfig']);
  return defined({ Number: text(o['Number']) ?? '', InboundCallConfigurationType: text(config['InboundCallConfigurationType']), DialplanXml: text(ivr['DialplanXml']) });
}

export function toCreatedId(v: unknown): number | undefined {
  const t = text(v)?.trim();
  return t !== undefined && /^\d+$/.test(t) ? Number(t) : undefined;
}
