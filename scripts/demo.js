#!/usr/bin/env node
// `npm run demo`: the main job, end to end, on built-in defaults and without any account:
//   1. build the example flows with the DSL and validate them against schemas/dialplan.xsd,
//   2. lint the appointment reminder,
//   3. start a local CallFire sandbox (SOAP 1.2 on 127.0.0.1, a free port, throw-away credentials),
//   4. preview the SendCall request (nothing sent), 5. submit it, 6. follow the calls until
//   they finish, 7. print the results, 8. send the same broadcast file through API 2.0
//   (REST/JSON) to the sandbox's /v2, 9. deploy an inbound IVR to a number and read it back,
//   then stop the sandbox.
// Runs from a fresh clone after `npm ci` (which builds dist/ through `prepare`).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile, lint, parse, validate } from '../dist/index.js';
import { CallFireClient, CallFireV2Client, parseNumbers } from '../dist/entries/broadcast.js';
import { startSandbox } from '../dist/entries/sandbox.js';
import { diffPlans } from '../dist/entries/diff.js';
import { loadFlow } from '../dist/cli/load-flow.js';

const examples = fileURLToPath(new URL('../examples/', import.meta.url));
const say = (text = '') => console.log(text);
const step = (n, title) => say(`\n${n}. ${title}`);

const RESULT_WORDS = {
  LA: 'live answer',
  AM: 'answering machine',
  BUSY: 'busy',
  NO_ANS: 'no answer',
  CARRIER_TEMP_ERROR: 'carrier error (temporary)',
  CARRIER_ERROR: 'carrier error',
};

say('callfire-dialplan demo: from a TypeScript flow to a finished IVR broadcast, all on this machine.');

// 1. Build every example flow and validate it.
step(1, 'Build the example flows with the DSL and validate them against schemas/dialplan.xsd');
const flows = (await readdir(examples)).filter((f) => f.endsWith('.ts') && f !== 'build.ts').sort();
let failed = 0;
for (const file of flows) {
  const doc = await loadFlow(`${examples}${file}`);
  const xml = compile(doc);
  const { ok, diagnostics } = validate(doc);
  if (!ok) failed++;
  say(`   ${ok ? 'ok  ' : 'FAIL'}  ${file.padEnd(26)} ${String(xml.split('\n').length).padStart(4)} lines of DialplanXml`);
  for (const d of diagnostics) say(`         ${d.severity} ${d.path}: ${d.message} (${d.rule})`);
}
say(`   ${flows.length} flows built${failed ? `, ${failed} with errors` : ', all valid'}.`);

// 2. The plan to broadcast: the appointment reminder, which replaces the DialplanXml of
//    examples/broadcast.json in the request below.
step(2, 'Lint the appointment reminder');
const broadcastFile = JSON.parse(readFileSync(`${examples}broadcast.json`, 'utf8'));
const plan = await loadFlow(`${examples}appointment-reminder.ts`);
const linted = lint(plan);
const errors = linted.diagnostics.filter((d) => d.severity === 'error').length;
const warnings = linted.diagnostics.length - errors;
say(`   examples/appointment-reminder.ts: ${linted.diagnostics.length === 0 ? 'no findings' : `${errors} error(s), ${warnings} warning(s)`}`);
for (const d of linted.diagnostics) say(`     ${d.severity} ${d.path}: ${d.message} (${d.rule})`);

// 3. A sandbox on a free port, with credentials made up for this run only.
step(3, 'Start a local CallFire sandbox');
const credentials = { username: 'demo', password: randomBytes(12).toString('base64url') };
const sandbox = await startSandbox({ port: 0, credentials, callMs: 2500 });
say(`   Listening at ${sandbox.url}`);
say('   It speaks CallFire\'s SOAP 1.2 API, checks requests like the real service, and makes every');
say('   call end with the same result for the same number. The credentials exist only for this run.');

let exitCode = 0;
try {
  const client = new CallFireClient({ endpoint: sandbox.url, username: credentials.username, password: credentials.password });
  const { numbers } = parseNumbers(readFileSync(`${examples}numbers.csv`, 'utf8'));
  // $schema only points editors at the file's JSON Schema; it is no part of the request
  const { $schema, ...fields } = broadcastFile;
  const request = {
    ...fields,
    ToNumber: [...broadcastFile.ToNumber, ...numbers],
    IvrBroadcastConfig: { ...broadcastFile.IvrBroadcastConfig, DialplanXml: plan },
  };

  // 4. Preview: the exact request, no network.
  step(4, 'Preview the SendCall request (nothing is sent)');
  const preview = await client.previewSendCall(request);
  if (!preview.ok) {
    say('   The request would be refused:');
    for (const p of preview.problems) say(`     request${p.path}: ${p.message}`);
    for (const d of preview.dialplan?.diagnostics ?? []) say(`     ${d.severity} ${d.path}: ${d.message} (${d.rule})`);
    throw new Error('the example request is invalid');
  }
  const http = preview.http;
  say(`   ${http.method} ${http.url}`);
  for (const [k, v] of Object.entries(http.headers)) say(`   ${k}: ${v}`);
  say(`   (${(Buffer.byteLength(http.body) / 1024).toFixed(1)} kB SOAP 1.2 envelope: ${preview.numbers} numbers, RequestId ${preview.requestId},`);
  say(`    dialplan ${preview.dialplan?.ok ? 'valid' : 'with errors'}; see it all with: npx dialplan send examples/broadcast.json --preview)`);

  // 5. Submit, then show that a resend with the same RequestId creates nothing new.
  step(5, 'Submit it');
  const sent = await client.sendCall({ ...request, RequestId: preview.requestId });
  say(`   Broadcast ${sent.broadcastId} created: ${preview.numbers} calls are being dialled.`);
  const again = await client.sendCall({ ...request, RequestId: sent.requestId });
  say(`   Sent again with the same RequestId: the answer is broadcast ${again.broadcastId} again, so a retried`);
  say('   submission can never start a second broadcast.');

  // 6. Poll until every call has a result (bounded).
  step(6, 'Follow the calls until they finish');
  const deadline = Date.now() + 60_000;
  let calls = [];
  for (;;) {
    calls = [];
    for await (const page of client.queryAllCalls({ BroadcastId: sent.broadcastId })) calls.push(...page.Call);
    const done = calls.filter((c) => c.State !== 'READY' && c.State !== 'SELECTED').length;
    const dialling = calls.filter((c) => c.State === 'SELECTED').length;
    say(`   ${done} of ${calls.length} calls finished${dialling ? `, ${dialling} ringing` : ''}`);
    if (done === calls.length) break;
    if (Date.now() > deadline) {
      say('   Stopped waiting after 60 s.');
      exitCode = 1;
      break;
    }
    await new Promise((r) => setTimeout(r, 700));
  }

  // 7. Results.
  step(7, 'Results');
  const broadcast = await client.getBroadcast(sent.broadcastId);
  const stats = await client.getBroadcastStats(sent.broadcastId);
  say(`   Broadcast ${broadcast.id} "${broadcast.Name}" (${broadcast.Type}): ${broadcast.Status}`);
  say('');
  const byNumber = new Map(request.ToNumber.map((t) => (typeof t === 'string' ? [t, {}] : [t.Value, t])));
  const rows = [['Number', 'Name', 'Result', 'Attempts', 'Talk time', 'What the dialplan stashed']];
  for (const c of calls) {
    const who = byNumber.get(c.ToNumber)?.Attributes?.firstName ?? '';
    const result = c.FinalResult ? `${c.FinalResult.padEnd(7)} ${RESULT_WORDS[c.FinalResult] ?? ''}`.trimEnd() : c.State;
    const seconds = c.CallRecord.reduce((s, r) => s + r.Duration, 0);
    const stashed = (c.CallRecord.at(-1)?.QuestionResponse ?? []).map((q) => `${q.Question}: ${q.Response}`).join(', ');
    rows.push([c.ToNumber, who, result, String(c.CallRecord.length), seconds ? `${seconds} s` : '-', stashed]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) say(`   ${r.map((cell, i) => cell.padEnd(widths[i])).join('   ')}`.trimEnd());
  say('');
  const parts = stats.ResultStat.filter((r) => r.Actions > 0).map((r) => `${RESULT_WORDS[r.Result] ?? r.Result}: ${r.Actions}`);
  say(`   Final results: ${parts.join(', ')}.`);
  say(`   ${stats.UsageStats.Attempts} attempts (busy and unanswered numbers are retried), ${stats.UsageStats.Duration} s of talk time, ${stats.UsageStats.BilledAmount} credits in the sandbox.`);
  say('   The sandbox played each answered call through the dialplan (keys chosen per number), so the');
  say('   <stash> values above are what the plan would report to CallFire as QuestionResponse.');

  // 8. The same broadcast file through API 2.0: mapped to a CallBroadcast, JSON over REST.
  step(8, 'The same broadcast through CallFire API 2.0 (REST/JSON), at the sandbox\'s /v2');
  const v2 = new CallFireV2Client({ endpoint: sandbox.v2Url, username: credentials.username, password: credentials.password });
  const preview2 = await v2.previewSendCall(request);
  if (!preview2.ok) throw new Error(`the API 2.0 request is invalid: ${preview2.problems.map((p) => p.message).join('; ')}`);
  say(`   ${preview2.http.method} ${preview2.http.url}`);
  say(`   (${(Buffer.byteLength(preview2.http.body) / 1024).toFixed(1)} kB CallBroadcast: ${preview2.numbers} recipients, label ${preview2.label};`);
  say('    see it all with: npx dialplan send examples/broadcast.json --api v2 --preview)');
  const sent2 = await v2.sendCall(request, { requestId: preview2.requestId });
  say(`   Broadcast ${sent2.broadcastId} created through API 2.0.`);
  const again2 = await v2.sendCall(request, { requestId: preview2.requestId });
  say(`   Sent again with the same request id: API 2.0 has no RequestId, so the client looked up the label`);
  say(`   and found broadcast ${again2.broadcastId} (${again2.reused ? 'reused, nothing created' : 'created again!'}).`);
  const deadline2 = Date.now() + 60_000;
  let calls2 = [];
  for (;;) {
    calls2 = [];
    for await (const page of v2.queryAllCalls({ BroadcastId: sent2.broadcastId })) calls2.push(...page.Call);
    if (calls2.every((c) => c.State !== 'READY' && c.State !== 'SELECTED') || Date.now() > deadline2) break;
    await new Promise((r) => setTimeout(r, 700));
  }
  const same = calls2.length === calls.length && calls2.every((c, i) => c.FinalResult === calls[i].FinalResult);
  say(`   ${calls2.filter((c) => c.State === 'FINISHED').length} of ${calls2.length} calls finished, ${same ? 'with the same results as on API 1.1' : 'with other results than on API 1.1'};`);
  say(`   follow it with: npx dialplan status ${sent2.broadcastId} --api v2 --endpoint <the sandbox's /v2>`);

  // 9. An inbound IVR: the plan answers a number's incoming calls.
  step(9, 'Deploy an inbound IVR to a number and read it back');
  const inbound = compile(await loadFlow(`${examples}inbound-tree.ts`));
  await v2.configureNumber('12135551100', inbound);
  const back = (await v2.numberConfig('12135551100')).ivrInboundConfig?.dialplanXml ?? '';
  const diff = diffPlans(parse(back).document, parse(inbound).document);
  say(`   PUT ${sandbox.v2Url}/numbers/leases/configs/12135551100 with examples/inbound-tree.ts compiled;`);
  say(`   read back: ${diff.same ? 'the same call flow' : `${diff.changes.length} change(s)`} (npx dialplan deploy <number> <plan> --api v2 --show).`);
} catch (e) {
  say(`\n   The demo failed: ${e instanceof Error ? e.message : String(e)}`);
  exitCode = 1;
} finally {
  await sandbox.close();
  say('\nSandbox stopped.');
}

say(`
Next steps:
  npx dialplan send examples/broadcast.json --to-file examples/numbers.csv --preview
  npx dialplan sandbox --port 8080          (in another terminal; with no CALLFIRE_USERNAME / CALLFIRE_PASSWORD
                                            set it accepts sandbox / sandbox, so: export CALLFIRE_USERNAME=sandbox
                                            CALLFIRE_PASSWORD=sandbox for the commands below)
  npx dialplan send examples/broadcast.json --endpoint http://127.0.0.1:8080/api/1.1/soap12
  npx dialplan status <broadcastId> --endpoint http://127.0.0.1:8080/api/1.1/soap12 --wait 30
  npx dialplan send examples/broadcast.json --api v2 --endpoint http://127.0.0.1:8080/v2
  npx dialplan deploy 12135551100 examples/inbound-tree.ts --api v2 --endpoint http://127.0.0.1:8080/v2`);
process.exitCode = exitCode || (failed ? 1 : 0);
