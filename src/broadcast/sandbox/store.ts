/**
 * The sandbox's state: broadcasts, their calls, RequestIds seen and sounds, persisted to a
 * JSON file after every change (write to a temporary file, then rename, so a crash never
 * leaves half a file). Call progress is not stored tick by tick: each call keeps when it
 * starts and ends, and its state is read off the clock, so a restart picks up exactly where
 * the calls are.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isDialableRecipient, recipientKey } from '../../language/values.js';
import { splitBom } from '../../util/bom.js';
import { fileErrorReason } from '../../util/file-errors.js';
import { jsonSyntaxError } from '../../util/json-positions.js';
import type { ActionState, BroadcastStatus, BroadcastType, CallResult } from '../types.js';
import { durationOf, hash, outcome } from './outcomes.js';

/** A config element's content kept as read: element name → text or nested content. */
export interface ConfigTree {
  [name: string]: string | ConfigTree;
}

/** One attempt of a stored call. */
export interface StoredAttempt {
  readonly id: number;
  readonly result: CallResult;
  /** Seconds. */
  readonly duration: number;
}

/** A stored call. Times are epoch milliseconds. */
export interface StoredCall {
  readonly id: number;
  readonly broadcastId: number;
  readonly toNumber: string;
  readonly clientData?: string;
  readonly attributes?: Record<string, string>;
  readonly fromNumber: string;
  readonly created: number;
  /** DUP or INVALID calls are never dialled. */
  readonly skipped?: 'DUP' | 'INVALID';
  startAt?: number;
  finishAt?: number;
  attempts?: StoredAttempt[];
  /** `<stash>` values of the last attempt, from running the dialplan (IVR, answered calls). */
  responses?: [string, string][];
  /** The dialplan has not been played through for this answered call yet. */
  pendingIvr?: boolean;
}

/** A stored broadcast. */
export interface StoredBroadcast {
  readonly id: number;
  readonly name: string;
  readonly type: BroadcastType;
  readonly labels: string[];
  readonly configKind: 'IvrBroadcastConfig' | 'VoiceBroadcastConfig';
  readonly config: ConfigTree;
  readonly created: number;
  lastModified: number;
  maxActive: number;
  /** Set by ControlBroadcast; otherwise the status follows the calls. */
  control?: 'STOPPED' | 'ARCHIVED';
  readonly callIds: number[];
}

/** A stored sound. */
export interface StoredSound {
  readonly id: number;
  readonly name: string;
  readonly created: number;
  readonly digest: string;
}

/**
 * The state in memory. Every key a client chooses (RequestIds) lives in a Map, so no id,
 * however it is spelled (`constructor`, `__proto__`), can meet an object's inherited members.
 */
interface State {
  nextId: number;
  broadcasts: Map<number, StoredBroadcast>;
  calls: Map<number, StoredCall>;
  requestIds: Map<string, number>;
  /** RequestIds of ControlBroadcast requests already applied (their own space: not broadcast ids). */
  controlRequestIds: Map<string, number>;
  sounds: Map<number, StoredSound>;
  /** Inbound number configurations (API 2.0's number lease configs), by number. */
  numberConfigs: Map<string, StoredNumberConfig>;
}

/** An inbound number's configuration: an IVR's dialplan, or a call tracking config kept as sent. */
export interface StoredNumberConfig {
  readonly configType: 'IVR' | 'TRACKING';
  readonly dialplanXml?: string;
  readonly callTrackingConfig?: Readonly<Record<string, unknown>>;
}

/** The data file's shape (version 1): the same, with objects for maps. */
interface StoredState {
  version: 1;
  nextId: number;
  broadcasts: Record<string, StoredBroadcast>;
  calls: Record<string, StoredCall>;
  requestIds: Record<string, number>;
  controlRequestIds?: Record<string, number>;
  sounds: Record<string, StoredSound>;
  numberConfigs?: Record<string, StoredNumberConfig>;
}

/**
 * A data file the sandbox cannot use: unreadable, not JSON, another version or shape, or a
 * place it cannot write. The message names the file and what is wrong.
 */
export class SandboxDataError extends Error {
  override readonly name = 'SandboxDataError';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Object → Map; JSON.parse makes own properties only, so `__proto__` is an ordinary key here. */
function mapOf<K, V>(record: Record<string, V> | undefined, key: (k: string) => K): Map<K, V> {
  return new Map(Object.entries(record ?? {}).map(([k, v]) => [key(k), v]));
}

/** Map → object with own data properties only (Object.fromEntries never calls setters). */
function recordOf<V>(map: ReadonlyMap<string | number, V>): Record<string, V> {
  return Object.fromEntries([...map].map(([k, v]) => [String(k), v]));
}

function emptyState(): State {
  return { nextId: 1000001, broadcasts: new Map(), calls: new Map(), requestIds: new Map(), controlRequestIds: new Map(), sounds: new Map(), numberConfigs: new Map() };
}


/** How fast calls go. */
export interface Pace {
  /** Length of one wave of calls in ms (default 2000). */
  readonly callMs: number;
}

/** What a new broadcast needs. */
export interface NewBroadcast {
  readonly requestId?: string;
  readonly name: string;
  readonly type: BroadcastType;
  readonly labels: string[];
  readonly maxActive?: number;
  readonly scrubDuplicates: boolean;
  readonly configKind: 'IvrBroadcastConfig' | 'VoiceBroadcastConfig';
  readonly config: ConfigTree;
  /** The caller ID; {@link DEFAULT_CALLER_ID} when the request names none. */
  readonly fromNumber?: string | undefined;
  /** Attempts per number as asked; the store makes at most {@link MAX_ATTEMPTS}. */
  readonly retry: { readonly maxAttempts: number; readonly results: readonly string[] };
  readonly numbers: readonly { readonly number: string; readonly clientData?: string; readonly attributes?: Record<string, string> }[];
  /** Answered calls run the dialplan (see `ivr-calls.ts`); they finish once it has run. */
  readonly ivr: boolean;
}

/** What calls added to a broadcast need (see {@link Store.addNumbers}). */
export type NewCalls = Pick<NewBroadcast, 'numbers' | 'retry' | 'ivr' | 'scrubDuplicates' | 'fromNumber'>;

/** A call's state at a moment. */
export interface CallView {
  readonly call: StoredCall;
  readonly state: ActionState;
  readonly finalResult?: CallResult;
  readonly attempts: readonly StoredAttempt[];
}

const DEFAULT_MAX_ACTIVE = 50;
/** CallFire documents no bound on attempts; the sandbox (on both APIs) stops at ten per number. */
export const MAX_ATTEMPTS = 10;
/** The caller ID of a broadcast that names none, on both APIs. */
export const DEFAULT_CALLER_ID = '12135550100';

/** The sandbox's state, optionally backed by a file. */
export class Store {
  #state: State;
  readonly #file: string | undefined;
  readonly #pace: Pace;
  readonly #now: () => number;
  /** The text last written to (or read from) the data file: what a restart would find. */
  #stored: string | undefined;

  constructor(options: { dataFile?: string | undefined; pace?: Partial<Pace> | undefined; now?: (() => number) | undefined } = {}) {
    this.#file = options.dataFile;
    this.#pace = { callMs: options.pace?.callMs ?? 2000 };
    this.#now = options.now ?? Date.now;
    this.#state = this.#load();
  }

  #load(): State {
    const file = this.#file;
    if (file === undefined) return emptyState();
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new SandboxDataError(`cannot read ${file}: ${fileErrorReason(e)}`);
      // A new file: prove now that it can be written, rather than failing every request later.
      const state = emptyState();
      this.#write(state);
      return state;
    }
    const state = this.#parse(text);
    this.#stored = text;
    return state;
  }

  /** The state a data file's text holds; throws a SandboxDataError naming what is wrong. */
  #parse(text: string): State {
    const file = this.#file;
    const { body } = splitBom(text);
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (e) {
      const at = jsonSyntaxError(body, e as Error);
      throw new SandboxDataError(`${file} is not a sandbox data file: not valid JSON at line ${at.line}, column ${at.column} (${at.reason})`);
    }
    if (!isRecord(data)) throw new SandboxDataError(`${file} is not a sandbox data file: expected a JSON object`);
    if (data['version'] !== 1) throw new SandboxDataError(`${file} is not a sandbox data file of version 1 (its version is ${JSON.stringify(data['version']) ?? 'missing'})`);
    const bad = ['broadcasts', 'calls', 'requestIds', 'sounds'].find((k) => !isRecord(data[k])) ?? ['controlRequestIds', 'numberConfigs'].find((k) => data[k] !== undefined && !isRecord(data[k]));
    if (bad !== undefined || typeof data['nextId'] !== 'number') throw new SandboxDataError(`${file} is not a sandbox data file: "${bad ?? 'nextId'}" is missing or of the wrong type`);
    const stored = data as unknown as StoredState;
    return {
      nextId: stored.nextId,
      broadcasts: mapOf(stored.broadcasts, Number),
      calls: mapOf(stored.calls, Number),
      requestIds: mapOf(stored.requestIds, String),
      controlRequestIds: mapOf(stored.controlRequestIds, String),
      sounds: mapOf(stored.sounds, Number),
      numberConfigs: mapOf(stored.numberConfigs, String),
    };
  }

  #write(state: State): void {
    const file = this.#file!;
    const stored: StoredState = {
      version: 1,
      nextId: state.nextId,
      broadcasts: recordOf(state.broadcasts),
      calls: recordOf(state.calls),
      requestIds: recordOf(state.requestIds),
      controlRequestIds: recordOf(state.controlRequestIds),
      sounds: recordOf(state.sounds),
      numberConfigs: recordOf(state.numberConfigs),
    };
    const text = JSON.stringify(stored);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, text);
      renameSync(tmp, file);
    } catch (e) {
      throw new SandboxDataError(`cannot write ${file}: ${fileErrorReason(e, 'write')}`);
    }
    this.#stored = text;
  }

  /**
   * Persists the change just made. When the file cannot be written the change is taken back
   * (the state becomes again the last one written), so that nothing is ever acknowledged,
   * now or on a retry, that a restart would not find.
   */
  #save(): void {
    if (this.#file === undefined) return;
    try {
      this.#write(this.#state);
    } catch (e) {
      this.#state = this.#stored === undefined ? emptyState() : this.#parse(this.#stored);
      throw e;
    }
  }

  #id(): number {
    return this.#state.nextId++;
  }

  /** The broadcast a RequestId already created, if any. */
  byRequestId(requestId: string): number | undefined {
    return this.#state.requestIds.get(requestId);
  }

  /** Creates a broadcast and its calls and starts dialling; returns its id. */
  createBroadcast(input: NewBroadcast): number {
    const now = this.#now();
    const id = this.#id();
    const broadcast: StoredBroadcast = {
      id,
      name: input.name,
      type: input.type,
      labels: input.labels,
      configKind: input.configKind,
      config: input.config,
      created: now,
      lastModified: now,
      maxActive: input.maxActive ?? DEFAULT_MAX_ACTIVE,
      callIds: [],
    };
    this.#addCalls(broadcast, input, now);
    this.#state.broadcasts.set(id, broadcast);
    if (input.requestId !== undefined) this.#state.requestIds.set(input.requestId, id);
    this.#schedule(broadcast, now);
    this.#save();
    return id;
  }

  /**
   * Adds numbers to a broadcast (API 2.0's `POST /calls/broadcasts/{id}/recipients`); they are
   * dialled after the calls already waiting. Returns the new calls' ids.
   */
  addNumbers(id: number, input: NewCalls): number[] {
    const b = this.#state.broadcasts.get(id)!;
    const now = this.#now();
    const added = this.#addCalls(b, input, now);
    b.lastModified = now;
    if (b.control === undefined) this.#schedule(b, now);
    this.#save();
    return added;
  }

  /** Makes the calls of `input.numbers` (their attempts worked out from the number) and appends them to the broadcast. */
  #addCalls(broadcast: StoredBroadcast, input: NewCalls, now: number): number[] {
    const seen = new Set(broadcast.callIds.map((c) => recipientKey(this.#state.calls.get(c)!.toNumber)));
    const retryOn = new Set(input.retry.results);
    const added: number[] = [];
    for (const n of input.numbers) {
      const key = recipientKey(n.number);
      const skipped = !isDialableRecipient(n.number) ? 'INVALID' : input.scrubDuplicates && seen.has(key) ? 'DUP' : undefined;
      seen.add(key);
      const callId = this.#id();
      const call: StoredCall = {
        id: callId,
        broadcastId: broadcast.id,
        toNumber: n.number,
        fromNumber: input.fromNumber ?? DEFAULT_CALLER_ID,
        created: now,
        ...(n.clientData === undefined ? {} : { clientData: n.clientData }),
        ...(n.attributes === undefined ? {} : { attributes: n.attributes }),
        ...(skipped === undefined ? {} : { skipped }),
      };
      if (skipped === undefined) {
        // The sandbox runs retries straight after each other: CallFire's minutes between
        // attempts would make a demo wait for hours.
        const attempts: StoredAttempt[] = [];
        for (let a = 1; a <= Math.min(Math.max(1, input.retry.maxAttempts), MAX_ATTEMPTS); a++) {
          const result = outcome(n.number, a);
          attempts.push({ id: this.#id(), result, duration: durationOf(n.number, result, a) });
          if (!retryOn.has(result)) break;
        }
        call.attempts = attempts;
        const last = attempts[attempts.length - 1]!.result;
        if (input.ivr && (last === 'LA' || last === 'AM')) call.pendingIvr = true;
      }
      this.#state.calls.set(callId, call);
      broadcast.callIds.push(callId);
      added.push(callId);
    }
    return added;
  }

  /** Gives every call of the broadcast that has not started a start and end time, in waves of MaxActive. */
  #schedule(b: StoredBroadcast, from: number): void {
    const { callMs } = this.#pace;
    let k = 0;
    for (const callId of b.callIds) {
      const call = this.#state.calls.get(callId)!;
      if (call.skipped !== undefined || call.startAt !== undefined) continue;
      const h = hash(call.toNumber);
      const wave = Math.floor(k / Math.max(1, b.maxActive));
      call.startAt = from + wave * callMs + Math.round((h % 1000) / 1000 * callMs * 0.3);
      call.finishAt = call.startAt + Math.round(callMs * (0.4 + ((h >>> 10) % 1000) / 1000 * 0.3));
      k++;
    }
  }

  broadcast(id: number): StoredBroadcast | undefined {
    return this.#state.broadcasts.get(id);
  }

  broadcasts(): StoredBroadcast[] {
    return [...this.#state.broadcasts.values()].sort((a, b) => a.id - b.id);
  }

  call(id: number): StoredCall | undefined {
    return this.#state.calls.get(id);
  }

  /** A call's state now. */
  view(call: StoredCall, now = this.#now()): CallView {
    if (call.skipped !== undefined) return { call, state: call.skipped, attempts: [] };
    const attempts = call.attempts ?? [];
    if (call.startAt === undefined || call.finishAt === undefined || now < call.startAt) return { call, state: 'READY', attempts: [] };
    // Still in the dialplan: CallFire reports a call once its IVR has run.
    if (now < call.finishAt || call.pendingIvr === true) return { call, state: 'SELECTED', attempts: [] };
    const last = attempts[attempts.length - 1];
    return { call, state: 'FINISHED', attempts, ...(last === undefined ? {} : { finalResult: last.result }) };
  }

  /** Every call of a broadcast, in id order, as of now. */
  callsOf(id: number): CallView[] {
    const b = this.#state.broadcasts.get(id);
    if (b === undefined) return [];
    const now = this.#now();
    return b.callIds.map((c) => this.view(this.#state.calls.get(c)!, now));
  }

  /** The stored calls of a broadcast, in id order. */
  callRecordsOf(id: number): StoredCall[] {
    return (this.#state.broadcasts.get(id)?.callIds ?? []).map((c) => this.#state.calls.get(c)!);
  }

  /** Every stored call, in id order. */
  allCallRecords(): StoredCall[] {
    return [...this.#state.calls.values()].sort((a, b) => a.id - b.id);
  }

  /** The store's clock. */
  now(): number {
    return this.#now();
  }

  /** A broadcast's status now. */
  status(b: StoredBroadcast): BroadcastStatus {
    if (b.control !== undefined) return b.control;
    const done = this.callsOf(b.id).every((v) => v.state !== 'READY' && v.state !== 'SELECTED');
    return done ? 'FINISHED' : 'RUNNING';
  }

  /** Applies ControlBroadcast. Returns false when the RequestId was already applied. */
  control(id: number, command: 'START' | 'STOP' | 'ARCHIVE' | undefined, maxActive: number | undefined, requestId: string | undefined): boolean {
    const applied = this.#state.controlRequestIds;
    if (requestId !== undefined && applied.has(requestId)) return false;
    const b = this.#state.broadcasts.get(id)!;
    const now = this.#now();
    if (maxActive !== undefined) b.maxActive = maxActive;
    if (command === 'STOP' || command === 'ARCHIVE') {
      // Calls already dialling finish; the others wait, unscheduled.
      this.#unscheduleWaiting(b, now);
      b.control = command === 'STOP' ? 'STOPPED' : 'ARCHIVED';
    } else if (command === 'START' && b.control === 'STOPPED') {
      delete b.control;
      this.#schedule(b, now);
    } else if (maxActive !== undefined && b.control === undefined) {
      // A new MaxActive reshapes the waves of the calls still waiting.
      this.#unscheduleWaiting(b, now);
      this.#schedule(b, now);
    }
    b.lastModified = now;
    if (requestId !== undefined) applied.set(requestId, id);
    this.#save();
    return true;
  }

  /** Takes back the start and end times of the broadcast's calls that have not started by `now`. */
  #unscheduleWaiting(b: StoredBroadcast, now: number): void {
    for (const callId of b.callIds) {
      const call = this.#state.calls.get(callId)!;
      if (call.startAt !== undefined && call.startAt > now) {
        delete call.startAt;
        delete call.finishAt;
      }
    }
  }

  /** The ids of the broadcasts that have answered IVR calls whose dialplan has not run yet. */
  broadcastsPendingIvr(): Set<number> {
    const out = new Set<number>();
    for (const call of this.#state.calls.values()) if (call.pendingIvr === true) out.add(call.broadcastId);
    return out;
  }

  /** Records the stash values of the given calls (see `ivr-calls.ts`) and lets them finish. */
  setResponses(callIds: readonly number[], responses: ReadonlyMap<number, [string, string][]>): void {
    for (const id of callIds) {
      const call = this.#state.calls.get(id);
      if (call === undefined) continue;
      delete call.pendingIvr;
      const pairs = responses.get(id);
      if (pairs !== undefined) call.responses = pairs;
    }
    this.#save();
  }

  /** The configuration of an inbound number, if one was set. */
  numberConfig(number: string): StoredNumberConfig | undefined {
    return this.#state.numberConfigs.get(number);
  }

  /** Sets (replaces) the configuration of an inbound number. */
  setNumberConfig(number: string, config: StoredNumberConfig): void {
    this.#state.numberConfigs.set(number, config);
    this.#save();
  }

  /** Stores a sound; the same bytes or text again return the first sound's id, as CallFire does. */
  createSound(name: string, content: string): number {
    const digest = createHash('sha256').update(content).digest('hex');
    const existing = [...this.#state.sounds.values()].find((s) => s.digest === digest);
    if (existing !== undefined) return existing.id;
    const id = this.#id();
    this.#state.sounds.set(id, { id, name, created: this.#now(), digest });
    this.#save();
    return id;
  }
}
