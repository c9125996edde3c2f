/**
 * A local stand-in for CallFire's SOAP 1.2 service: a real HTTP server on 127.0.0.1 that
 * speaks the same operations at `/api/1.1/soap12/call` and `/api/1.1/soap12/broadcast`.
 *
 * Like the real service it takes only the credentials it was started with (HTTP Basic),
 * checks every request against the WSDL's schema and every dialplan against the project's
 * validator (a BAD_REQUEST fault listing the findings), de-duplicates SendCall by RequestId,
 * and dials one call per number, whose state moves from READY to SELECTED to FINISHED with a
 * result that depends only on the number. With a data file its state survives a restart.
 *
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type libxml from 'libxmljs2';
import { validate } from '../../validate/validate.js';
import { schemaPath } from '../paths.js';
import { OPERATIONS, type Operation } from '../soap-client.js';
import type { ActionState, BroadcastStatus, BroadcastType, FaultCode } from '../types.js';
import { DATA_NS, envelopeValidator, SOAP12_NS, SVC_NS, type EnvelopeValidator } from './envelope-schema.js';
import { broadcastElement, callElement, createdId, envelope, faultEnvelope, faultStatus, statsElement } from './responses.js';
import { stashesOf, type IvrCall } from './ivr-calls.js';
import { Store, type CallView, type ConfigTree, type StoredBroadcast } from './store.js';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** TCP port; 0 picks a free one (default 8080). */
  readonly port?: number;
  /** Loopback address to listen on (default `127.0.0.1`); other addresses are refused. */
  readonly host?: '127.0.0.1' | 'localhost' | '::1';
  /** The only credentials accepted. */
  readonly credentials: { readonly username: string; readonly password: string };
  /** JSON file that keeps the state across restarts; in memory only when absent. */
  readonly dataFile?: string;
  /** Length of one wave of calls in ms (default 2000): how fast calls reach their result. */
  readonly callMs?: number;
  /** Called with one line per request (never with credentials). */
  readonly log?: (line: string) => void;
  /** The clock calls advance by, in epoch ms (default `Date.now`); tests pass one they move by hand. */
  readonly now?: () => number;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base address for clients, such as `http://127.0.0.1:8080/api/1.1/soap12`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const BASE_PATH = '/api/1.1/soap12';
const MAX_ATTEMPTS = 10;
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;
const NS = { env: SOAP12_NS, svc: SVC_NS, data: DATA_NS };

class Fault extends Error {
  constructor(
    readonly code: FaultCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

let validator: EnvelopeValidator | undefined;

function text(node: libxml.Element, xpath: string): string | undefined {
  const found = node.get<libxml.Element>(xpath, NS);
  return found ? found.text() : undefined;
}

function num(node: libxml.Element, xpath: string): number | undefined {
  const t = text(node, xpath);
  return t === undefined ? undefined : Number(t);
}

/** An element's content as a tree, for storing a broadcast config as it was sent. */
function treeOf(el: libxml.Element): ConfigTree {
  const out: ConfigTree = {};
  for (const child of el.childNodes()) {
    if (child.type() !== 'element') continue;
    const c = child as libxml.Element;
    const kids = c.childNodes().filter((k) => k.type() === 'element');
    out[c.name()] = kids.length === 0 ? c.text() : treeOf(c);
  }
  return out;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/**
 * Starts a sandbox.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ port: 0, credentials: { username: 'demo', password: 's3cret' } });
 * const client = new CallFireClient({ endpoint: sandbox.url, username: 'demo', password: 's3cret' });
 * // ... send, follow ...
 * await sandbox.close();
 * ```
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new TypeError('the sandbox listens on a loopback address only');
  if (!options.credentials.username || !options.credentials.password) throw new TypeError('the sandbox needs a username and a password');
  validator ??= envelopeValidator(schemaPath('callfire-soap.xsd'));
  const check = validator;
  const store = new Store({ dataFile: options.dataFile, pace: options.callMs === undefined ? undefined : { callMs: options.callMs }, now: options.now });
  const expected = digest(`${options.credentials.username}:${options.credentials.password}`);
  const log = options.log ?? (() => {});
  const pending = new Set<Promise<void>>();

  function authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const m = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(header);
    if (m === null) return false;
    // Compare digests: equal length for timingSafeEqual, and no early exit on the first wrong byte.
    return timingSafeEqual(digest(Buffer.from(m[1]!, 'base64').toString('utf8')), expected);
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
      const plan = text(config, 'data:DialplanXml');
      if (plan === undefined || plan.trim() === '') throw new Fault('BAD_REQUEST', 'IvrBroadcastConfig needs DialplanXml');
      const { ok, diagnostics } = validate(plan);
      if (!ok) {
        const findings = diagnostics
          .filter((d) => d.severity === 'error')
          .map((d) => `${d.line ?? '?'}:${d.column ?? '?'} ${d.path} ${d.message} (${d.rule})`);
        throw new Fault('BAD_REQUEST', `Invalid DialplanXml: ${findings.length} error(s)`, findings.join('\n'));
      }
    } else if (text(config, 'data:LiveSoundText|data:LiveSoundId|data:MachineSoundText|data:MachineSoundId') === undefined) {
      throw new Fault('BAD_REQUEST', 'VoiceBroadcastConfig needs a live or machine sound (SoundText or SoundId)');
    }
    const numbers = payload.find<libxml.Element>('svc:ToNumber', NS).map((el) => {
      const clientData = el.attr('ClientData')?.value();
      const attributes: Record<string, string> = {};
      for (const a of el.attrs()) if (a.name() !== 'ClientData') attributes[a.name()] = a.value();
      return {
        number: el.text().trim(),
        ...(clientData === undefined ? {} : { clientData }),
        ...(Object.keys(attributes).length === 0 ? {} : { attributes }),
      };
    });
    const maxActive = num(payload, 'svc:MaxActive');
    if (maxActive !== undefined && maxActive < 1) throw new Fault('BAD_REQUEST', 'MaxActive must be at least 1');
    const scrub = text(payload, 'svc:ScrubBroadcastDuplicates');
    const id = store.createBroadcast({
      ...(requestId === undefined ? {} : { requestId }),
      name: text(payload, 'svc:BroadcastName') ?? 'API Send',
      type,
      labels: payload.find<libxml.Element>('svc:Label', NS).map((l) => l.text()),
      ...(maxActive === undefined ? {} : { maxActive }),
      scrubDuplicates: scrub === 'true' || scrub === '1',
      configKind: kind,
      config: treeOf(config),
      fromNumber: text(config, 'data:FromNumber') ?? '12135550100',
      ivr: kind === 'IvrBroadcastConfig',
      retry: {
        // CallFire documents no bound; the sandbox stops at ten attempts per number.
        maxAttempts: Math.min(num(config, 'data:RetryConfig/data:MaxAttempts') ?? 1, MAX_ATTEMPTS),
        results: (text(config, 'data:RetryConfig/data:RetryResults') ?? '').split(/\s+/).filter(Boolean),
      },
      numbers,
    });
    if (kind === 'IvrBroadcastConfig') playThrough(id, text(config, 'data:DialplanXml')!);
    return envelope((b) => createdId(b, id));
  }

  /** Runs the plan for the answered calls in the background; they finish once it has run. */
  function playThrough(id: number, plan: string): void {
    const calls: IvrCall[] = [];
    for (const callId of store.broadcast(id)!.callIds) {
      const call = store.call(callId)!;
      if (call.pendingIvr !== true) continue;
      const answer = call.attempts?.[call.attempts.length - 1]?.result === 'LA' ? 'live' : 'machine';
      calls.push({ id: callId, number: call.toNumber, answer, ...(call.attributes ? { contact: call.attributes } : {}) });
    }
    if (calls.length === 0) return;
    const ids = calls.map((c) => c.id);
    const job = stashesOf(plan, calls)
      .catch((e: unknown) => {
        log(`could not play broadcast ${id} through its dialplan: ${(e as Error).message}`);
        return new Map<number, [string, string][]>();
      })
      .then((stashes) => store.setResponses(ids, stashes))
      .finally(() => pending.delete(job));
    pending.add(job);
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

  const handlers: Record<Operation, (payload: libxml.Element) => string> = {
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
      const types = (text(payload, 'svc:Type') ?? '').split(/\s+/).filter(Boolean);
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
      const states = (text(payload, 'svc:State') ?? '').split(/\s+/).filter(Boolean) as ActionState[];
      const results = (text(payload, 'svc:Result') ?? '').split(/\s+/).filter(Boolean);
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
    CreateSound(payload) {
      const content = text(payload, 'svc:Data') ?? text(payload, 'svc:SoundText') ?? `record:${text(payload, 'svc:RecordingCall/svc:ToNumber') ?? ''}`;
      const id = store.createSound(text(payload, 'svc:Name') ?? 'API sound', content);
      return envelope((b) => createdId(b, id));
    },
  };

  function answer(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
    res.writeHead(status, { 'Content-Type': 'application/soap+xml; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...extra });
    res.end(body);
  }

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const path = (req.url ?? '/').split('?')[0]!;
    const service = path.startsWith(`${BASE_PATH}/`) ? path.slice(BASE_PATH.length + 1) : undefined;
    if (service !== 'call' && service !== 'broadcast') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`no service at ${path}; use ${BASE_PATH}/call or ${BASE_PATH}/broadcast\n`);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain' }).end('POST a SOAP 1.2 envelope\n');
      return;
    }
    if (!authorized(req)) {
      log(`POST ${path} -> 401 (credentials refused)`);
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="CallFire sandbox"', 'Content-Type': 'text/plain' }).end('Unauthorized\n');
      return;
    }
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.startsWith('application/soap+xml')) {
      const body = faultEnvelope('BAD_REQUEST', 'SOAP 1.2 only: Content-Type must be application/soap+xml');
      answer(res, 415, body);
      return;
    }
    const checked = check(raw);
    const payload = checked.doc?.get<libxml.Element>('/env:Envelope/env:Body/*', NS) ?? null;
    const operation = payload?.name() as Operation | undefined;
    if (checked.errors.length > 0 || payload === null || operation === undefined) {
      log(`POST ${path} ${operation ?? '?'} -> 400 BAD_REQUEST (schema)`);
      answer(res, 400, faultEnvelope('BAD_REQUEST', 'The request does not match the service schema', checked.errors.slice(0, 20).join('\n')));
      return;
    }
    if (!Object.hasOwn(handlers, operation) || OPERATIONS[operation] !== service) {
      answer(res, 400, faultEnvelope('BAD_REQUEST', `${operation} is not an operation of ${BASE_PATH}/${service}`));
      return;
    }
    const action = /action="([^"]*)"/.exec(contentType)?.[1];
    const port = service === 'call' ? 'CallServicePortType' : 'BroadcastServicePortType';
    if (action !== undefined && action !== `http://api.callfire.com/service/wsdl/${port}/${operation}`) {
      answer(res, 400, faultEnvelope('BAD_REQUEST', `SOAP action ${action} does not match ${operation}`));
      return;
    }
    try {
      const body = handlers[operation](payload);
      log(`POST ${path} ${operation} -> 200`);
      answer(res, 200, body);
    } catch (e) {
      if (!(e instanceof Fault)) throw e;
      log(`POST ${path} ${operation} -> ${faultStatus(e.code)} ${e.code}: ${e.message}`);
      answer(res, faultStatus(e.code), faultEnvelope(e.code, e.message, e.detail));
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_REQUEST_BYTES) {
        res.writeHead(413, { 'Content-Type': 'text/plain' }).end('request too large\n');
        return;
      }
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        log(`internal error: ${(e as Error).message}`);
        if (!res.headersSent) answer(res, 500, faultEnvelope('UNAVAILABLE', 'sandbox internal error'));
      }
    });
  });
  // Calls left half-way by a stop: play them through now.
  for (const broadcastId of store.broadcastsPendingIvr()) {
    const plan = store.broadcast(broadcastId)?.config['DialplanXml'];
    if (typeof plan === 'string') playThrough(broadcastId, plan);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = host === '::1' ? '[::1]' : host;
  return {
    url: `http://${shown}:${port}${BASE_PATH}`,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // Let background work finish writing the data file before the caller moves on.
      await Promise.allSettled([...pending]);
    },
  };
}
