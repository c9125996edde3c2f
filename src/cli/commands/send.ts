/**
 * `dialplan send`: preview or submit a SendCall broadcast described in a JSON file.
 *
 * @module
 */
import { basename } from 'node:path';
import { DEFAULT_ENDPOINT } from '../../broadcast/client.js';
import { DEFAULT_V2_ENDPOINT } from '../../broadcast/v2/client.js';
import { TransportError } from '../../broadcast/errors.js';
import { parseNumbers, type NumberProblem } from '../../broadcast/numbers.js';
import { prepareSendCall } from '../../broadcast/prepare.js';
import type { SendCallRequest, ToNumber } from '../../broadcast/types.js';
import type { RequestProblem } from '../../broadcast/request-check.js';
import { jsonSyntaxError } from '../../util/json-positions.js';
import type { ValidationResult } from '../../validate/diagnostic.js';
import { isCallBroadcastShape, normalRequestId } from '../../broadcast/v2/prepare.js';
import { apiOf, cliClient, httpText, remoteFailure } from '../callfire-client.js';
import { printSendFindings } from '../send-report.js';
import { sendV2 } from '../send-v2.js';
import { UsageError, type Command } from '../io.js';
import { isFlowModule, loadDialplan, readText } from '../load-flow.js';
import { lintConfigFor } from '../plan-lint-config.js';
import { parseOptions, textOrJson } from '../options.js';

const USAGE = `Usage: dialplan send <broadcast.json> [--dialplan plan.xml|flow.ts] [--to-file numbers.csv]
                     [--api 1.1|v2] [--request-id ID] [--preview] [--endpoint URL] [--format text|json]

Sends a CallFire SendCall request: creates an IVR (or voice) broadcast, adds the numbers and
starts it. The file holds the request with CallFire's field names (schemas/send-call.schema.json):
  { "BroadcastName": "Reminders", "ToNumber": ["13105551212"],
    "IvrBroadcastConfig": { "FromNumber": "12135551189", "DialplanXml": "<dialplan>...</dialplan>" } }
Type defaults to IVR when IvrBroadcastConfig is present. The dialplan is validated and linted
first; errors stop the send.

Options:
  --dialplan <file>    The dialplan: CallFire XML, or a flow written with the DSL (.ts/.js).
                       Replaces IvrBroadcastConfig.DialplanXml.
  --to-file <file>     More numbers: one per line, or CSV whose header names the number column
                       (number, phone, ToNumber), an optional ClientData column and contact fields.
  --preview            Print the exact HTTP request (Authorization redacted) and the dialplan
                       report. Sends nothing and needs no network.
  --api <1.1|v2>       The CallFire API (default $CALLFIRE_API or 1.1). v2 sends the same file
                       as an API 2.0 CallBroadcast (POST /calls/broadcasts); a file written in
                       API 2.0's own CallBroadcast shape needs v2.
  --request-id <id>    The submission's id, to retry one whose outcome is unknown: a uuid (as
                       printed) or urn:uuid:... It becomes RequestId on 1.1 and the label
                       request:<uuid> on v2, where the broadcast is looked up before creating.
  --endpoint <url>     Base address with the API's version path (default $CALLFIRE_ENDPOINT, or
                       ${DEFAULT_ENDPOINT} for 1.1 and ${DEFAULT_V2_ENDPOINT} for v2);
                       a "dialplan sandbox" prints its own.
  --format <text|json> text (default): the broadcast id; json: { "broadcastId", "requestId" }.
                       With --preview, json is { ok, requestId, numbers, problems, numberProblems,
                       dialplan, request }, each problem a finding as in "dialplan lint --format json".

Environment: CALLFIRE_USERNAME and CALLFIRE_PASSWORD (API credentials, HTTP Basic).

Exit codes: 0 sent (or a clean preview), 1 invalid request or dialplan (nothing sent),
2 usage, unreadable file, or a remote failure.`;

export const command: Command = {
  name: 'send',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions('send', args, {
      dialplan: { type: 'string' },
      'to-file': { type: 'string' },
      preview: { type: 'boolean' },
      endpoint: { type: 'string' },
      format: { type: 'string' },
      api: { type: 'string' },
      'request-id': { type: 'string' },
    });
    const format = textOrJson('send', values.format);
    if (positionals.length !== 1) throw new UsageError('dialplan send: name one broadcast file (JSON)');
    const file = positionals[0]!;

    // the plan named where the request goes (`dialplan send plan.xml`) is a mistake in the call,
    // said as such, rather than a JSON syntax error at its first `<`
    const planInstead = (what: string) =>
      new UsageError(`dialplan send: send reads the broadcast file (JSON, the SendCall request) first; ${file} ${what}: dialplan send broadcast.json --dialplan ${file}`);
    if (isFlowModule(file)) throw planInstead('is a flow');
    const text = await readText(file, io.cwd);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      if (/^\uFEFF?\s*</.test(text)) throw planInstead('holds XML (a dialplan goes with --dialplan)');
      const at = jsonSyntaxError(text, e);
      io.stderr(`dialplan send: ${file}:${at.line}:${at.column}: not valid JSON (${at.reason})\nNothing was sent.\n`);
      return 1;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      io.stderr(`dialplan send: ${file} must hold one SendCall request (a JSON object)\nNothing was sent.\n`);
      return 1;
    }
    let request = json as SendCallRequest & Record<string, unknown>;
    // The JSON Schema's editor hint is not part of the request.
    const { $schema: _hint, ...rest } = request;
    request = rest as typeof request;

    const lintConfig = await lintConfigFor(values.dialplan ?? file, io.cwd, format);
    const api = apiOf('send', io, values.api);
    const requestId = values['request-id'] === undefined ? undefined : normalRequestId(values['request-id']);
    const v2 = (numberProblems: readonly NumberProblem[]) =>
      sendV2({ file, request, numberProblems, preview: values.preview === true, format, ...(values.dialplan === undefined ? {} : { dialplan: values.dialplan }), ...(values['to-file'] === undefined ? {} : { toFile: values['to-file'] }), ...(requestId === undefined ? {} : { requestId }), ...(values.endpoint === undefined ? {} : { endpoint: values.endpoint }), ...(lintConfig ? { lintConfig } : {}) }, io);
    if (isCallBroadcastShape(request)) {
      if (api !== 'v2') {
        io.stderr(`dialplan send: ${file} is written in API 2.0's CallBroadcast shape (name, recipients, dialplanXml, ...); send it with --api v2, or use 1.1's field names (BroadcastName, ToNumber, IvrBroadcastConfig).\nNothing was sent.\n`);
        return 1;
      }
      return v2([]);
    }

    if (values.dialplan !== undefined) {
      if (request.VoiceBroadcastConfig !== undefined) throw new UsageError('dialplan send: --dialplan is for IVR broadcasts, but the file has a VoiceBroadcastConfig');
      const plan = await loadDialplan(values.dialplan, io.cwd);
      request = { ...request, IvrBroadcastConfig: { ...(request.IvrBroadcastConfig ?? {}), DialplanXml: plan } };
    }
    let numberProblems: readonly NumberProblem[] = [];
    if (values['to-file'] !== undefined) {
      const parsed = parseNumbers(await readText(values['to-file'], io.cwd));
      numberProblems = parsed.problems;
      const inline: ToNumber[] = Array.isArray(request.ToNumber) ? [...request.ToNumber] : [];
      for (const n of parsed.numbers) inline.push(n);
      request = { ...request, ToNumber: inline };
    }
    if (requestId !== undefined) request = { ...request, RequestId: requestId };
    if (api === 'v2') return v2(numberProblems);

    const client = cliClient('send', io, { ...(values.endpoint === undefined ? {} : { endpoint: values.endpoint }), ...(lintConfig ? { lintConfig } : {}) });
    const findings = (problems: readonly RequestProblem[], dialplan: ValidationResult | undefined) =>
      printSendFindings(io, { plan: values.dialplan ?? `${basename(file)} (DialplanXml)`, dialplan, file, problems, numbersFile: values['to-file'], numberProblems });

    if (values.preview) {
      const preview = await client.previewSendCall(request);
      const ok = preview.ok && numberProblems.length === 0;
      if (format === 'json') {
        io.stdout(`${JSON.stringify({ ok, requestId: preview.requestId, numbers: preview.numbers, problems: preview.problems, numberProblems, dialplan: preview.dialplan, request: preview.http }, null, 2)}\n`);
      } else {
        if (preview.http) io.stdout(`${httpText(preview.http)}\n`);
        findings(preview.problems, preview.dialplan);
        const dialplanNote = preview.dialplan ? (preview.dialplan.ok ? 'dialplan valid' : 'dialplan has errors') : 'no dialplan';
        io.stderr(`Preview only, nothing was sent: ${preview.numbers} number(s), ${dialplanNote}${preview.credentials ? '' : ', no credentials set (CALLFIRE_USERNAME / CALLFIRE_PASSWORD)'}${ok ? '.' : '; this request would be refused.'}\n`);
      }
      return ok ? 0 : 1;
    }

    const prepared = prepareSendCall(request, lintConfig ? { lintConfig } : {});
    if (!prepared.ok || prepared.request === undefined || numberProblems.length > 0) {
      findings(prepared.problems, prepared.dialplan);
      io.stderr('Nothing was sent.\n');
      return 1;
    }
    findings([], prepared.dialplan);
    const count = prepared.request.ToNumber.length;
    if (count >= 1000) io.stderr(`Sending SendCall with ${count} numbers to ${client.serviceUrl('call')} ...\n`);
    try {
      const result = await client.sendPrepared(prepared.request);
      if (format === 'json') io.stdout(`${JSON.stringify(result)}\n`);
      else {
        io.stdout(`${result.broadcastId}\n`);
        io.stderr(`Broadcast ${result.broadcastId} started with ${count} number(s) (RequestId ${result.requestId}).\nFollow it: dialplan status ${result.broadcastId}${values.endpoint ? ` --endpoint ${client.endpoint}` : ''}\n`);
      }
      return 0;
    } catch (e) {
      const code = remoteFailure('send', io, e);
      if (e instanceof TransportError) io.stderr(`The request can be repeated safely: it carries RequestId ${prepared.request.RequestId}; set it in ${file} or pass --request-id ${prepared.request.RequestId} to retry.\n`);
      return code;
    }
  },
};
