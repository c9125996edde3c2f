/**
 * The sandbox's CallFire API 2.0 (REST/JSON) under `/v2/`, beside the SOAP services and over
 * the same store: a broadcast created on either API can be followed on both. The front has
 * checked the credentials and read the body.
 *
 * Like the SOAP side it checks every request body against the project's description of
 * `CallBroadcast` (`schemas/call-broadcast.schema.json`) and every dialplan through
 * validation and lint, answering 400 with an `ErrorResponse` that names each problem.
 * Unlike SendCall, API 2.0 has no RequestId: two identical creates make two broadcasts, as
 * on CallFire, and a client finds its own by the label it gave.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDialableRecipient } from '../../../language/values.js';
import { jsonSyntaxError } from '../../../util/json-positions.js';
import { checkJson } from '../../request-check.js';
import { fromCallBroadcastBody } from '../../v2/mapping.js';
import { CALL_BROADCAST_SCHEMA } from '../../v2/prepare.js';
import type { CallBroadcastBody, V2Page, V2Recipient } from '../../v2/types.js';
import type { Route, SandboxContext } from '../context.js';
import type { ToNumber } from '../../types.js';
import { words } from '../payload.js';
import { planErrors } from '../plan-check.js';
import type { ConfigTree, NewCalls, StoredBroadcast } from '../store.js';
import { callBroadcastOf, callOf, errorOf, statsOf } from './resources.js';

/** Where API 2.0 lives in the sandbox. */
export const V2_BASE_PATH = '/v2';

/** CallFire's documented bound of a page. */
const MAX_PAGE = 1000;
/** The page size the sandbox answers with when the client names none (CallFire's default). */
const DEFAULT_PAGE = 100;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

type Query = URLSearchParams;
type Handler = (match: RegExpExecArray, query: Query, body: Buffer) => { status: number; json?: unknown };

function send(res: ServerResponse, status: number, json?: unknown): void {
  if (json === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(json);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function jsonBody(body: Buffer, what: string): unknown {
  const raw = body.toString('utf8');
  const text = raw.trim();
  if (text === '') throw new HttpError(400, `${what}: the request has no body; send JSON`);
  try {
    return JSON.parse(text);
  } catch (e) {
    // where it stops being JSON, as the CLI names a file's place, not V8's copy of the text
    const at = jsonSyntaxError(raw, e as Error);
    throw new HttpError(400, `${what}: the body is not JSON at line ${at.line}, column ${at.column} (${at.reason})`);
  }
}

function intParam(query: Query, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(400, `query parameter ${name} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}; got "${raw}"`);
  return n;
}

function boolParam(query: Query, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw !== 'true' && raw !== 'false') throw new HttpError(400, `query parameter ${name} must be true or false; got "${raw}"`);
  return raw === 'true';
}

function page<T>(items: readonly T[], query: Query, map: (item: T) => unknown): V2Page<unknown> {
  const limit = intParam(query, 'limit', DEFAULT_PAGE, 1, MAX_PAGE);
  const offset = intParam(query, 'offset', 0, 0);
  return { items: items.slice(offset, offset + limit).map(map), limit, offset, totalCount: items.length };
}

/** A typed 1.1 config as the text tree the store keeps (as the SOAP side reads it from XML). */
function treeOf(value: Readonly<Record<string, unknown>>): ConfigTree {
  const out: ConfigTree = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) out[k] = v.join(' ');
    else if (typeof v === 'object' && v !== null) out[k] = treeOf(v as Record<string, unknown>);
    else out[k] = String(v);
  }
  return out;
}

/** Recipients (read back into 1.1's ToNumber) as the store's numbers. */
function numbersOf(toNumbers: readonly ToNumber[]): NewCalls['numbers'] {
  return toNumbers.map((to) =>
    typeof to === 'string' ? { number: to } : { number: to.Value, ...(to.ClientData === undefined ? {} : { clientData: to.ClientData }), ...(to.Attributes === undefined ? {} : { attributes: { ...to.Attributes } }) },
  );
}

/** A tree's text at a path such as `RetryConfig/MaxAttempts`. */
function treeText(tree: ConfigTree, path: string): string | undefined {
  let v: string | ConfigTree | undefined = tree;
  for (const k of path.split('/')) v = typeof v === 'object' ? v[k] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/**
 * A body's problems against the schema at `ref`, one line each (`/path: message`; `body: …`
 * for the whole); `at` is the JSON Pointer of the checked value in the body, `subject` its name.
 */
function bodyProblems(ref: string, body: unknown, { at = '', subject = 'the request', limit = 50 } = {}): string[] {
  return checkJson(ref, body, limit, subject).map((p) => `${at + p.path || 'body'}: ${p.message}`);
}

/** The sandbox's API 2.0 route. */
export function v2Route(ctx: SandboxContext): Route {
  const { store, log } = ctx;

  function broadcastOr404(id: string): StoredBroadcast {
    const b = store.broadcast(Number(id));
    if (b === undefined) throw new HttpError(404, `no call broadcast with id ${id}`);
    return b;
  }

  /** Every problem of a create body, in words: shape, kind, sounds and the dialplan's findings. */
  function problemsOf(body: unknown): { problems: string[]; broadcast?: CallBroadcastBody } {
    const problems = bodyProblems(CALL_BROADCAST_SCHEMA, body);
    if (problems.length > 0) return { problems };
    const b = body as CallBroadcastBody;
    if ((b.dialplanXml === undefined) === (b.sounds === undefined)) problems.push('body: a CallBroadcast needs exactly one of dialplanXml (IVR) or sounds (voice)');
    if (b.sounds !== undefined && [b.sounds.liveSoundText, b.sounds.liveSoundId, b.sounds.machineSoundText, b.sounds.machineSoundId].every((s) => s === undefined)) {
      problems.push('/sounds: a voice broadcast needs a live or machine sound (liveSoundText, liveSoundId, machineSoundText or machineSoundId)');
    }
    if (b.dialplanXml !== undefined) {
      for (const line of planErrors(b.dialplanXml)) problems.push(`/dialplanXml ${line}`);
    }
    return problems.length > 0 ? { problems } : { problems, broadcast: b };
  }

  function create(body: CallBroadcastBody, start: boolean): number {
    const { request, configKind } = fromCallBroadcastBody(body);
    const config = (request.IvrBroadcastConfig ?? request.VoiceBroadcastConfig ?? {}) as Record<string, unknown>;
    const retry = request.IvrBroadcastConfig?.RetryConfig ?? request.VoiceBroadcastConfig?.RetryConfig;
    const id = store.createBroadcast({
      name: request.BroadcastName ?? 'API Send',
      type: request.Type,
      labels: [...(request.Label ?? [])],
      ...(request.MaxActive === undefined ? {} : { maxActive: request.MaxActive }),
      scrubDuplicates: false,
      configKind,
      config: treeOf(config),
      fromNumber: config['FromNumber'] as string | undefined,
      ivr: configKind === 'IvrBroadcastConfig',
      retry: { maxAttempts: retry?.MaxAttempts ?? 1, results: [...(retry?.RetryResults ?? [])] },
      numbers: numbersOf(request.ToNumber),
    });
    // start=false: created, not dialling until POST …/start.
    if (!start) store.control(id, 'STOP', undefined, undefined);
    if (configKind === 'IvrBroadcastConfig' && body.dialplanXml !== undefined) ctx.playThrough(id, body.dialplanXml);
    return id;
  }

  const routes: readonly (readonly [method: string, path: RegExp, handler: Handler])[] = [
    [
      'POST',
      /^\/calls\/broadcasts$/,
      (_m, query, raw) => {
        const start = boolParam(query, 'start') ?? false;
        boolParam(query, 'strictValidation');
        const { problems, broadcast } = problemsOf(jsonBody(raw, 'POST /calls/broadcasts'));
        if (broadcast === undefined) throw new HttpError(400, `Invalid CallBroadcast: ${problems.length} problem(s): ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; ...' : ''}`, problems);
        return { status: 201, json: { id: create(broadcast, start) } };
      },
    ],
    [
      'GET',
      /^\/calls\/broadcasts$/,
      (_m, query) => {
        const label = query.get('label');
        const name = query.get('name');
        const running = boolParam(query, 'running');
        const found = store
          .broadcasts()
          .filter((b) => label === null || b.labels.includes(label))
          .filter((b) => name === null || b.name === name)
          .filter((b) => running === undefined || (store.status(b) === 'RUNNING') === running);
        return { status: 200, json: page(found, query, (b) => callBroadcastOf(b, store.status(b))) };
      },
    ],
    ['GET', /^\/calls\/broadcasts\/(\d+)$/, (m) => {
      const b = broadcastOr404(m[1]!);
      return { status: 200, json: callBroadcastOf(b, store.status(b)) };
    }],
    ['GET', /^\/calls\/broadcasts\/(\d+)\/stats$/, (m) => ({ status: 200, json: statsOf(store.callsOf(broadcastOr404(m[1]!).id)) })],
    ['GET', /^\/calls\/broadcasts\/(\d+)\/calls$/, (m, query) => {
      const b = broadcastOr404(m[1]!);
      const now = store.now();
      return { status: 200, json: page(store.callRecordsOf(b.id), query, (c) => callOf(store.view(c, now), b.labels)) };
    }],
    [
      'POST',
      /^\/calls\/broadcasts\/(\d+)\/(start|stop|archive)$/,
      (m) => {
        const b = broadcastOr404(m[1]!);
        const command = m[2]!.toUpperCase() as 'START' | 'STOP' | 'ARCHIVE';
        if (command === 'START' && b.control === 'ARCHIVED') throw new HttpError(400, `call broadcast ${b.id} is archived and cannot be started`);
        store.control(b.id, command, undefined, undefined);
        return { status: 204 };
      },
    ],
    [
      'POST',
      /^\/calls\/broadcasts\/(\d+)\/recipients$/,
      (m, _query, raw) => {
        const b = broadcastOr404(m[1]!);
        const body = jsonBody(raw, `POST /calls/broadcasts/${b.id}/recipients`);
        if (!Array.isArray(body)) throw new HttpError(400, 'the body must be a list of recipients ([{ "phoneNumber": "..." }])');
        const problems = body.flatMap((r, i) => bodyProblems(`${CALL_BROADCAST_SCHEMA}#/definitions/Recipient`, r, { at: `/${i}`, subject: 'the recipient', limit: 10 }));
        if (problems.length > 0) throw new HttpError(400, `Invalid recipients: ${problems.length} problem(s): ${problems.slice(0, 3).join('; ')}`, problems);
        if (b.control === 'ARCHIVED') throw new HttpError(400, `call broadcast ${b.id} is archived`);
        const { request } = fromCallBroadcastBody({ recipients: body as V2Recipient[] });
        const ivr = b.configKind === 'IvrBroadcastConfig';
        const ids = store.addNumbers(b.id, {
          numbers: numbersOf(request.ToNumber),
          fromNumber: treeText(b.config, 'FromNumber'),
          retry: { maxAttempts: Number(treeText(b.config, 'RetryConfig/MaxAttempts') ?? 1), results: words(treeText(b.config, 'RetryConfig/RetryResults')) },
          ivr,
          scrubDuplicates: false,
        });
        const plan = treeText(b.config, 'DialplanXml');
        if (ivr && plan !== undefined) ctx.playThrough(b.id, plan);
        const now = store.now();
        return { status: 200, json: { items: ids.map((id) => callOf(store.view(store.call(id)!, now), b.labels)) } };
      },
    ],
    [
      'GET',
      /^\/calls$/,
      (_m, query) => {
        const campaignId = query.get('campaignId');
        const to = query.get('toNumber');
        const from = query.get('fromNumber');
        const label = query.get('label');
        const states = (query.get('states') ?? '').split(',').filter(Boolean);
        const results = (query.get('results') ?? '').split(',').filter(Boolean);
        const now = store.now();
        const records = campaignId === null ? store.allCallRecords() : store.callRecordsOf(Number(campaignId));
        const views = records
          .filter((c) => to === null || c.toNumber === to)
          .filter((c) => from === null || c.fromNumber === from)
          .filter((c) => label === null || (store.broadcast(c.broadcastId)?.labels ?? []).includes(label))
          .map((c) => store.view(c, now))
          .filter((v) => states.length === 0 || states.includes(v.state))
          .filter((v) => results.length === 0 || (v.finalResult !== undefined && results.includes(v.finalResult)));
        return { status: 200, json: page(views, query, (v) => callOf(v, store.broadcast(v.call.broadcastId)?.labels ?? [])) };
      },
    ],
    ['GET', /^\/calls\/(\d+)$/, (m) => {
      const call = store.call(Number(m[1]));
      if (call === undefined) throw new HttpError(404, `no call with id ${m[1]!}`);
      return { status: 200, json: callOf(store.view(call), store.broadcast(call.broadcastId)?.labels ?? []) };
    }],
    [
      'PUT',
      /^\/numbers\/leases\/configs\/([^/]+)$/,
      (m, _query, raw) => {
        const number = decodeURIComponent(m[1]!);
        if (!isDialableRecipient(number)) throw new HttpError(400, `"${number}" is not a phone number in E.164 format (such as 12135551100)`);
        const body = jsonBody(raw, `PUT /numbers/leases/configs/${number}`);
        const problems = bodyProblems(`${CALL_BROADCAST_SCHEMA}#/definitions/NumberConfig`, body);
        const config = body as { configType?: 'IVR' | 'TRACKING'; number?: string; ivrInboundConfig?: { dialplanXml: string }; callTrackingConfig?: Record<string, unknown> };
        if (problems.length === 0 && config.number !== undefined && config.number !== number) problems.push(`/number: ${config.number} is not the number of the path (${number})`);
        const plan = config.ivrInboundConfig?.dialplanXml;
        if (problems.length === 0 && plan !== undefined) {
          for (const line of planErrors(plan)) problems.push(`/ivrInboundConfig/dialplanXml ${line}`);
        }
        if (problems.length > 0) throw new HttpError(400, `Invalid NumberConfig: ${problems.length} problem(s): ${problems.slice(0, 3).join('; ')}`, problems);
        store.setNumberConfig(number, {
          configType: config.configType!,
          ...(plan === undefined ? {} : { dialplanXml: plan }),
          ...(config.callTrackingConfig === undefined ? {} : { callTrackingConfig: config.callTrackingConfig }),
        });
        return { status: 204 };
      },
    ],
    [
      'GET',
      /^\/numbers\/leases\/configs\/([^/]+)$/,
      (m) => {
        const number = decodeURIComponent(m[1]!);
        const config = store.numberConfig(number);
        if (config === undefined) throw new HttpError(404, `number ${number} has no configuration in this sandbox; PUT one first`);
        return {
          status: 200,
          json: {
            number,
            configType: config.configType,
            ...(config.dialplanXml === undefined ? {} : { ivrInboundConfig: { dialplanXml: config.dialplanXml } }),
            ...(config.callTrackingConfig === undefined ? {} : { callTrackingConfig: config.callTrackingConfig }),
          },
        };
      },
    ],
  ];

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname.slice(V2_BASE_PATH.length);
    const method = req.method ?? 'GET';
    const matching = routes.filter(([, pattern]) => pattern.test(path));
    const route = matching.find(([m]) => m === method);
    let status: number;
    try {
      if (route === undefined) {
        if (matching.length > 0) throw new HttpError(405, `${method} is not supported on ${V2_BASE_PATH}${path}; use ${matching.map(([m]) => m).join(' or ')}`);
        throw new HttpError(404, `no API 2.0 resource at ${V2_BASE_PATH}${path}`);
      }
      if (body.length > 0 && !(req.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new HttpError(415, 'send the body as JSON: Content-Type must be application/json');
      }
      const answer = route[2](route[1].exec(path)!, url.searchParams, body);
      status = answer.status;
      send(res, answer.status, answer.json);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      status = e.status;
      send(res, e.status, errorOf(e.status, e.message, e.problems));
    }
    log(`${method} ${V2_BASE_PATH}${path} -> ${status}`);
  }

  return {
    prefix: `${V2_BASE_PATH}/`,
    handle,
    refuse: (res, status, message) => send(res, status, errorOf(status, message)),
  };
}
