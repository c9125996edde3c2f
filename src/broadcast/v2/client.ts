/**
 * The CallFire API 2.0 (REST/JSON) client: preview or submit a call broadcast, follow it,
 * start, stop or archive it, and attach a dialplan to an inbound number.
 *
 * API 2.0 has no RequestId, so a create whose answer was lost cannot simply be sent again.
 * Every create carries the label `request:<uuid>` of its submission instead; when the
 * outcome of a create is unknown (no answer, a dropped connection, a timeout, HTTP 5xx), the
 * client looks that label up (`GET /calls/broadcasts?label=…`) and takes the broadcast it
 * finds, and only creates again when there is none. A submission whose id came from the
 * file or from the user (a retry) is looked up before its first create, too. 400, 403 and
 * 404 are never retried; 401 is a {@link CredentialsError}. Credentials live in one private
 * field and are only written into the Authorization header of a real request.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlanSource } from '../../ast/nodes.js';
import type { ValidationResult } from '../../validate/diagnostic.js';
import { clientSettings, endpointOption, endpointUrl, type BroadcastReader, type CallFireClientOptions, type ClientSettings, type RestOperation, type SendCallResult } from '../client.js';
import { dialplanXml } from '../dialplan-check.js';
import { CredentialsError, InvalidRequestError, TransportError } from '../errors.js';
import { request as httpRequest, TOO_BIG, type HttpResponse } from '../http.js';
import type { RequestProblem } from '../request-check.js';
import { backoffMs, retryAfterMs } from '../retry.js';
import type { Broadcast, BroadcastCommand, BroadcastStats, Call, CallQueryResult, SendCallRequest, ToNumber } from '../types.js';
import { ApiError } from './errors.js';
import { recipientOf, toV1Broadcast, toV1Call, toV1Stats } from './mapping.js';
import { prepareV2, type CallBroadcastInput, type PreparedV2, type PrepareV2Options } from './prepare.js';
import type { CallBroadcast, CallBroadcastBody, CallBroadcastStats, ErrorResponse, NumberConfigBody, V2Call, V2Page } from './types.js';

/** CallFire's API 2.0 base address. @category API 2.0 (REST) */
export const DEFAULT_V2_ENDPOINT = 'https://api.callfire.com/v2';

/** An HTTP request as it would be sent, Authorization redacted. @category API 2.0 (REST) */
export interface V2HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body, exactly as sent. */
  readonly body?: string;
}

/** What {@link CallFireV2Client.previewSendCall} shows. @category API 2.0 (REST) */
export interface V2SendPreview {
  readonly ok: boolean;
  readonly problems: readonly RequestProblem[];
  readonly dialplan?: ValidationResult;
  /** The exact request (present when the request is well-formed). */
  readonly http?: V2HttpRequest;
  readonly requestId: string;
  /** The label that identifies the submission. */
  readonly label: string;
  readonly numbers: number;
  /** Recipients ScrubBroadcastDuplicates left out. */
  readonly scrubbed: number;
  readonly credentials: boolean;
}

/** What a submission returns. @category API 2.0 (REST) */
export interface V2SendResult extends SendCallResult {
  /** True when the broadcast already existed (found by its label) and was not created again. */
  readonly reused: boolean;
}

/** The filters of `GET /calls/broadcasts`. @category API 2.0 (REST) */
export interface FindBroadcastsQuery {
  readonly label?: string;
  readonly name?: string;
  readonly running?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

/** The number config API 2.0 keeps for an inbound number. @category API 2.0 (REST) */
export interface NumberConfig {
  readonly number?: string;
  readonly configType?: string;
  readonly ivrInboundConfig?: { readonly dialplanXml?: string };
}

const REDACTED = 'Basic [redacted]';
const NOT_SET = 'Basic [not set: CALLFIRE_USERNAME / CALLFIRE_PASSWORD]';
const CREATE_PATH = '/calls/broadcasts';
const CREATE_QUERY = { start: true, strictValidation: true };

/** Why a try failed in a way another try may fix, or undefined when it must not be retried. */
type Outcome = { readonly kind: 'done'; readonly status: number; readonly json: unknown } | { readonly kind: 'unknown'; readonly reason: string; readonly retryAfterMs?: number; readonly status?: number; readonly code?: string };

/** Checks and normalises the base address (see `endpointUrl`), keeping the API's version path; a 1.1 address is refused. */
function v2BaseUrl(endpoint: string): string {
  const url = endpointUrl(endpoint, DEFAULT_V2_ENDPOINT);
  if (/\/soap12(\/|$)|\/api\/1\.1(\/|$)/.test(url.pathname)) throw new TypeError(`endpoint ${url.host}${url.pathname} is an API 1.1 (SOAP) address; API 2.0 lives at a /v2 path such as ${DEFAULT_V2_ENDPOINT}`);
  return url.href.replace(/\/+$/, '');
}

function queryString(query: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}

function errorResponseOf(json: unknown): ErrorResponse {
  if (typeof json !== 'object' || json === null) return {};
  const o = json as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of ['httpStatusCode', 'internalCode', 'message', 'developerMessage', 'helpLink']) if (o[k] !== undefined && o[k] !== null) out[k] = o[k];
  return out as ErrorResponse;
}

/**
 * A client of CallFire's API 2.0 (or of the local sandbox's `/v2`).
 *
 * @example
 * ```ts
 * const client = new CallFireV2Client(); // CALLFIRE_USERNAME / CALLFIRE_PASSWORD from the environment
 * const preview = await client.previewSendCall(request); // no network
 * const { broadcastId } = await client.sendCall(request);
 * for await (const page of client.queryAllCalls({ BroadcastId: broadcastId })) console.log(page.Call);
 * ```
 * @category API 2.0 (REST)
 */
export class CallFireV2Client implements BroadcastReader {
  readonly endpoint: string;
  readonly #options: CallFireClientOptions;
  readonly #settings: ClientSettings;

  /** Throws a TypeError for a bad endpoint or a numeric option out of range. Options as for the 1.1 client. */
  constructor(options: CallFireClientOptions = {}) {
    this.#options = options;
    this.endpoint = v2BaseUrl(endpointOption(options, DEFAULT_V2_ENDPOINT));
    this.#settings = clientSettings(options);
  }

  /** Whether credentials were given. */
  get hasCredentials(): boolean {
    return this.#settings.authorization !== undefined;
  }

  /** The full URL of a resource path such as `/calls/broadcasts`. */
  url(path: string, query: Readonly<Record<string, string | number | boolean | undefined>> = {}): string {
    return `${this.endpoint}${path}${queryString(query)}`;
  }

  #headers(authorization: string, body: boolean): Record<string, string> {
    return {
      ...(body ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
      Accept: 'application/json',
      'User-Agent': 'callfire-dialplan',
      Authorization: authorization,
    };
  }

  #prepare(request: SendCallRequest | CallBroadcastInput, options: PrepareV2Options): PreparedV2 {
    return prepareV2(request, { ...(this.#options.lintConfig ? { lintConfig: this.#options.lintConfig } : {}), ...options });
  }

  /** The exact HTTP request a create would make, Authorization redacted. */
  createRequest(body: CallBroadcastBody): V2HttpRequest {
    return { method: 'POST', url: this.url(CREATE_PATH, CREATE_QUERY), headers: this.#headers(this.hasCredentials ? REDACTED : NOT_SET, true), body: `${JSON.stringify(body, null, 2)}\n` };
  }

  /**
   * Shows the exact HTTP request a submission would make and the dialplan's report, without
   * any network access. Invalid requests are reported, not thrown.
   */
  async previewSendCall(request: SendCallRequest | CallBroadcastInput, options: PrepareV2Options = {}): Promise<V2SendPreview> {
    const p = this.#prepare(request, options);
    return {
      ok: p.ok,
      problems: p.problems,
      ...(p.dialplan ? { dialplan: p.dialplan } : {}),
      ...(p.body === undefined ? {} : { http: this.createRequest(p.body) }),
      requestId: p.requestId,
      label: p.label,
      numbers: p.numbers,
      scrubbed: p.scrubbed,
      credentials: this.hasCredentials,
    };
  }

  /**
   * Checks and submits a broadcast (1.1 field names or API 2.0's CallBroadcast shape), started.
   * Throws {@link InvalidRequestError} (nothing sent) when the request or its dialplan has
   * errors, {@link ApiError}, {@link CredentialsError} or {@link TransportError} otherwise.
   */
  async sendCall(request: SendCallRequest | CallBroadcastInput, options: PrepareV2Options = {}): Promise<V2SendResult> {
    const p = this.#prepare(request, options);
    if (!p.ok || p.body === undefined) throw new InvalidRequestError({ problems: p.problems, dialplan: p.dialplan?.diagnostics ?? [] });
    return this.sendPrepared(p, { lookFirst: options.requestId !== undefined || ('RequestId' in request && request.RequestId !== undefined) });
  }

  /**
   * Submits a broadcast made ready by `prepareV2` (no further checks). `lookFirst` looks the
   * submission's label up before the first create: set it when the id is a retry's.
   */
  async sendPrepared(prepared: PreparedV2, options: { readonly lookFirst?: boolean } = {}): Promise<V2SendResult> {
    if (prepared.body === undefined) throw new InvalidRequestError({ problems: prepared.problems });
    const found = async (): Promise<V2SendResult | undefined> => {
      const page = await this.findBroadcasts({ label: prepared.label, limit: 2 });
      const existing = page.items[0];
      return existing === undefined ? undefined : { broadcastId: existing.id, requestId: prepared.requestId, reused: true };
    };
    if (options.lookFirst === true) {
      const before = await found();
      if (before !== undefined) return before;
    }
    const http = this.createRequest(prepared.body);
    const operation: RestOperation = `POST ${CREATE_PATH}`;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#try(operation, 'POST', http.url, http.body, attempt);
      if (outcome.kind === 'done') {
        const id = (outcome.json as { id?: unknown } | undefined)?.id;
        if (typeof id !== 'number' || !Number.isInteger(id)) throw new TransportError(`${operation} answered HTTP ${outcome.status} without a broadcast id`, { status: outcome.status, attempts: attempt });
        return { broadcastId: id, requestId: prepared.requestId, reused: false };
      }
      const advice = `the broadcast may or may not exist: retry with the same request id (${prepared.requestId}), which looks up the label ${prepared.label} before creating`;
      if (attempt >= this.#settings.maxAttempts) {
        throw new TransportError(`${operation}: ${outcome.reason} after ${attempt} attempt(s); ${advice}`, { status: outcome.status, code: outcome.code, attempts: attempt });
      }
      await this.#backoff(operation, attempt, outcome);
      // The create may have happened: look before creating again.
      const after = await found().catch((e: unknown) => {
        if (e instanceof TransportError) throw new TransportError(`${operation}: ${outcome.reason}, and the look-up failed (${e.message}); ${advice}`, { code: e.code, attempts: attempt });
        throw e;
      });
      if (after !== undefined) return after;
    }
  }

  /** `GET /calls/broadcasts`: a page of broadcasts, API 2.0's own shape. */
  async findBroadcasts(query: FindBroadcastsQuery = {}): Promise<V2Page<CallBroadcast>> {
    return this.#page<CallBroadcast>(await this.#json('GET', '/calls/broadcasts', { ...query }));
  }

  /** `GET /calls/broadcasts/{id}`, API 2.0's own shape. */
  async getCallBroadcast(id: number): Promise<CallBroadcast> {
    return (await this.#json('GET', `/calls/broadcasts/${id}`)) as CallBroadcast;
  }

  /** A broadcast with its config, in 1.1's names (as the status report prints it). */
  async getBroadcast(id: number): Promise<Broadcast> {
    return toV1Broadcast(await this.getCallBroadcast(id));
  }

  /** `GET /calls/broadcasts/{id}/stats`, API 2.0's own shape. */
  async getCallBroadcastStats(id: number): Promise<CallBroadcastStats> {
    return (await this.#json('GET', `/calls/broadcasts/${id}/stats`)) as CallBroadcastStats;
  }

  /**
   * The broadcast's stats in 1.1's shape. API 2.0 counts results in coarser groups, so the
   * per-result lines are read from every call of the broadcast (see `toV1Stats`), every page;
   * a caller that has just read them all hands them to {@link getStatsForCalls} instead.
   */
  async getBroadcastStats(id: number): Promise<BroadcastStats> {
    const all: Call[] = [];
    for await (const page of this.queryAllCalls({ BroadcastId: id })) all.push(...page.Call);
    return this.getStatsForCalls(id, all);
  }

  /** {@link BroadcastReader.getStatsForCalls}: `GET .../stats`, with the per-result lines counted from `calls`. */
  async getStatsForCalls(id: number, calls: readonly Call[]): Promise<BroadcastStats> {
    return toV1Stats(await this.getCallBroadcastStats(id), calls);
  }

  /**
   * Every call of a broadcast, one `GET /calls/broadcasts/{id}/calls` per page, in 1.1's
   * shape. Pages by `offset` until it reaches `totalCount`, whatever page size the server
   * chooses; an empty page ends it too. Bounded like the 1.1 client's: at most `maxPages`
   * pages (default 2000) and `pagingTimeoutMs` in all.
   */
  async *queryAllCalls(query: { readonly BroadcastId: number }, pageSize = 1000): AsyncGenerator<CallQueryResult> {
    let offset = 0;
    const deadline = Date.now() + this.#settings.pagingTimeoutMs;
    for (let pages = 0; ; pages++) {
      const where = `GET /calls/broadcasts/${query.BroadcastId}/calls`;
      if (pages >= this.#settings.maxPages) throw new TransportError(`${where}: stopped after ${pages} pages (${offset} calls), the paging limit (maxPages)`);
      if (Date.now() > deadline) throw new TransportError(`${where}: stopped after ${this.#settings.pagingTimeoutMs} ms and ${pages} pages (${offset} calls), the paging time limit (pagingTimeoutMs)`);
      const page = this.#page<V2Call>(await this.#json('GET', `/calls/broadcasts/${query.BroadcastId}/calls`, { limit: pageSize, offset }));
      offset += page.items.length;
      const total = page.totalCount !== undefined && page.totalCount >= 0 ? page.totalCount : offset;
      this.#options.onProgress?.({ kind: 'page', operation: `GET /calls/broadcasts/${query.BroadcastId}/calls`, fetched: offset, total });
      yield { TotalResults: total, Call: page.items.map(toV1Call) };
      if (page.items.length === 0 || (page.totalCount !== undefined && page.totalCount >= 0 && offset >= page.totalCount)) return;
    }
  }

  /** `GET /calls/{id}`: one call, in 1.1's shape. */
  async getCall(id: number): Promise<Call> {
    return toV1Call((await this.#json('GET', `/calls/${id}`)) as V2Call);
  }

  /** Starts, stops or archives a broadcast (`POST /calls/broadcasts/{id}/start|stop|archive`). */
  async controlBroadcast(request: { readonly Id: number; readonly Command: BroadcastCommand }): Promise<void> {
    await this.#json('POST', `/calls/broadcasts/${request.Id}/${request.Command.toLowerCase()}`);
  }

  /**
   * Adds numbers to a broadcast (`POST /calls/broadcasts/{id}/recipients`); resolves to the new
   * calls in 1.1's shape. Adding is not idempotent, so an unknown outcome is not retried: it
   * is a {@link TransportError} that says to look at the broadcast's calls first.
   */
  async addRecipients(id: number, numbers: readonly ToNumber[]): Promise<Call[]> {
    const operation: RestOperation = `POST /calls/broadcasts/${id}/recipients`;
    const body = JSON.stringify(numbers.map((n, i) => recipientOf(n, `/${i}`, [])));
    const outcome = await this.#try(operation, 'POST', this.url(`/calls/broadcasts/${id}/recipients`), body, 1);
    if (outcome.kind === 'unknown') throw new TransportError(`${operation}: ${outcome.reason}; the numbers may or may not have been added: look at the broadcast's calls before adding them again`, { status: outcome.status, code: outcome.code });
    const items = (outcome.json as { items?: unknown } | undefined)?.items;
    if (!Array.isArray(items)) throw new TransportError(`${operation}: the answer is not a list of calls (no "items" list)`, { status: outcome.status });
    return (items as V2Call[]).map(toV1Call);
  }

  /** The exact request that attaches a dialplan to an inbound number, Authorization redacted. */
  configureNumberRequest(number: string, plan: PlanSource): V2HttpRequest {
    const body: NumberConfigBody = { configType: 'IVR', ivrInboundConfig: { dialplanXml: dialplanXml(plan) } };
    return { method: 'PUT', url: this.url(`/numbers/leases/configs/${encodeURIComponent(number)}`), headers: this.#headers(this.hasCredentials ? REDACTED : NOT_SET, true), body: `${JSON.stringify(body, null, 2)}\n` };
  }

  /** `PUT /numbers/leases/configs/{number}`: answer the number's inbound calls with this dialplan (not checked here). */
  async configureNumber(number: string, plan: PlanSource): Promise<void> {
    const r = this.configureNumberRequest(number, plan);
    await this.#json('PUT', `/numbers/leases/configs/${encodeURIComponent(number)}`, {}, r.body);
  }

  /** `GET /numbers/leases/configs/{number}`. */
  async numberConfig(number: string): Promise<NumberConfig> {
    return (await this.#json('GET', `/numbers/leases/configs/${encodeURIComponent(number)}`)) as NumberConfig;
  }

  #page<T>(json: unknown): V2Page<T> {
    const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    if (!Array.isArray(o['items'])) throw new TransportError('the answer is not a page of items (no "items" list)');
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
    const totalCount = num(o['totalCount']);
    const limit = num(o['limit']);
    const offset = num(o['offset']);
    return { items: o['items'] as T[], ...(totalCount === undefined ? {} : { totalCount }), ...(limit === undefined ? {} : { limit }), ...(offset === undefined ? {} : { offset }) };
  }

  /** An idempotent exchange (GET, PUT, start/stop/archive): retried as a whole while the outcome is unknown. */
  async #json(method: 'GET' | 'POST' | 'PUT', path: `/${string}`, query: Readonly<Record<string, string | number | boolean | undefined>> = {}, body?: string): Promise<unknown> {
    const operation: RestOperation = `${method} ${path}`;
    const url = this.url(path, query);
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#try(operation, method, url, body, attempt);
      if (outcome.kind === 'done') return outcome.json;
      if (attempt >= this.#settings.maxAttempts) throw new TransportError(`${operation}: ${outcome.reason} after ${attempt} attempt(s)`, { status: outcome.status, code: outcome.code, attempts: attempt });
      await this.#backoff(operation, attempt, outcome);
    }
  }

  /** One try: done (2xx), thrown (401, other 4xx, a broken answer), or unknown (no answer, 5xx). */
  async #try(operation: RestOperation, method: 'GET' | 'POST' | 'PUT', url: string, body: string | undefined, attempt: number): Promise<Outcome> {
    const authorization = this.#settings.authorization;
    if (authorization === undefined) throw new CredentialsError(`${operation}: no CallFire API credentials; set CALLFIRE_USERNAME and CALLFIRE_PASSWORD`);
    this.#options.onProgress?.({ kind: 'request', operation, attempt, maxAttempts: this.#settings.maxAttempts });
    let res: HttpResponse;
    try {
      res = await httpRequest(method, new URL(url), body, this.#headers(authorization, body !== undefined), this.#settings.timeoutMs, this.#settings.maxResponseBytes);
    } catch (e) {
      // A refused size is not an unknown outcome: fetching it again would be refused again.
      if (!(e instanceof TransportError) || e.code === TOO_BIG) throw e;
      return { kind: 'unknown', reason: e.message, ...(e.code === undefined ? {} : { code: e.code }) };
    }
    let json: unknown;
    const text = res.body.trim();
    if (text !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    const where = `${new URL(url).host}${new URL(url).pathname}`;
    if (res.status === 401) {
      throw new CredentialsError(`${operation}: CallFire refused the API credentials (HTTP 401). Check CALLFIRE_USERNAME and CALLFIRE_PASSWORD: they are the API login, not the web one.`);
    }
    if (res.status >= 500) {
      const after = retryAfterMs(res.headers['retry-after']);
      const said = errorResponseOf(json).message;
      return { kind: 'unknown', status: res.status, reason: `HTTP ${res.status} from ${where}${said ? ` (${said})` : ''}`, ...(after === undefined ? {} : { retryAfterMs: after }) };
    }
    if (res.status >= 400) throw new ApiError(operation, res.status, errorResponseOf(json));
    if (res.status >= 300) throw new TransportError(`${operation}: HTTP ${res.status} from ${where}`, { status: res.status, attempts: attempt });
    if (text !== '' && json === undefined) throw new TransportError(`${operation}: the answer from ${where} is not JSON`, { status: res.status, attempts: attempt });
    return { kind: 'done', status: res.status, json };
  }

  async #backoff(operation: RestOperation, attempt: number, outcome: Extract<Outcome, { kind: 'unknown' }>): Promise<void> {
    const delayMs = backoffMs(this.#settings.retryDelayMs, attempt, outcome.retryAfterMs);
    this.#options.onProgress?.({ kind: 'retry', operation, attempt, delayMs: Math.round(delayMs), reason: outcome.reason });
    await sleep(delayMs);
  }
}
