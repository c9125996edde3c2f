/**
 * The CallFire SendCall client: preview or submit a broadcast, then follow it.
 *
 * Submitting retries with backoff on connection errors, HTTP 5xx without a CallFire fault code
 * (a plain error page, or an `env:Receiver` fault with no ServiceFaultInfo) and UNAVAILABLE/
 * TIMEOUT faults, resending the same envelope (and so the same RequestId, which CallFire uses
 * to de-duplicate); it never retries the other fault codes (BAD_REQUEST, FORBIDDEN, NOT_FOUND,
 * NOT_IMPLEMENTED) nor a response refused for its size. An answer is believed only once it is
 * a SOAP 1.2 envelope holding the operation's own element in CallFire's namespace. Credentials live in one private
 * field and are only ever written into the Authorization header of a real request.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ValidationResult } from '../validate/diagnostic.js';
import type { LintConfig } from '../validate/lint/types.js';
import { CredentialsError, InvalidRequestError, SoapFaultError, TransportError } from './errors.js';
import { MAX_RESPONSE_BYTES, post, TOO_BIG } from './http.js';
import {
  toBroadcast,
  toBroadcastQueryResult,
  toBroadcastStats,
  toCall,
  toCallQueryResult,
  toCreatedId,
  toInboundNumber,
} from './normalize.js';
import { newRequestId, prepareSendCall } from './prepare.js';
import type { RequestProblem } from './request-check.js';
import { checkResponse, RESULT_ELEMENT } from './response-check.js';
import { backoffMs, retryAfterMs } from './retry.js';
import { buildEnvelope, parseEnvelope } from './soap-client.js';
import type { Envelope, Operation } from './soap-operations.js';
import type {
  InboundNumber,
  Broadcast,
  BroadcastQueryResult,
  BroadcastStats,
  Call,
  CallQueryResult,
  ControlBroadcastRequest,
  CreateSoundRequest,
  FaultCode,
  PreparedSendCall,
  QueryBroadcastsRequest,
  QueryCallsRequest,
  SendCallRequest,
} from './types.js';
import { cdataSafeDeep, sendCallEnvelope } from './send-envelope.js';
import { configureNumberArgs, controlBroadcastArgs, createSoundArgs, queryBroadcastsArgs, queryCallsArgs } from './wire.js';
import type { PlanSource } from '../ast/nodes.js';
import { dialplanXml } from './dialplan-check.js';

/** CallFire's SOAP 1.2 base address; `/call` or `/broadcast` is appended per service. @category API 1.1 (SOAP) */
export const DEFAULT_ENDPOINT = 'https://www.callfire.com/api/1.1/soap12';

/** An API 2.0 exchange as progress names it, such as `POST /calls/broadcasts`. @category API 1.1 (SOAP) */
export type RestOperation = `${'GET' | 'POST' | 'PUT'} /${string}`;

/** What the client (either API's) reports while it works, for progress lines. @category API 1.1 (SOAP) */
export type ProgressEvent =
  | { readonly kind: 'request'; readonly operation: Operation | RestOperation; readonly attempt: number; readonly maxAttempts: number }
  | { readonly kind: 'retry'; readonly operation: Operation | RestOperation; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly kind: 'page'; readonly operation: Operation | RestOperation; readonly fetched: number; readonly total: number };

/** Options of {@link CallFireClient}. @category API 1.1 (SOAP) */
export interface CallFireClientOptions {
  /** API login; default `CALLFIRE_USERNAME` from `env`. */
  readonly username?: string;
  /** API password; default `CALLFIRE_PASSWORD` from `env`. */
  readonly password?: string;
  /** Where to read the credentials from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Base address (default `CALLFIRE_ENDPOINT` from `env`, else {@link DEFAULT_ENDPOINT}); a
   * local sandbox's `url` works too.
   */
  readonly endpoint?: string;
  /** Deadline of one HTTP exchange in ms, more than 0 (default 30 s). */
  readonly timeoutMs?: number;
  /** Tries per request, the first included: a whole number of at least 1 (default 4). */
  readonly maxAttempts?: number;
  /** First backoff delay in ms, at least 0; doubled each retry, capped at 10 s (default 500 ms). */
  readonly retryDelayMs?: number;
  /** Largest response read, in bytes (default 64 MB); a bigger one is refused, not retried. */
  readonly maxResponseBytes?: number;
  /**
   * Most pages {@link CallFireClient.queryAllCalls} reads (default 2000: two million calls at
   * CallFire's page size); a query that would need more is refused before it starts.
   */
  readonly maxPages?: number;
  /** Time {@link CallFireClient.queryAllCalls} may take in all, in ms (default 10 minutes). */
  readonly pagingTimeoutMs?: number;
  /** Lint settings applied to dialplans before sending. */
  readonly lintConfig?: LintConfig;
  /** Called at each request attempt, retry and page of calls (the CLI prints them on stderr). */
  readonly onProgress?: (event: ProgressEvent) => void;
}

/** An HTTP request as it would be sent, Authorization redacted. @category API 1.1 (SOAP) */
export interface HttpRequestPreview {
  readonly method: 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The SOAP 1.2 envelope. */
  readonly body: string;
}

/** What {@link CallFireClient.previewSendCall} shows. @category API 1.1 (SOAP) */
export interface SendCallPreview {
  /** True when the request would be sent: no request problems, no dialplan errors. */
  readonly ok: boolean;
  readonly problems: readonly RequestProblem[];
  /** The dialplan's validation and lint report. */
  readonly dialplan?: ValidationResult;
  /** The exact request (present when the request is well-formed). */
  readonly http?: HttpRequestPreview;
  readonly requestId?: string;
  /** How many numbers the broadcast would call. */
  readonly numbers: number;
  /** Whether credentials are set (the preview never shows them). */
  readonly credentials: boolean;
}

/** What a successful SendCall returns. @category API 1.1 (SOAP) */
export interface SendCallResult {
  readonly broadcastId: number;
  /** The RequestId that was sent (generated when the request had none). */
  readonly requestId: string;
}

const REDACTED = 'Basic [redacted]';
const NOT_SET = 'Basic [not set: CALLFIRE_USERNAME / CALLFIRE_PASSWORD]';
const FAULT_CODES = new Set<string>(['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'UNAVAILABLE', 'TIMEOUT', 'NOT_IMPLEMENTED']);

// Fault texts are the service's (or anyone's) words: print at most this much of each.
const MAX_FAULT_TEXT = 2000;

/** A fault text cut to MAX_FAULT_TEXT characters, saying how much was left out. */
function cut(text: string | undefined): string | undefined {
  if (text === undefined || text.length <= MAX_FAULT_TEXT) return text;
  return `${text.slice(0, MAX_FAULT_TEXT)}… (${text.length - MAX_FAULT_TEXT} more characters)`;
}

/**
 * Checks a numeric option: NaN or a fraction of an attempt would make the retry loop run
 * forever or never, so they are refused when the client is made, like a bad endpoint.
 */
function numberOption(name: string, value: number | undefined, fallback: number, valid: (n: number) => boolean, expected: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !valid(value)) throw new TypeError(`${name} must be ${expected}; got ${String(value)}`);
  return value;
}

/** A client's checked limits and its Authorization header (absent without credentials), for either API. */
export interface ClientSettings {
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  readonly retryDelayMs: number;
  readonly maxResponseBytes: number;
  readonly maxPages: number;
  readonly pagingTimeoutMs: number;
  readonly authorization: string | undefined;
}

/** Reads {@link ClientSettings} from a client's options and environment; a value out of range is a TypeError. */
export function clientSettings(options: CallFireClientOptions): ClientSettings {
  const env = options.env ?? process.env;
  const user = options.username ?? env['CALLFIRE_USERNAME'];
  const pass = options.password ?? env['CALLFIRE_PASSWORD'];
  return {
    maxAttempts: numberOption('maxAttempts', options.maxAttempts, 4, (n) => Number.isInteger(n) && n >= 1, 'a whole number of at least 1'),
    timeoutMs: numberOption('timeoutMs', options.timeoutMs, 30_000, (n) => Number.isFinite(n) && n > 0, 'a number of milliseconds above 0'),
    retryDelayMs: numberOption('retryDelayMs', options.retryDelayMs, 500, (n) => Number.isFinite(n) && n >= 0, 'a number of milliseconds of at least 0'),
    maxResponseBytes: numberOption('maxResponseBytes', options.maxResponseBytes, MAX_RESPONSE_BYTES, (n) => Number.isInteger(n) && n >= 1, 'a whole number of bytes of at least 1'),
    maxPages: numberOption('maxPages', options.maxPages, 2000, (n) => Number.isInteger(n) && n >= 1, 'a whole number of at least 1'),
    pagingTimeoutMs: numberOption('pagingTimeoutMs', options.pagingTimeoutMs, 600_000, (n) => Number.isFinite(n) && n > 0, 'a number of milliseconds above 0'),
    authorization: user && pass ? `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}` : undefined,
  };
}

/**
 * The endpoint a client of either API was given: the `endpoint` option, else
 * `CALLFIRE_ENDPOINT` from its environment (empty counts as unset, as empty credentials do),
 * else the API's `fallback`.
 */
export function endpointOption(options: CallFireClientOptions, fallback: string): string {
  return options.endpoint ?? ((options.env ?? process.env)['CALLFIRE_ENDPOINT'] || fallback);
}

/**
 * An endpoint as a URL without query or fragment: http(s), no credentials in it (either API's
 * client; `example` is shown when it is not a URL). Throws a TypeError.
 */
export function endpointUrl(endpoint: string, example: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`endpoint is not a URL: expected something like ${example}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`endpoint must be http or https, not ${url.protocol}`);
  // Never echo the URL here: it is the part that holds the credentials.
  if (url.username !== '' || url.password !== '') throw new TypeError('endpoint must not contain credentials; set CALLFIRE_USERNAME and CALLFIRE_PASSWORD instead');
  url.search = '';
  url.hash = '';
  return url;
}

/** Checks and normalises the base address: see {@link endpointUrl}, and no service suffix. */
function baseUrl(endpoint: string): string {
  return endpointUrl(endpoint, DEFAULT_ENDPOINT).href.replace(/\/+$/, '').replace(/\/(call|broadcast|number)$/, '');
}

function faultFrom(operation: Operation, status: number, fault: Record<string, unknown>): SoapFaultError {
  const text = (v: unknown): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'object') return text((v as Record<string, unknown>)['$value']);
    return String(v);
  };
  const info = (fault['Detail'] as Record<string, unknown> | undefined)?.['ServiceFaultInfo'] as Record<string, unknown> | undefined;
  const code = text(info?.['FaultCode']);
  const reason = text((fault['Reason'] as Record<string, unknown> | undefined)?.['Text']) ?? text(fault['faultstring']);
  const soapCode = text((fault['Code'] as Record<string, unknown> | undefined)?.['Value']);
  return new SoapFaultError({
    operation,
    status,
    faultCode: code !== undefined && FAULT_CODES.has(code) ? (code as FaultCode) : undefined,
    message: cut(text(info?.['Message']) ?? reason) ?? 'no message',
    detail: cut(text(info?.['Detail'])),
    soapCode,
  });
}

/**
 * What a status report reads from either API's client ({@link CallFireClient} or
 * `CallFireV2Client`), in API 1.1's shapes: the broadcast, every page of its calls, and its
 * stats once those calls are read.
 * @category Results
 */
export interface BroadcastReader {
  /** The broadcast with its config. */
  getBroadcast(id: number): Promise<Broadcast>;
  /** Every page of the broadcast's calls. */
  queryAllCalls(query: { readonly BroadcastId: number }): AsyncIterable<CallQueryResult>;
  /**
   * The broadcast's stats, given every call of it just read (as `dialplan status` has):
   * API 1.1's service counts them itself and ignores `calls`; API 2.0's stats are coarser,
   * so its client counts the per-result lines from `calls` instead of paging them again.
   */
  getStatsForCalls(id: number, calls: readonly Call[]): Promise<BroadcastStats>;
}

/**
 * A client of CallFire's SOAP service (or of the local sandbox).
 *
 * @example
 * ```ts
 * const client = new CallFireClient(); // CALLFIRE_USERNAME / CALLFIRE_PASSWORD from the environment
 * const preview = await client.previewSendCall(request); // no network
 * const { broadcastId } = await client.sendCall(request);
 * for await (const page of client.queryAllCalls({ BroadcastId: broadcastId })) console.log(page.Call);
 * ```
 * @category API 1.1 (SOAP)
 */
export class CallFireClient implements BroadcastReader {
  readonly endpoint: string;
  readonly #options: CallFireClientOptions;
  readonly #settings: ClientSettings;

  /** Throws a TypeError for a bad endpoint or a numeric option out of range. */
  constructor(options: CallFireClientOptions = {}) {
    this.#options = options;
    this.endpoint = baseUrl(endpointOption(options, DEFAULT_ENDPOINT));
    this.#settings = clientSettings(options);
  }

  /** Whether credentials were given. */
  get hasCredentials(): boolean {
    return this.#settings.authorization !== undefined;
  }

  /** The full URL of a service. */
  serviceUrl(service: Envelope['service']): string {
    return `${this.endpoint}/${service}`;
  }

  #headers(envelope: Envelope, authorization: string): Record<string, string> {
    return {
      ...envelope.headers,
      Accept: 'application/soap+xml, text/xml',
      'User-Agent': 'callfire-dialplan',
      Authorization: authorization,
    };
  }

  /**
   * Shows the exact HTTP request SendCall would make and the dialplan's report, without
   * any network access. Invalid requests are reported, not thrown.
   */
  async previewSendCall(request: SendCallRequest): Promise<SendCallPreview> {
    const prepared = prepareSendCall(request, { ...(this.#options.lintConfig ? { lintConfig: this.#options.lintConfig } : {}) });
    const base = {
      ok: prepared.ok,
      problems: prepared.problems,
      ...(prepared.dialplan ? { dialplan: prepared.dialplan } : {}),
      numbers: Array.isArray(request.ToNumber) ? request.ToNumber.length : 0,
      credentials: this.hasCredentials,
    };
    if (prepared.request === undefined) return base;
    const envelope = await sendCallEnvelope(prepared.request);
    return {
      ...base,
      requestId: prepared.request.RequestId,
      http: { method: 'POST', url: this.serviceUrl(envelope.service), headers: this.#headers(envelope, this.hasCredentials ? REDACTED : NOT_SET), body: envelope.body },
    };
  }

  /**
   * Checks and sends a SendCall request; resolves to the new broadcast's id.
   * Throws {@link InvalidRequestError} (nothing sent) when the request or the dialplan has
   * errors, {@link SoapFaultError}, {@link CredentialsError} or {@link TransportError} otherwise.
   */
  async sendCall(request: SendCallRequest): Promise<SendCallResult> {
    const prepared = prepareSendCall(request, { ...(this.#options.lintConfig ? { lintConfig: this.#options.lintConfig } : {}) });
    if (!prepared.ok || prepared.request === undefined) {
      throw new InvalidRequestError({ problems: prepared.problems, dialplan: prepared.dialplan?.diagnostics ?? [] });
    }
    return this.sendPrepared(prepared.request);
  }

  /** Sends a request already made ready by {@link prepareSendCall} (no further checks). */
  async sendPrepared(request: PreparedSendCall): Promise<SendCallResult> {
    return { broadcastId: await this.#createdId(await sendCallEnvelope(request)), requestId: request.RequestId };
  }

  /** GetBroadcast: a broadcast with its config. */
  async getBroadcast(id: number): Promise<Broadcast> {
    return toBroadcast(await this.#call('GetBroadcast', { Id: id }));
  }

  /** GetBroadcastStats: usage, counts per result and per state. */
  async getBroadcastStats(id: number, interval: { IntervalBegin?: string; IntervalEnd?: string } = {}): Promise<BroadcastStats> {
    return toBroadcastStats(await this.#call('GetBroadcastStats', { Id: id, ...interval }));
  }

  /** {@link BroadcastReader.getStatsForCalls}: GetBroadcastStats, whose counts are the service's own (`calls` is not needed). */
  getStatsForCalls(id: number, _calls: readonly Call[]): Promise<BroadcastStats> {
    return this.getBroadcastStats(id);
  }

  /** QueryCalls: one page of calls (at most 1000). */
  async queryCalls(query: QueryCallsRequest): Promise<CallQueryResult> {
    return toCallQueryResult(await this.#call('QueryCalls', queryCallsArgs(query)));
  }

  /**
   * Every page of a call query, one request per page of `pageSize` (default 1000, CallFire's
   * maximum). Stops at TotalResults or at an empty page, and within bounds whatever the
   * service claims: a TotalResults that would take more than `maxPages` pages is refused at
   * the first page, and paging that takes longer than `pagingTimeoutMs` stops with a
   * {@link TransportError} saying how far it got.
   */
  async *queryAllCalls(query: Omit<QueryCallsRequest, 'MaxResults' | 'FirstResult'>, pageSize = 1000): AsyncGenerator<CallQueryResult> {
    const deadline = Date.now() + this.#settings.pagingTimeoutMs;
    let first = 0;
    for (let pages = 0; ; pages++) {
      if (pages >= this.#settings.maxPages) throw new TransportError(`QueryCalls: stopped after ${pages} pages (${first} calls), the paging limit (maxPages)`);
      if (Date.now() > deadline) throw new TransportError(`QueryCalls: stopped after ${this.#settings.pagingTimeoutMs} ms and ${pages} pages (${first} calls), the paging time limit (pagingTimeoutMs)`);
      const page = await this.queryCalls({ ...query, MaxResults: pageSize, FirstResult: first });
      if (pages === 0 && page.TotalResults > this.#settings.maxPages * pageSize) {
        throw new TransportError(
          `QueryCalls: the service reports ${page.TotalResults} calls, more than the ${this.#settings.maxPages} pages of ${pageSize} this client reads (maxPages); narrow the query`,
        );
      }
      if (page.Call.length > pageSize) throw new TransportError(`QueryCalls: the service answered ${page.Call.length} calls to a page of ${pageSize}`);
      first += page.Call.length;
      this.#options.onProgress?.({ kind: 'page', operation: 'QueryCalls', fetched: first, total: page.TotalResults });
      yield page;
      if (page.Call.length === 0 || first >= page.TotalResults) return;
    }
  }

  /** GetCall: one call with its attempts. */
  async getCall(id: number): Promise<Call> {
    return toCall(await this.#call('GetCall', { Id: id }));
  }

  /** QueryBroadcasts: one page of broadcasts. */
  async queryBroadcasts(query: QueryBroadcastsRequest = {}): Promise<BroadcastQueryResult> {
    return toBroadcastQueryResult(await this.#call('QueryBroadcasts', queryBroadcastsArgs(query)));
  }

  /** ControlBroadcast: START, STOP or ARCHIVE a broadcast, and/or change its MaxActive. */
  async controlBroadcast(request: ControlBroadcastRequest): Promise<void> {
    await this.#call('ControlBroadcast', controlBroadcastArgs({ ...request, RequestId: request.RequestId ?? newRequestId() }));
  }

  /** ConfigureNumber: the number's inbound calls run this dialplan (not checked here; `dialplan deploy` checks it). */
  async configureNumber(number: string, plan: PlanSource): Promise<void> {
    await this.#call('ConfigureNumber', configureNumberArgs(number, dialplanXml(plan)));
  }

  /** The exact ConfigureNumber request, Authorization redacted; no network. */
  async previewConfigureNumber(number: string, plan: PlanSource): Promise<HttpRequestPreview> {
    const envelope = await this.#envelope('ConfigureNumber', configureNumberArgs(number, dialplanXml(plan)));
    return { method: 'POST', url: this.serviceUrl(envelope.service), headers: this.#headers(envelope, this.hasCredentials ? REDACTED : NOT_SET), body: envelope.body };
  }

  /** GetNumber: a number of the account, with the dialplan of its inbound IVR. */
  async getNumber(number: string): Promise<InboundNumber> {
    return toInboundNumber(await this.#call('GetNumber', { Number: number }));
  }

  /** CreateSound: upload audio, record by phone or speak a text; resolves to the sound id. */
  async createSound(request: CreateSoundRequest): Promise<number> {
    return this.#createdId(await this.#envelope('CreateSound', createSoundArgs(request)));
  }

  /** One operation: build the envelope once, then exchange it with retries; resolves to its result element. */
  async #call(operation: Operation, args: Record<string, unknown>): Promise<unknown> {
    return this.#exchange(await this.#envelope(operation, args));
  }

  #envelope(operation: Operation, args: Record<string, unknown>): Promise<Envelope> {
    return buildEnvelope(operation, cdataSafeDeep(args) as Record<string, unknown>);
  }

  /** Exchanges an envelope whose answer is a `svc:CreatedId`. */
  async #createdId(envelope: Envelope): Promise<number> {
    const id = toCreatedId(await this.#exchange(envelope));
    if (id === undefined) throw new TransportError(`${envelope.operation} answered with a CreatedId that is not a number`);
    return id;
  }

  /**
   * Sends an envelope, retrying as described in the module docs; resolves to the operation's
   * result element (see RESULT_ELEMENT), or undefined for an operation that has none.
   */
  async #exchange(envelope: Envelope): Promise<unknown> {
    const operation = envelope.operation;
    const authorization = this.#settings.authorization;
    if (authorization === undefined) {
      throw new CredentialsError(`${operation}: no CallFire API credentials; set CALLFIRE_USERNAME and CALLFIRE_PASSWORD`);
    }
    const url = new URL(this.serviceUrl(envelope.service));
    const headers = this.#headers(envelope, authorization);
    const maxAttempts = this.#settings.maxAttempts;
    const timeoutMs = this.#settings.timeoutMs;
    const baseDelay = this.#settings.retryDelayMs;
    for (let attempt = 1; ; attempt++) {
      this.#options.onProgress?.({ kind: 'request', operation, attempt, maxAttempts });
      let retryReason: string;
      let retryAfter: number | undefined;
      try {
        const res = await post(url, envelope.body, headers, timeoutMs, this.#settings.maxResponseBytes);
        if (res.status === 401) {
          throw new CredentialsError(`${operation}: CallFire refused the API credentials (HTTP 401). Check CALLFIRE_USERNAME and CALLFIRE_PASSWORD: they are the API login, not the web one.`);
        }
        const checked = checkResponse(operation, res.bytes, res.headers['content-type']);
        if ('unexpected' in checked && res.status < 500) throw new TransportError(`${operation} answered with ${checked.unexpected}`, { status: res.status, attempts: attempt });
        const parsed =
          'xml' in checked ? await parseEnvelope(checked.xml) : ({ kind: 'unreadable', reason: 'unreadable' in checked ? checked.unreadable : checked.unexpected } as const);
        if (parsed.kind === 'fault') {
          const fault = faultFrom(operation, res.status, parsed.fault);
          if (!fault.retryable || attempt >= maxAttempts) throw fault;
          retryReason = fault.message;
        } else if (res.status >= 500) {
          if (attempt >= maxAttempts) throw new TransportError(`${operation}: HTTP ${res.status} from ${url.host}${url.pathname} after ${attempt} attempt(s)`, { status: res.status, attempts: attempt });
          retryReason = `HTTP ${res.status}`;
          retryAfter = retryAfterMs(res.headers['retry-after']);
        } else if (res.status >= 300) {
          throw new TransportError(`${operation}: HTTP ${res.status} from ${url.host}${url.pathname}`, { status: res.status, attempts: attempt });
        } else if (parsed.kind === 'unreadable') {
          throw new TransportError(`${operation}: the response is not a SOAP envelope (${parsed.reason})`, { status: res.status, attempts: attempt });
        } else {
          const element = RESULT_ELEMENT[operation]?.name;
          if (element === undefined) return undefined;
          if (!(element in parsed.body)) throw new TransportError(`${operation} answered without ${element}`, { status: res.status, attempts: attempt });
          return parsed.body[element];
        }
      } catch (e) {
        // A response refused for its size would only be fetched again.
        if (!(e instanceof TransportError) || e.status !== undefined || e.code === TOO_BIG) throw e;
        // No HTTP response at all: refused, dropped, timed out. The RequestId makes a resend safe.
        if (attempt >= maxAttempts) throw new TransportError(`${operation}: ${e.message} (after ${attempt} attempt(s))`, { code: e.code, attempts: attempt });
        retryReason = e.message;
      }
      const delayMs = backoffMs(baseDelay, attempt, retryAfter);
      this.#options.onProgress?.({ kind: 'retry', operation, attempt, delayMs: Math.round(delayMs), reason: retryReason });
      await sleep(delayMs);
    }
  }
}
