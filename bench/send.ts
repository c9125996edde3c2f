/**
 * Benchmark of a big SendCall preview: 100,000 numbers read from CSV text, checked against
 * the JSON Schema, the dialplan validated and linted, and the SOAP 1.2 envelope written by
 * `soap` from the project's WSDL. Target: about a second.
 *
 * The preview is reported as an absolute time against that target. The ratios compare like
 * with like: our envelope writer alone (numbers already parsed, no checks) against peers that
 * also only serialise the same request:
 * - `soap` alone: the same envelope, with soap writing every ToNumber itself (the preview has
 *   one small writer for the ToNumber list and lets soap write the rest; see send-envelope.ts);
 * - JSON.stringify of the same request: a floor for "serialise 100,000 numbers".
 *
 * Run: `npm run bench` (all benchmarks) or `npx tsx bench/send.ts`. Not a test: times depend
 * on the machine and its load.
 */
import { CallFireClient } from '../src/broadcast/client.js';
import { parseNumbers } from '../src/broadcast/numbers.js';
import { cdataSafeDeep, sendCallEnvelope } from '../src/broadcast/send-envelope.js';
import { buildEnvelope } from '../src/broadcast/soap-client.js';
import type { PreparedSendCall } from '../src/broadcast/types.js';
import { sendCallArgs } from '../src/broadcast/wire.js';
import { benchRounds, ms, ratio, timeAsync } from './measure.js';

const COUNT = Number(process.env['BENCH_NUMBERS'] ?? 100_000);
const ROUNDS = benchRounds(5);

const PLAN =
  '<dialplan name="Root"><amd><live><menu name="m" maxDigits="1" timeout="5000"><play type="tts" voice="female2">Press 1 to confirm.</play>' +
  '<keypress pressed="1"><stash varname="answer">yes</stash><hangup/></keypress><keypress pressed="timeout"><hangup/></keypress></menu></live>' +
  '<machine><play type="tts" voice="female2">Please call us back.</play><hangup/></machine></amd></dialplan>';

const csv = ['number,ClientData', ...Array.from({ length: COUNT }, (_, i) => `${13100000000 + i},c${i}`)].join('\n');

// The preview is asynchronous, the peers are not: all are timed through the same awaited loop.
const time = (fn: () => unknown): Promise<number> => timeAsync(fn, ROUNDS);

const client = new CallFireClient({ env: {} });
let bytes = 0;
const preview = await time(async () => {
  const { numbers, problems } = parseNumbers(csv);
  if (problems.length > 0) throw new Error('bad numbers');
  const p = await client.previewSendCall({ BroadcastName: 'Bench', ToNumber: numbers, IvrBroadcastConfig: { FromNumber: '12135551189', DialplanXml: PLAN } });
  if (!p.ok) throw new Error(JSON.stringify(p.problems));
  bytes = Buffer.byteLength(p.http!.body);
});

const parsed = parseNumbers(csv).numbers;
const prepared: PreparedSendCall = { RequestId: 'urn:uuid:00000000-0000-4000-8000-000000000000', Type: 'IVR', BroadcastName: 'Bench', ToNumber: parsed, IvrBroadcastConfig: { FromNumber: '12135551189', DialplanXml: PLAN } };
const soapOnly = await time(() => buildEnvelope('SendCall', cdataSafeDeep(sendCallArgs(prepared)) as Record<string, unknown>));
const ours = await time(() => sendCallEnvelope(prepared));
const json = await time(() => JSON.stringify(prepared));
const readOnly = await time(() => parseNumbers(csv));

console.log(`SendCall preview of ${COUNT.toLocaleString('en-US')} numbers (median of ${ROUNDS}; envelope ${(bytes / 1e6).toFixed(1)} MB)\n`);
console.log(`  preview (read CSV, schema, dialplan, envelope) ${ms(preview)}   target about 1 s -> ${preview <= 1500 ? 'met' : 'NOT met'}`);
console.log(`    reading the CSV alone                       ${ms(readOnly)}`);
console.log(`  our envelope writer alone                     ${ms(ours)}`);
console.log(`  soap envelope alone (peer)                    ${ms(soapOnly)}   ours / soap = ${ratio(ours, soapOnly)}`);
console.log(`  JSON.stringify of the request (peer)          ${ms(json)}   ours / JSON = ${ratio(ours, json, 1)}`);
