/**
 * The SOAP operations the sandbox implements: each takes the checked request element and
 * returns the response envelope, or throws a {@link Fault}.
 *
 * @module
 */
import type libxml from 'libxmljs2';
import type { Operation } from '../soap-operations.js';
import type { ActionState, BroadcastStatus, BroadcastType } from '../types.js';
import type { SandboxContext } from './context.js';
import { SVC_NS } from '../envelope-xml.js';
import { Fault } from './fault.js';
import { list, NS, num, text, treeOf } from './payload.js';
import { planErrors } from './plan-check.js';
import { broadcastElement, callElement, createdId, envelope, numberElement, statsElement } from './responses.js';
import type { CallView, StoredBroadcast } from './store.js';

/** Answers one operation's request element with a response envelope. */
export type OperationHandler = (payload: libxml.Element) => string;

/** The handler of every implemented operation, over one sandbox's state. */
export function operationHandlers(ctx: SandboxContext): Record<Operation, OperationHandler> {
  const { store } = ctx;

  /** The dialplan, or a BAD_REQUEST fault listing its errors (as CallFire checks it on receipt). */
  function checkPlan(plan: string | undefined, where: string): string {
    if (plan === undefined || plan.trim() === '') throw new Fault('BAD_REQUEST', `${where} needs DialplanXml`);
    const findings = planErrors(plan);
    if (findings.length > 0) throw new Fault('BAD_REQUEST', `Invalid DialplanXml: ${findings.length} error(s)`, findings.join('\n'));
    return plan;
  }

  function sendCall(payload: libxml.Element): string {
    const requestId = text(payload, 'svc:RequestId');
    if (requestId !== undefined) {
      const existing = store.byRequestId(requestId);
      if (existing !== undefined) return envelope((b) => createdId(b, existing));
    }
    const config = payload.get<libxml.Element>('data:IvrBroadcastConfig|data:VoiceBroadcastConfig', NS)!;
    const kind = config.name() as 'IvrBroadcastConfig' | 'VoiceBroadcastConfig';
    const implied: BroadcastType = kind === 'IvrBroadcastConfig' ? 'IVR' : 'VOICE';
    const type = (text(payload, 'svc:Type') ?? implied) as BroadcastType;
    if (type !== implied) throw new Fault('BAD_REQUEST', `Type ${type} does not match ${kind}`);
    if (kind === 'IvrBroadcastConfig') {
      checkPlan(text(config, 'data:DialplanXml'), 'IvrBroadcastConfig');
    } else if (text(config, 'data:LiveSoundText|data:LiveSoundId|data:MachineSoundText|data:MachineSoundId') === undefined) {
      throw new Fault('BAD_REQUEST', 'VoiceBroadcastConfig needs a live or machine sound (SoundText or SoundId)');
    }
    const numbers = payload.find<libxml.Element>('svc:ToNumber', NS).map((el) => {
      const clientData = el.attr('ClientData')?.value();
      // fromEntries defines own properties: an attribute named __proto__ stays an attribute.
      const attributes: Record<string, string> = Object.fromEntries(el.attrs().filter((a) => a.name() !== 'ClientData').map((a) => [a.name(), a.value()]));
      return {
        number: el.text().trim(),
        ...(clientData === undefined ? {} : { clientData }),
        ...(Object.keys(attributes).length === 0 ? {} : { attributes }),
      };
    });
    const maxActive = num(payload, 'svc:MaxActive');
    if (maxActive !== undefined && maxActive < 1) throw new Fault('BAD_REQUEST', 'MaxActive must be at least 1');
    const scrub = text(payload, 'svc:ScrubBroadcastDuplicates');
    const from = text(config, 'data:FromNumber');
    const id = store.createBroadcast({
      ...(requestId === undefined ? {} : { requestId }),
      name: text(payload, 'svc:BroadcastName') ?? 'API Send',
      type,
      labels: payload.find<libxml.Element>('svc:Label', NS).map((l) => l.text()),
      ...(maxActive === undefined ? {} : { maxActive }),
      scrubDuplicates: scrub === 'true' || scrub === '1',
      configKind: kind,
      config: treeOf(config),
      ...(from === undefined ? {} : { fromNumber: from }),
      ivr: kind === 'IvrBroadcastConfig',
      retry: { maxAttempts: num(config, 'data:RetryConfig/data:MaxAttempts') ?? 1, results: list(config, 'data:RetryConfig/data:RetryResults') },
      numbers,
    });
    if (kind === 'IvrBroadcastConfig') ctx.playThrough(id, text(config, 'data:DialplanXml')!);
    return envelope((b) => createdId(b, id));
  }

  function broadcastOrFault(id: number | undefined) {
    const b = id === undefined ? undefined : store.broadcast(id);
    if (b === undefined) throw new Fault('NOT_FOUND', `no broadcast with id ${id ?? ''}`);
    return b;
  }

  function page<T>(items: T[], payload: libxml.Element): { total: number; items: T[] } {
    const max = num(payload, 'svc:MaxResults') ?? 1000;
    const first = num(payload, 'svc:FirstResult') ?? 0;
    if (max < 0 || max > 1000) throw new Fault('BAD_REQUEST', 'MaxResults is limited to 1000');
    if (first < 0) throw new Fault('BAD_REQUEST', 'FirstResult must not be negative');
    return { total: items.length, items: items.slice(first, first + max) };
  }

  return {
    SendCall: sendCall,
    GetBroadcast(payload) {
      const b = broadcastOrFault(num(payload, 'svc:Id'));
      return envelope((body) => broadcastElement(body, b, store.status(b)));
    },
    GetBroadcastStats(payload) {
      const b = broadcastOrFault(num(payload, 'svc:Id'));
      return envelope((body) => statsElement(body, store.callsOf(b.id)));
    },
    QueryBroadcasts(payload) {
      const types = list(payload, 'svc:Type');
      const running = text(payload, 'svc:Running');
      const label = text(payload, 'svc:LabelName');
      // A status reads every call of its broadcast off the clock: work it out at most once per
      // broadcast, and only for those the Running filter or the page needs.
      const statuses = new Map<number, BroadcastStatus>();
      const statusOf = (b: StoredBroadcast): BroadcastStatus => {
        let status = statuses.get(b.id);
        if (status === undefined) statuses.set(b.id, (status = store.status(b)));
        return status;
      };
      const matching = store
        .broadcasts()
        .filter((b) => types.length === 0 || types.includes(b.type))
        .filter((b) => label === undefined || b.labels.includes(label))
        .filter((b) => running === undefined || (statusOf(b) === 'RUNNING') === (running === 'true'));
      const { total, items } = page(matching, payload);
      return envelope((body) => {
        const r = body.ele(SVC_NS, 'svc:BroadcastQueryResult');
        r.ele(SVC_NS, 'svc:TotalResults').txt(String(total));
        for (const b of items) broadcastElement(r, b, statusOf(b));
      });
    },
    ControlBroadcast(payload) {
      const b = broadcastOrFault(num(payload, 'svc:Id'));
      const command = text(payload, 'svc:Command') as 'START' | 'STOP' | 'ARCHIVE' | undefined;
      const maxActive = num(payload, 'svc:MaxActive');
      if (maxActive !== undefined && maxActive < 1) throw new Fault('BAD_REQUEST', 'MaxActive must be at least 1');
      if (command === 'START' && b.control === 'ARCHIVED') throw new Fault('BAD_REQUEST', `broadcast ${b.id} is archived`);
      store.control(b.id, command, maxActive, text(payload, 'svc:RequestId'));
      return envelope(() => {});
    },
    QueryCalls(payload) {
      const broadcastId = num(payload, 'svc:BroadcastId');
      const states = list(payload, 'svc:State') as ActionState[];
      const results = list(payload, 'svc:Result');
      const to = text(payload, 'svc:ToNumber');
      const from = text(payload, 'svc:FromNumber');
      const calls = (broadcastId === undefined ? store.allCallRecords() : store.callRecordsOf(broadcastId))
        .filter((c) => to === undefined || c.toNumber === to)
        .filter((c) => from === undefined || c.fromNumber === from);
      let total: number;
      let items: CallView[];
      if (states.length === 0 && results.length === 0) {
        // No filter on the state: page first, then read only that page off the clock.
        const paged = page(calls, payload);
        total = paged.total;
        const now = store.now();
        items = paged.items.map((c) => store.view(c, now));
      } else {
        const now = store.now();
        const views = calls
          .map((c) => store.view(c, now))
          .filter((v) => states.length === 0 || states.includes(v.state))
          .filter((v) => results.length === 0 || (v.finalResult !== undefined && results.includes(v.finalResult)));
        ({ total, items } = page(views, payload));
      }
      return envelope((body) => {
        const r = body.ele(SVC_NS, 'svc:CallQueryResult');
        r.ele(SVC_NS, 'svc:TotalResults').txt(String(total));
        for (const v of items) callElement(r, v);
      });
    },
    GetCall(payload) {
      const id = num(payload, 'svc:Id');
      const call = id === undefined ? undefined : store.call(id);
      if (call === undefined) throw new Fault('NOT_FOUND', `no call with id ${id ?? ''}`);
      return envelope((body) => callElement(body, store.view(call)));
    },
    ConfigureNumber(payload) {
      const number = text(payload, 'svc:Number')!.trim();
      const type = text(payload, 'data:NumberConfiguration/data:InboundCallConfigurationType');
      if (type !== undefined && type !== 'IVR') throw new Fault('NOT_IMPLEMENTED', `the sandbox configures inbound IVRs only, not ${type}`);
      const plan = checkPlan(text(payload, 'data:NumberConfiguration/data:InboundCallConfiguration/data:IvrInboundConfig/data:DialplanXml'), 'IvrInboundConfig');
      store.setNumberConfig(number, { configType: 'IVR', dialplanXml: plan });
      return envelope(() => {});
    },
    GetNumber(payload) {
      const number = text(payload, 'svc:Number')!.trim();
      const config = store.numberConfig(number);
      if (config === undefined) throw new Fault('NOT_FOUND', `number ${number} is not configured in this sandbox; ConfigureNumber it first`);
      return envelope((body) => numberElement(body, number, config));
    },
    CreateSound(payload) {
      const content = text(payload, 'svc:Data') ?? text(payload, 'svc:SoundText') ?? `record:${text(payload, 'svc:RecordingCall/svc:ToNumber') ?? ''}`;
      const id = store.createSound(text(payload, 'svc:Name') ?? 'API sound', content);
      return envelope((b) => createdId(b, id));
    },
  };
}
