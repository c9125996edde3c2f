/**
 * `dialplan send --api v2`: the same broadcast file (1.1's field names, or API 2.0's own
 * `CallBroadcast` shape) previewed or submitted through CallFire's REST API 2.0.
 *
 * @module
 */
import { basename } from 'node:path';
import type { PlanSource } from '../ast/nodes.js';
import { TransportError } from '../broadcast/errors.js';
import { parseNumbers, type NumberProblem } from '../broadcast/numbers.js';
import type { RequestProblem } from '../broadcast/request-check.js';
import type { SendCallRequest, ToNumber } from '../broadcast/types.js';
import { recipientOf, REQUEST_LABEL_PREFIX } from '../broadcast/v2/mapping.js';
import { isCallBroadcastShape, prepareV2, type CallBroadcastInput } from '../broadcast/v2/prepare.js';
import type { LintConfig } from '../validate/lint/types.js';
import { cliV2Client, httpText, remoteFailure } from './callfire-client.js';
import { UsageError, type Io } from './io.js';
import { loadDialplan, readText } from './load-flow.js';
import { printSendFindings } from './send-report.js';

/** What `send` has read from the command line when it hands over to API 2.0. */
export interface SendV2Input {
  readonly file: string;
  /** The file's JSON object, `$schema` removed. */
  readonly request: Record<string, unknown>;
  readonly dialplan?: string;
  readonly toFile?: string;
  readonly requestId?: string;
  readonly endpoint?: string;
  readonly preview: boolean;
  readonly format: 'text' | 'json';
  readonly lintConfig?: LintConfig;
  /** Bad lines of `--to-file` already read (for a file with 1.1's names, whose numbers `send` has merged). */
  readonly numberProblems: readonly NumberProblem[];
}

/**
 * A file in API 2.0's own shape gets the `--dialplan` plan as `dialplanXml` and the
 * `--to-file` numbers as `recipients` here; `send` has already done both for a file with 1.1's names.
 */
async function completed(input: SendV2Input, io: Io): Promise<{ request: SendCallRequest | CallBroadcastInput; numberProblems: readonly NumberProblem[] }> {
  let request = input.request;
  if (!isCallBroadcastShape(request)) return { request: request as unknown as SendCallRequest, numberProblems: input.numberProblems };
  if (input.dialplan !== undefined) {
    if (request['sounds'] !== undefined) throw new UsageError('dialplan send: --dialplan is for IVR broadcasts, but the file has sounds (a voice broadcast)');
    const plan: PlanSource = await loadDialplan(input.dialplan, io.cwd);
    request = { ...request, dialplanXml: plan };
  }
  let numberProblems: readonly NumberProblem[] = [];
  if (input.toFile !== undefined) {
    const parsed = parseNumbers(await readText(input.toFile, io.cwd));
    numberProblems = parsed.problems;
    const recipients = [...((request['recipients'] as unknown[] | undefined) ?? []), ...parsed.numbers.map((n: ToNumber, i: number) => recipientOf(n, `/recipients/${i}`, []))];
    request = { ...request, recipients };
  }
  return { request: request as CallBroadcastInput, numberProblems };
}

/** Runs `send --api v2`; resolves to the exit code. */
export async function sendV2(input: SendV2Input, io: Io): Promise<number> {
  const { request, numberProblems } = await completed(input, io);
  // The lint config goes to prepareV2 below; the client only sends what that prepared.
  const client = cliV2Client('send', io, input.endpoint === undefined ? {} : { endpoint: input.endpoint });
  const prepared = prepareV2(request, { ...(input.lintConfig ? { lintConfig: input.lintConfig } : {}), ...(input.requestId === undefined ? {} : { requestId: input.requestId }) });
  const planName = input.dialplan ?? `${basename(input.file)} (${isCallBroadcastShape(request) ? 'dialplanXml' : 'DialplanXml'})`;
  const findings = (problems: readonly RequestProblem[]) =>
    printSendFindings(io, { plan: planName, dialplan: prepared.dialplan, file: input.file, problems, numbersFile: input.toFile, numberProblems });
  const ok = prepared.ok && numberProblems.length === 0;
  const scrubNote = prepared.scrubbed > 0 ? `, ${prepared.scrubbed} duplicate(s) left out (ScrubBroadcastDuplicates)` : '';

  if (input.preview) {
    const http = prepared.body === undefined ? undefined : client.createRequest(prepared.body);
    if (input.format === 'json') {
      io.stdout(`${JSON.stringify({ ok, api: 'v2', requestId: prepared.requestId, label: prepared.label, numbers: prepared.numbers, scrubbed: prepared.scrubbed, problems: prepared.problems, numberProblems, dialplan: prepared.dialplan, request: http }, null, 2)}\n`);
    } else {
      if (http) io.stdout(httpText(http));
      findings(prepared.problems);
      const dialplanNote = prepared.dialplan ? (prepared.dialplan.ok ? 'dialplan valid' : 'dialplan has errors') : 'no dialplan';
      io.stderr(`Preview only (API 2.0), nothing was sent: ${prepared.numbers} number(s)${scrubNote}, ${dialplanNote}, label ${prepared.label}${client.hasCredentials ? '' : ', no credentials set (CALLFIRE_USERNAME / CALLFIRE_PASSWORD)'}${ok ? '.' : '; this request would be refused.'}\n`);
    }
    return ok ? 0 : 1;
  }

  if (!ok || prepared.body === undefined) {
    findings(prepared.problems);
    io.stderr('Nothing was sent.\n');
    return 1;
  }
  findings([]);
  // An id that came from the file or the command line may be a retry's: look for its broadcast first.
  const fileLabels = (input.request['labels'] as unknown[] | undefined) ?? [];
  const retry = input.requestId !== undefined || input.request['RequestId'] !== undefined || fileLabels.some((l) => typeof l === 'string' && l.startsWith(REQUEST_LABEL_PREFIX));
  try {
    const result = await client.sendPrepared(prepared, { lookFirst: retry });
    if (input.format === 'json') io.stdout(`${JSON.stringify(result)}\n`);
    else {
      io.stdout(`${result.broadcastId}\n`);
      const what = result.reused ? 'already exists (found by its label; not created again)' : `started with ${prepared.numbers} number(s)${scrubNote}`;
      io.stderr(`Broadcast ${result.broadcastId} ${what} (label ${prepared.label}).\nFollow it: dialplan status ${result.broadcastId} --api v2${input.endpoint ? ` --endpoint ${client.endpoint}` : ''}\n`);
    }
    return 0;
  } catch (e) {
    const code = remoteFailure('send', io, e);
    if (e instanceof TransportError) io.stderr(`To retry safely, run the same command with --request-id ${prepared.requestId.replace(/^urn:uuid:/, '')} (or set "RequestId": "${prepared.requestId}" in ${input.file}): the broadcast is looked up by its label before anything is created again.\n`);
    return code;
  }
}
