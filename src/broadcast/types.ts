/**
 * The SendCall request and the resources of the CallFire API 1.1 SOAP service, with
 * CallFire's own field names so that CallFire's documentation reads directly.
 *
 * The same request is described for editors and the CLI's broadcast files by
 * `schemas/send-call.schema.json`; {@link checkSendCall} holds a value against it.
 *
 * @module
 */
import type { PlanSource } from '../ast/nodes.js';

/** The kind of a broadcast. SendCall takes VOICE or IVR. @category Requests */
export type BroadcastType = 'VOICE' | 'IVR' | 'TEXT' | 'CCC';

/** A call's result (the 2014 contract's values first, then the later documented ones). @category Results */
export type CallResult =
  | 'LA'
  | 'AM'
  | 'BUSY'
  | 'DNC'
  | 'XFER'
  | 'XFER_LEG'
  | 'NO_ANS'
  | 'UNDIALED'
  | 'SENT'
  | 'RECEIVED'
  | 'DNT'
  | 'TOO_BIG'
  | 'INTERNAL_ERROR'
  | 'CARRIER_ERROR'
  | 'CARRIER_TEMP_ERROR'
  | 'SD'
  | 'POSTPONED'
  | 'ABANDONED'
  | 'SKIPPED'
  | 'INVALID_NUMBER';

/** Every {@link CallResult}, in the documented order. @category Results */
export const CALL_RESULTS: readonly CallResult[] = [
  'LA', 'AM', 'BUSY', 'DNC', 'XFER', 'XFER_LEG', 'NO_ANS', 'UNDIALED', 'SENT', 'RECEIVED', 'DNT', 'TOO_BIG',
  'INTERNAL_ERROR', 'CARRIER_ERROR', 'CARRIER_TEMP_ERROR', 'SD', 'POSTPONED', 'ABANDONED', 'SKIPPED', 'INVALID_NUMBER',
];

/** Where a call is in its life: READY (waiting), SELECTED (dialling), FINISHED, or why it was not dialled. @category Results */
export type ActionState =
  | 'READY'
  | 'SELECTED'
  | 'FINISHED'
  | 'DNC'
  | 'DUP'
  | 'INVALID'
  | 'TIMEOUT'
  | 'CALLBACK'
  | 'DISABLED'
  | 'SKIPPED'
  | 'PERIOD_LIMIT'
  | 'RESTRICTED_NUMBER';

/** A broadcast's status. @category Results */
export type BroadcastStatus =
  | 'START_PENDING'
  | 'RUNNING'
  | 'STOPPED'
  | 'FINISHED'
  | 'ARCHIVED'
  | 'TEST'
  | 'SETUP'
  | 'SCHEDULED'
  | 'SUSPENDED'
  | 'VALIDATING_EMAIL'
  | 'VALIDATING_START'
  | 'BLOCKED_SUSPICIOUS'
  | 'APPROVED'
  | 'DECLINED'
  | 'PAUSED'
  | 'CANCELED';

/** Which of a contact's numbers a retry may dial. @category Requests */
export type RetryPhoneType = 'FIRST_NUMBER' | 'HOME_PHONE' | 'WORK_PHONE' | 'MOBILE_PHONE';

/** How a voice broadcast treats answering machines. @category Requests */
export type AnsweringMachineConfig = 'AM_ONLY' | 'AM_AND_LIVE' | 'LIVE_WITH_AMD' | 'LIVE_IMMEDIATE';

/** Text-to-speech voices of the SOAP service (CallFire calls the type `Voice`; upper case, unlike the dialplan's `voice` attribute). @category Requests */
export type SoundVoice = 'MALE1' | 'FEMALE1' | 'FEMALE2' | 'SPANISH1';

/** The codes of a `ServiceFaultInfo`. @category Errors */
export type FaultCode = 'BAD_REQUEST' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAVAILABLE' | 'TIMEOUT' | 'NOT_IMPLEMENTED';

/** What ControlBroadcast can do to a broadcast. @category Requests */
export type BroadcastCommand = 'START' | 'STOP' | 'ARCHIVE';

/**
 * One recipient. A bare string is the number alone; the object form adds CallFire's
 * `ClientData` and per-recipient contact fields (sent as attributes of `ToNumber`).
 * @category Phone numbers
 */
export type ToNumber = string | ToNumberEntry;

/** A recipient with its client data. @category Phone numbers */
export interface ToNumberEntry {
  /** E.164 number such as `13105551212` (optional `+`). */
  readonly Value: string;
  /** Free text returned with the call's results. */
  readonly ClientData?: string;
  /** Contact fields (`firstName`, ...) that the dialplan can read as `${contact.firstName}`. */
  readonly Attributes?: Readonly<Record<string, string>>;
}

/** Local calling hours, in the time zone of each number's area code. @category Requests */
export interface LocalTimeZoneRestriction {
  /** `HH:mm:ss`, such as `09:00:00`. */
  readonly BeginTime?: string;
  /** `HH:mm:ss`, such as `17:00:00`. */
  readonly EndTime?: string;
}

/** When and how often to call a number again. @category Requests */
export interface RetryConfig {
  /** Default 1 (no retry). */
  readonly MaxAttempts?: number;
  /** Default 60. */
  readonly MinutesBetweenAttempts?: number;
  /** The results that trigger a retry, such as `['BUSY', 'NO_ANS']`. Required by CallFire. */
  readonly RetryResults: readonly CallResult[];
  readonly RetryPhoneTypes?: readonly RetryPhoneType[];
}

/** The fields every broadcast config shares. @category Requests */
export interface BroadcastConfigBase {
  /** Set by CallFire in responses; ignored on send. */
  readonly id?: number;
  /** Set by CallFire in responses. */
  readonly Created?: string;
  /** The caller ID: an E.164 number or a short code. */
  readonly FromNumber?: string;
  readonly LocalTimeZoneRestriction?: LocalTimeZoneRestriction;
  readonly RetryConfig?: RetryConfig;
}


/**
 * The configuration of an IVR broadcast.
 *
 * @example
 * ```ts
 * const config: IvrBroadcastConfig = {
 *   FromNumber: '12135551189',
 *   RetryConfig: { MaxAttempts: 2, MinutesBetweenAttempts: 5, RetryResults: ['BUSY', 'NO_ANS'] },
 *   DialplanXml: '<dialplan name="Root"><play type="tts">Hello</play></dialplan>',
 * };
 * ```
 * @category Requests
 */
export interface IvrBroadcastConfig extends BroadcastConfigBase {
  /** The dialplan: XML text, or a plan built with the DSL (compiled before sending). */
  readonly DialplanXml?: PlanSource;
}

/** The configuration of a voice broadcast: sounds by text-to-speech or by sound id. @category Requests */
export interface VoiceBroadcastConfig extends BroadcastConfigBase {
  readonly AnsweringMachineConfig?: AnsweringMachineConfig;
  readonly LiveSoundText?: string;
  readonly LiveSoundId?: number;
  readonly LiveSoundTextVoice?: SoundVoice;
  readonly MachineSoundText?: string;
  readonly MachineSoundId?: number;
  readonly MachineSoundTextVoice?: SoundVoice;
  readonly TransferSoundText?: string;
  readonly TransferSoundId?: number;
  readonly TransferSoundTextVoice?: SoundVoice;
  /** The key that transfers the call, `0`-`9`, `#` or `*`. */
  readonly TransferDigit?: string;
  readonly TransferNumber?: string;
  readonly DncSoundText?: string;
  readonly DncSoundId?: number;
  readonly DncSoundTextVoice?: SoundVoice;
  /** The key that puts the number on the do-not-call list. */
  readonly DncDigit?: string;
  readonly MaxActiveTransfers?: number;
}

/**
 * A SendCall request: create a call broadcast, add the numbers and start it.
 * Exactly one of `IvrBroadcastConfig` and `VoiceBroadcastConfig` is present.
 *
 * @example
 * ```ts
 * const request: SendCallRequest = {
 *   BroadcastName: 'Appointment reminders',
 *   ToNumber: ['13105551212', { Value: '13105551213', ClientData: 'patient-42' }],
 *   IvrBroadcastConfig: { FromNumber: '12135551189', DialplanXml: plan },
 * };
 * ```
 * @category Requests
 */
export interface SendCallRequest {
  /** De-duplication key (`urn:uuid:...`); generated when absent and reused on every retry. */
  readonly RequestId?: string;
  /** IVR or VOICE; defaults to the kind of config present. */
  readonly Type?: BroadcastType;
  /** Default "API Send". */
  readonly BroadcastName?: string;
  readonly ToNumber: readonly ToNumber[];
  readonly ScrubBroadcastDuplicates?: boolean;
  readonly Label?: readonly string[];
  /** Max simultaneous calls. */
  readonly MaxActive?: number;
  readonly IvrBroadcastConfig?: IvrBroadcastConfig;
  readonly VoiceBroadcastConfig?: VoiceBroadcastConfig;
}

/** An IVR config whose dialplan is XML text, as it goes on the wire. @category Requests */
export interface WireIvrBroadcastConfig extends BroadcastConfigBase {
  readonly DialplanXml?: string;
}

/** A SendCall request ready to send: RequestId and Type filled in, the dialplan compiled. @category Requests */
export interface PreparedSendCall extends Omit<SendCallRequest, 'IvrBroadcastConfig'> {
  readonly RequestId: string;
  readonly Type: BroadcastType;
  readonly IvrBroadcastConfig?: WireIvrBroadcastConfig;
}

/** A broadcast as GetBroadcast returns it. @category Results */
export interface Broadcast {
  readonly id: number;
  readonly Name?: string;
  readonly Status?: BroadcastStatus;
  readonly LastModified?: string;
  readonly Type?: BroadcastType;
  readonly Label?: readonly string[];
  readonly IvrBroadcastConfig?: WireIvrBroadcastConfig;
  readonly VoiceBroadcastConfig?: VoiceBroadcastConfig;
}

/** Counts for one result in {@link BroadcastStats}. @category Results */
export interface ResultStat {
  readonly Result: CallResult;
  readonly Attempts: number;
  readonly Actions: number;
}

/** What GetBroadcastStats returns. @category Results */
export interface BroadcastStats {
  readonly UsageStats: {
    /** Seconds of calls. */
    readonly Duration: number;
    readonly BilledDuration: number;
    /** Billed credits. */
    readonly BilledAmount: number;
    readonly Attempts: number;
    readonly Actions: number;
  };
  readonly ResultStat: readonly ResultStat[];
  readonly ActionStatistics?: {
    readonly Unattempted: number;
    readonly RetryWait: number;
    readonly Finished: number;
  };
}

/** A `<stash>` value reported by a call. @category Results */
export interface QuestionResponse {
  readonly Question: string;
  readonly Response: string;
}

/** A `<record>` made during a call. @category Results */
export interface RecordingMeta {
  readonly id: number;
  readonly Name: string;
  readonly Created: string;
  readonly LengthInSeconds?: number;
  readonly Link?: string;
}

/** One attempt of a call. @category Results */
export interface CallRecord {
  readonly id: number;
  readonly Result: CallResult;
  readonly FinishTime: string;
  readonly BilledAmount: number;
  readonly QuestionResponse: readonly QuestionResponse[];
  readonly OriginateTime?: string;
  readonly AnswerTime?: string;
  /** Seconds. */
  readonly Duration: number;
  readonly RecordingMeta: readonly RecordingMeta[];
}

/** A call of a broadcast, as QueryCalls and GetCall return it. @category Results */
export interface Call {
  readonly id: number;
  readonly FromNumber: string;
  readonly ToNumber: string;
  readonly ClientData?: string;
  readonly State: ActionState;
  readonly BatchId?: number;
  readonly BroadcastId?: number;
  readonly ContactId: number;
  readonly Inbound: boolean;
  readonly Created: string;
  readonly Modified: string;
  readonly FinalResult?: CallResult;
  readonly Label: readonly string[];
  readonly CallRecord: readonly CallRecord[];
}

/** The filters of QueryCalls, all optional; `MaxResults` is at most 1000. @category Requests */
export interface QueryCallsRequest {
  readonly MaxResults?: number;
  readonly FirstResult?: number;
  readonly BroadcastId?: number;
  readonly BatchId?: number;
  readonly State?: readonly ActionState[];
  readonly Result?: readonly CallResult[];
  readonly Inbound?: boolean;
  readonly IntervalBegin?: string;
  readonly IntervalEnd?: string;
  readonly FromNumber?: string;
  readonly ToNumber?: string;
  readonly LabelName?: string;
}

/** A page of calls. @category Results */
export interface CallQueryResult {
  readonly TotalResults: number;
  readonly Call: readonly Call[];
}

/** The filters of QueryBroadcasts. @category Requests */
export interface QueryBroadcastsRequest {
  readonly MaxResults?: number;
  readonly FirstResult?: number;
  readonly Type?: readonly BroadcastType[];
  readonly Running?: boolean;
  readonly LabelName?: string;
}

/** A page of broadcasts. @category Results */
export interface BroadcastQueryResult {
  readonly TotalResults: number;
  readonly Broadcast: readonly Broadcast[];
}

/** A ControlBroadcast request: a command, a new MaxActive, or both. @category Requests */
export interface ControlBroadcastRequest {
  readonly Id: number;
  readonly RequestId?: string;
  readonly Command?: BroadcastCommand;
  readonly MaxActive?: number;
}

/** An inbound number as GetNumber returns it: its inbound configuration, the dialplan for an IVR. @category Results */
export interface InboundNumber {
  readonly Number: string;
  /** TRACKING or IVR, when the number is configured. */
  readonly InboundCallConfigurationType?: string;
  /** The dialplan its inbound calls run (an IVR number). */
  readonly DialplanXml?: string;
}

/** A CreateSound request: exactly one of Data (MP3/WAV bytes), RecordingCall or SoundText. @category Requests */
export interface CreateSoundRequest {
  readonly Name?: string;
  readonly Data?: Uint8Array;
  readonly RecordingCall?: { readonly ToNumber: string };
  readonly SoundText?: string;
  readonly SoundTextVoice?: SoundVoice;
}
