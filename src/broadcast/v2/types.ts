/**
 * CallFire API 2.0 (REST/JSON) resources, with API 2.0's own field names: the parts of
 * `CallBroadcast`, `Call`, `CallBroadcastStats`, `NumberConfig` and `ErrorResponse` this
 * project sends or reads. `schemas/call-broadcast.schema.json` describes the request bodies.
 *
 * @module
 */
import type { AnsweringMachineConfig, BroadcastStatus, CallResult, RetryPhoneType } from '../types.js';

/** A text-to-speech voice of API 2.0 (1.1's four and FRENCHCANADIAN1). @category API 2.0 (REST) */
export type V2Voice = 'MALE1' | 'FEMALE1' | 'FEMALE2' | 'SPANISH1' | 'FRENCHCANADIAN1';

/** A recipient of a call broadcast: a number (or an existing contact) and contact fields. @category API 2.0 (REST) */
export interface V2Recipient {
  readonly phoneNumber?: string;
  readonly contactId?: number;
  readonly fromNumber?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

/** The sounds of a voice broadcast. @category API 2.0 (REST) */
export interface V2Sounds {
  readonly liveSoundText?: string;
  readonly liveSoundTextVoice?: V2Voice;
  readonly liveSoundId?: number;
  readonly machineSoundText?: string;
  readonly machineSoundTextVoice?: V2Voice;
  readonly machineSoundId?: number;
  readonly transferSoundText?: string;
  readonly transferSoundTextVoice?: V2Voice;
  readonly transferSoundId?: number;
  readonly transferDigit?: string;
  readonly transferNumber?: string;
  readonly dncSoundText?: string;
  readonly dncSoundTextVoice?: V2Voice;
  readonly dncSoundId?: number;
  readonly dncDigit?: string;
}

/** Retries of unreached numbers. @category API 2.0 (REST) */
export interface V2RetryConfig {
  readonly maxAttempts?: number;
  readonly minutesBetweenAttempts?: number;
  readonly retryResults?: readonly string[];
  readonly retryPhoneTypes?: readonly RetryPhoneType[];
}

/** Calling hours in the recipient's time zone. @category API 2.0 (REST) */
export interface V2LocalTimeRestriction {
  readonly enabled?: boolean;
  readonly beginHour?: number;
  readonly beginMinute?: number;
  readonly endHour?: number;
  readonly endMinute?: number;
}

/** A start/stop schedule (passed through as written). @category API 2.0 (REST) */
export interface V2Schedule {
  readonly startDate?: { readonly year: number; readonly month: number; readonly day: number };
  readonly stopDate?: { readonly year: number; readonly month: number; readonly day: number };
  readonly startTimeOfDay?: { readonly hour: number; readonly minute: number; readonly second?: number };
  readonly stopTimeOfDay?: { readonly hour: number; readonly minute: number; readonly second?: number };
  readonly daysOfWeek?: readonly string[];
  readonly timeZone?: string;
}

/** The body of `POST /calls/broadcasts`: IVR with `dialplanXml`, voice with `sounds`. @category API 2.0 (REST) */
export interface CallBroadcastBody {
  readonly name?: string;
  readonly fromNumber?: string;
  readonly recipients?: readonly V2Recipient[];
  readonly dialplanXml?: string;
  readonly sounds?: V2Sounds;
  readonly answeringMachineConfig?: AnsweringMachineConfig;
  readonly retryConfig?: V2RetryConfig;
  readonly localTimeRestriction?: V2LocalTimeRestriction;
  readonly maxActive?: number;
  readonly maxActiveTransfers?: number;
  readonly labels?: readonly string[];
  readonly resumeNextDay?: boolean;
  readonly schedules?: readonly V2Schedule[];
}

/** A call broadcast as `GET /calls/broadcasts/{id}` returns it. @category API 2.0 (REST) */
export interface CallBroadcast extends Omit<CallBroadcastBody, 'recipients'> {
  readonly id: number;
  readonly status?: BroadcastStatus;
  /** Epoch milliseconds. */
  readonly lastModified?: number;
}

/** `GET /calls/broadcasts/{id}/stats`. @category API 2.0 (REST) */
export interface CallBroadcastStats {
  readonly totalOutboundCount?: number;
  readonly remainingOutboundCount?: number;
  readonly billedAmount?: number;
  readonly callsAttempted?: number;
  readonly callsPlaced?: number;
  readonly callsDuration?: number;
  readonly billedDuration?: number;
  readonly responseRatePercent?: number;
  readonly callsRemaining?: number;
  readonly callsAwaitingRedial?: number;
  readonly callsLiveAnswer?: number;
  readonly totalCount?: number;
  readonly answeringMachineCount?: number;
  readonly busyCount?: number;
  readonly dialedCount?: number;
  readonly doNotCallCount?: number;
  readonly errorCount?: number;
  readonly liveCount?: number;
  readonly miscCount?: number;
  readonly noAnswerCount?: number;
  readonly transferCount?: number;
}

/** One attempt of a call. Times are epoch milliseconds. @category API 2.0 (REST) */
export interface V2CallRecord {
  readonly id?: number;
  readonly toNumber?: string;
  readonly result?: CallResult;
  readonly billedAmount?: number;
  readonly finishTime?: number;
  readonly originateTime?: number;
  readonly answerTime?: number;
  /** Seconds. */
  readonly duration?: number;
  readonly questionResponses?: readonly { readonly question?: string; readonly response?: string }[];
}

/** A call of a broadcast. Times are epoch milliseconds. @category API 2.0 (REST) */
export interface V2Call {
  readonly id: number;
  readonly fromNumber?: string;
  readonly toNumber?: string;
  readonly state?: string;
  readonly campaignId?: number;
  readonly batchId?: number;
  readonly contact?: { readonly id?: number };
  readonly attributes?: Readonly<Record<string, string>>;
  readonly inbound?: boolean;
  readonly created?: number;
  readonly modified?: number;
  readonly finalCallResult?: CallResult;
  readonly labels?: readonly string[];
  readonly records?: readonly V2CallRecord[];
}

/** A page of a list: `offset` counts from 0, `totalCount` is -1 when unknown. @category API 2.0 (REST) */
export interface V2Page<T> {
  readonly items: readonly T[];
  readonly limit?: number;
  readonly offset?: number;
  readonly totalCount?: number;
}

/** `PUT /numbers/leases/configs/{number}` for an inbound IVR. @category API 2.0 (REST) */
export interface NumberConfigBody {
  readonly number?: string;
  readonly configType: 'IVR';
  readonly ivrInboundConfig: { readonly dialplanXml: string };
}

/** API 2.0's error body. `internalCode` is a string in CallFire's published description. @category API 2.0 (REST) */
export interface ErrorResponse {
  readonly httpStatusCode?: number;
  readonly internalCode?: string;
  readonly message?: string;
  readonly developerMessage?: string;
  readonly helpLink?: string;
}
