/**
 * Typed requests to the argument objects soap serialises. Keys are written in the schema's
 * `xs:sequence` order, since soap writes them in object order and CallFire's schema is
 * order-sensitive; absent fields are left out rather than sent empty.
 *
 * @module
 */
import type {
  BroadcastConfigBase,
  ControlBroadcastRequest,
  CreateSoundRequest,
  PreparedSendCall,
  QueryBroadcastsRequest,
  QueryCallsRequest,
  ToNumber,
  VoiceBroadcastConfig,
  WireIvrBroadcastConfig,
} from './types.js';

type Args = Record<string, unknown>;

/** Copies the named fields that are present, in the given order. */
function pick(from: object, keys: readonly string[], into: Args = {}): Args {
  const src = from as Record<string, unknown>;
  for (const k of keys) {
    const v = src[k];
    if (v === undefined) continue;
    into[k] = Array.isArray(v) && LIST_FIELDS.has(k) ? v.join(' ') : v;
  }
  return into;
}

// Fields typed as xs:list: one element with space-separated tokens.
const LIST_FIELDS = new Set(['RetryResults', 'RetryPhoneTypes', 'State', 'Result', 'Type']);

function toNumberArg(to: ToNumber): unknown {
  if (typeof to === 'string') return to;
  const attributes: Record<string, string> = {};
  if (to.ClientData !== undefined) attributes['ClientData'] = to.ClientData;
  Object.assign(attributes, to.Attributes ?? {});
  return Object.keys(attributes).length === 0 ? to.Value : { attributes, $value: to.Value };
}

function baseConfig(config: BroadcastConfigBase): Args {
  const out: Args = {};
  // `id` and `Created` are CallFire's, set in responses; they are never sent.
  pick(config, ['FromNumber'], out);
  if (config.LocalTimeZoneRestriction) out['LocalTimeZoneRestriction'] = pick(config.LocalTimeZoneRestriction, ['BeginTime', 'EndTime']);
  if (config.RetryConfig) out['RetryConfig'] = pick(config.RetryConfig, ['MaxAttempts', 'MinutesBetweenAttempts', 'RetryResults', 'RetryPhoneTypes']);
  return out;
}

const VOICE_FIELDS = [
  'AnsweringMachineConfig',
  'LiveSoundText', 'LiveSoundId', 'LiveSoundTextVoice',
  'MachineSoundText', 'MachineSoundId', 'MachineSoundTextVoice',
  'TransferSoundText', 'TransferSoundId', 'TransferSoundTextVoice',
  'TransferDigit', 'TransferNumber',
  'DncSoundText', 'DncSoundId', 'DncSoundTextVoice',
  'DncDigit', 'MaxActiveTransfers',
] as const;

/** soap arguments of SendCall. */
export function sendCallArgs(request: PreparedSendCall): Args {
  const out = pick(request, ['RequestId', 'Type', 'BroadcastName']);
  out['ToNumber'] = request.ToNumber.map(toNumberArg);
  pick(request, ['ScrubBroadcastDuplicates', 'Label', 'MaxActive'], out);
  if (request.IvrBroadcastConfig) out['IvrBroadcastConfig'] = ivrArgs(request.IvrBroadcastConfig);
  if (request.VoiceBroadcastConfig) out['VoiceBroadcastConfig'] = voiceArgs(request.VoiceBroadcastConfig);
  return out;
}

function ivrArgs(config: WireIvrBroadcastConfig): Args {
  return pick(config, ['DialplanXml'], baseConfig(config));
}

function voiceArgs(config: VoiceBroadcastConfig): Args {
  return pick(config, VOICE_FIELDS, baseConfig(config));
}

/** soap arguments of QueryCalls. */
export function queryCallsArgs(q: QueryCallsRequest): Args {
  return pick(q, ['MaxResults', 'FirstResult', 'BroadcastId', 'BatchId', 'State', 'Result', 'Inbound', 'IntervalBegin', 'IntervalEnd', 'FromNumber', 'ToNumber', 'LabelName']);
}

/** soap arguments of QueryBroadcasts. */
export function queryBroadcastsArgs(q: QueryBroadcastsRequest): Args {
  return pick(q, ['MaxResults', 'FirstResult', 'Type', 'Running', 'LabelName']);
}

/** soap arguments of ControlBroadcast. */
export function controlBroadcastArgs(r: ControlBroadcastRequest): Args {
  return pick(r, ['Id', 'RequestId', 'Command', 'MaxActive']);
}

/** soap arguments of CreateSound; audio bytes go as base64. */
/**
 * soap arguments of ConfigureNumber: the number answers its inbound calls with the dialplan
 * (`NumberConfiguration` with `InboundCallConfigurationType` IVR and an `IvrInboundConfig`).
 */
export function configureNumberArgs(number: string, dialplanXml: string): Args {
  return {
    Number: number,
    NumberConfiguration: { InboundCallConfigurationType: 'IVR', InboundCallConfiguration: { IvrInboundConfig: { DialplanXml: dialplanXml } } },
  };
}

export function createSoundArgs(r: CreateSoundRequest): Args {
  const out = pick(r, ['Name']);
  if (r.Data !== undefined) out['Data'] = Buffer.from(r.Data).toString('base64');
  if (r.RecordingCall !== undefined) out['RecordingCall'] = { ToNumber: r.RecordingCall.ToNumber };
  return pick(r, ['SoundText', 'SoundTextVoice'], out);
}
