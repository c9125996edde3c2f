/**
 * The sandbox's SOAP 1.2 responses, written with xmlbuilder2 (escaping by construction):
 * result envelopes for each operation and `env:Fault`s carrying a `ServiceFaultInfo`.
 *
 * @module
 */
import type * as Xmlbuilder2 from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { BroadcastStatus, FaultCode } from '../types.js';
import { DATA_NS, SOAP11_NS, SOAP12_NS, SVC_NS } from '../envelope-xml.js';
import type { CallView, ConfigTree, StoredBroadcast, StoredNumberConfig } from './store.js';
import { onDemand } from '../../util/on-demand.js';
import { xmlText } from '../../util/xml-literal.js';

const xmlbuilder2 = onDemand<typeof Xmlbuilder2>('xmlbuilder2');

/** Writes an envelope whose body `fill` writes. */
export function envelope(fill: (body: XMLBuilder) => void): string {
  const doc = xmlbuilder2().create({ version: '1.0', encoding: 'UTF-8' });
  const body = doc.ele(SOAP12_NS, 'env:Envelope').att('xmlns:svc', SVC_NS).att('xmlns:data', DATA_NS).ele(SOAP12_NS, 'env:Body');
  fill(body);
  return doc.end({ prettyPrint: false });
}

/** A SOAP 1.2 fault with CallFire's ServiceFaultInfo in its Detail. */
export function faultEnvelope(code: FaultCode, message: string, detail?: string): string {
  const sender = faultStatus(code) === 400;
  return envelope((body) => {
    const fault = body.ele(SOAP12_NS, 'env:Fault');
    fault.ele(SOAP12_NS, 'env:Code').ele(SOAP12_NS, 'env:Value').txt(t(sender ? 'env:Sender' : 'env:Receiver'));
    fault.ele(SOAP12_NS, 'env:Reason').ele(SOAP12_NS, 'env:Text').att('http://www.w3.org/XML/1998/namespace', 'xml:lang', 'en').txt(t(message));
    const info = fault.ele(SOAP12_NS, 'env:Detail').ele(SVC_NS, 'svc:ServiceFaultInfo');
    info.ele(SVC_NS, 'svc:FaultCode').txt(t(code));
    info.ele(SVC_NS, 'svc:Message').txt(t(message));
    if (detail !== undefined) info.ele(SVC_NS, 'svc:Detail').txt(t(detail));
  });
}

/**
 * A VersionMismatch fault for a SOAP 1.1 request, written in SOAP 1.1 so its client can read
 * it, with the Upgrade header naming the one envelope the service speaks (SOAP 1.2, Part 1,
 * §5.4.7 and Appendix A).
 */
export function versionMismatch11(message: string): string {
  const doc = xmlbuilder2().create({ version: '1.0', encoding: 'UTF-8' });
  const env = doc.ele(SOAP11_NS, 's11:Envelope');
  env.ele(SOAP11_NS, 's11:Header').ele(SOAP12_NS, 'env:Upgrade').ele(SOAP12_NS, 'env:SupportedEnvelope').att('qname', 'env:Envelope');
  const fault = env.ele(SOAP11_NS, 's11:Body').ele(SOAP11_NS, 's11:Fault');
  fault.ele('faultcode').txt('s11:VersionMismatch');
  fault.ele('faultstring').txt(t(message));
  return doc.end({ prettyPrint: false });
}

/**
 * A SOAP 1.2 fault of the SOAP layer itself (VersionMismatch, MustUnderstand), which has no
 * CallFire ServiceFaultInfo; `headers` writes header blocks such as env:NotUnderstood.
 */
export function soapFault(code: 'env:VersionMismatch' | 'env:MustUnderstand', message: string, headers?: (header: XMLBuilder) => void): string {
  const doc = xmlbuilder2().create({ version: '1.0', encoding: 'UTF-8' });
  const env = doc.ele(SOAP12_NS, 'env:Envelope');
  if (headers) headers(env.ele(SOAP12_NS, 'env:Header'));
  const fault = env.ele(SOAP12_NS, 'env:Body').ele(SOAP12_NS, 'env:Fault');
  fault.ele(SOAP12_NS, 'env:Code').ele(SOAP12_NS, 'env:Value').txt(code);
  fault.ele(SOAP12_NS, 'env:Reason').ele(SOAP12_NS, 'env:Text').att('http://www.w3.org/XML/1998/namespace', 'xml:lang', 'en').txt(t(message));
  return doc.end({ prettyPrint: false });
}

/** The HTTP status of a fault: client mistakes are 400 (env:Sender), the rest 500. */
export function faultStatus(code: FaultCode): number {
  return code === 'BAD_REQUEST' || code === 'FORBIDDEN' || code === 'NOT_FOUND' ? 400 : 500;
}

const t = xmlText;

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `svc:CreatedId`. */
export function createdId(body: XMLBuilder, id: number): void {
  body.ele(SVC_NS, 'svc:CreatedId').txt(t(String(id)));
}

function tree(parent: XMLBuilder, content: ConfigTree): void {
  for (const [name, value] of Object.entries(content)) {
    const el = parent.ele(DATA_NS, `data:${name}`);
    if (typeof value === 'string') el.txt(t(value));
    else tree(el, value);
  }
}

/** `data:Broadcast`. */
export function broadcastElement(parent: XMLBuilder, b: StoredBroadcast, status: BroadcastStatus): void {
  const el = parent.ele(DATA_NS, 'data:Broadcast').att('id', String(b.id));
  el.ele(DATA_NS, 'data:Name').txt(t(b.name));
  el.ele(DATA_NS, 'data:Status').txt(t(status));
  el.ele(DATA_NS, 'data:LastModified').txt(t(iso(b.lastModified)));
  el.ele(DATA_NS, 'data:Type').txt(t(b.type));
  const config = el.ele(DATA_NS, `data:${b.configKind}`).att('id', String(b.id));
  config.ele(DATA_NS, 'data:Created').txt(t(iso(b.created)));
  // Created is CallFire's; a client sending it is ignored, as on the real service.
  const { Created: _ignored, ...rest } = b.config;
  tree(config, rest);
}

/** `data:BroadcastStats` computed from the calls. */
export function statsElement(parent: XMLBuilder, calls: readonly CallView[]): void {
  let duration = 0;
  let billed = 0;
  let attempts = 0;
  let actions = 0;
  let unattempted = 0;
  let finished = 0;
  const perResult = new Map<string, { attempts: number; actions: number }>();
  for (const v of calls) {
    if (v.state === 'READY' || v.state === 'SELECTED') {
      unattempted++;
      continue;
    }
    finished++;
    if (v.attempts.length === 0) continue;
    actions++;
    for (const a of v.attempts) {
      attempts++;
      duration += a.duration;
      // CallFire bills started minutes.
      billed += Math.ceil(a.duration / 60) * 60;
      const r = perResult.get(a.result) ?? { attempts: 0, actions: 0 };
      r.attempts++;
      perResult.set(a.result, r);
    }
    if (v.finalResult !== undefined) perResult.get(v.finalResult)!.actions++;
  }
  const el = parent.ele(DATA_NS, 'data:BroadcastStats');
  const usage = el.ele(DATA_NS, 'data:UsageStats');
  usage.ele(DATA_NS, 'data:Duration').txt(t(String(duration)));
  usage.ele(DATA_NS, 'data:BilledDuration').txt(t(String(billed)));
  usage.ele(DATA_NS, 'data:BilledAmount').txt(t(((billed / 60) * 0.03).toFixed(2)));
  usage.ele(DATA_NS, 'data:Attempts').txt(t(String(attempts)));
  usage.ele(DATA_NS, 'data:Actions').txt(t(String(actions)));
  for (const [result, r] of perResult) {
    const s = el.ele(DATA_NS, 'data:ResultStat');
    s.ele(DATA_NS, 'data:Result').txt(t(result));
    s.ele(DATA_NS, 'data:Attempts').txt(t(String(r.attempts)));
    s.ele(DATA_NS, 'data:Actions').txt(t(String(r.actions)));
  }
  const st = el.ele(DATA_NS, 'data:ActionStatistics');
  st.ele(DATA_NS, 'data:Unattempted').txt(t(String(unattempted)));
  st.ele(DATA_NS, 'data:RetryWait').txt(t('0'));
  st.ele(DATA_NS, 'data:Finished').txt(t(String(finished)));
}

/** `data:Number` of GetNumber: the number and its inbound configuration (the dialplan of an IVR). */
export function numberElement(parent: XMLBuilder, number: string, config: StoredNumberConfig): void {
  const el = parent.ele(DATA_NS, 'data:Number');
  el.ele(DATA_NS, 'data:Number').txt(t(number));
  const m = /^1?(\d{3})(\d{3})(\d{4})$/.exec(number.replace(/^\+/, ''));
  el.ele(DATA_NS, 'data:NationalFormat').txt(t(m ? `(${m[1]}) ${m[2]}-${m[3]}` : number));
  el.ele(DATA_NS, 'data:TollFree').txt(t(String(m !== null && /^8(00|33|44|55|66|77|88)$/.test(m[1]!))));
  const nc = el.ele(DATA_NS, 'data:NumberConfiguration');
  nc.ele(DATA_NS, 'data:CallFeature').txt(t('ENABLED'));
  nc.ele(DATA_NS, 'data:InboundCallConfigurationType').txt(t(config.configType));
  if (config.dialplanXml !== undefined) nc.ele(DATA_NS, 'data:InboundCallConfiguration').ele(DATA_NS, 'data:IvrInboundConfig').ele(DATA_NS, 'data:DialplanXml').txt(t(config.dialplanXml));
}

/** `data:Call` with one CallRecord per attempt. */
export function callElement(parent: XMLBuilder, v: CallView): void {
  const c = v.call;
  const el = parent.ele(DATA_NS, 'data:Call').att('id', String(c.id));
  el.ele(DATA_NS, 'data:FromNumber').txt(t(c.fromNumber));
  const to = el.ele(DATA_NS, 'data:ToNumber');
  if (c.clientData !== undefined) to.att('ClientData', t(c.clientData));
  for (const [k, val] of Object.entries(c.attributes ?? {})) to.att(k, t(val));
  to.txt(t(c.toNumber));
  el.ele(DATA_NS, 'data:State').txt(t(v.state));
  el.ele(DATA_NS, 'data:BroadcastId').txt(t(String(c.broadcastId)));
  el.ele(DATA_NS, 'data:ContactId').txt(t(String(c.id + 5_000_000)));
  el.ele(DATA_NS, 'data:Inbound').txt(t('false'));
  el.ele(DATA_NS, 'data:Created').txt(t(iso(c.created)));
  el.ele(DATA_NS, 'data:Modified').txt(t(iso(v.state === 'FINISHED' ? (c.finishAt ?? c.created) : v.state === 'SELECTED' ? (c.startAt ?? c.created) : c.created)));
  if (v.finalResult !== undefined) el.ele(DATA_NS, 'data:FinalResult').txt(t(v.finalResult));
  const finish = c.finishAt ?? c.created;
  v.attempts.forEach((a, i) => {
    const r = el.ele(DATA_NS, 'data:CallRecord').att('id', String(a.id));
    r.ele(DATA_NS, 'data:Result').txt(t(a.result));
    r.ele(DATA_NS, 'data:FinishTime').txt(t(iso(finish)));
    r.ele(DATA_NS, 'data:BilledAmount').txt(t(((Math.ceil(a.duration / 60) * 60) / 60 * 0.03).toFixed(2)));
    // The plan ran on the attempt that was answered: the last one.
    if (i === v.attempts.length - 1) {
      for (const [question, response] of c.responses ?? []) {
        const q = r.ele(DATA_NS, 'data:QuestionResponse');
        q.ele(DATA_NS, 'data:Question').txt(t(question));
        q.ele(DATA_NS, 'data:Response').txt(t(response));
      }
    }
    r.ele(DATA_NS, 'data:OriginateTime').txt(t(iso(c.startAt ?? c.created)));
    if (a.duration > 0) r.ele(DATA_NS, 'data:AnswerTime').txt(t(iso(Math.max(c.startAt ?? c.created, finish - a.duration * 1000))));
    r.ele(DATA_NS, 'data:Duration').txt(t(String(a.duration)));
  });
}
