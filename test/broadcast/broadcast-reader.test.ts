/**
 * Both clients read a broadcast the same way (`BroadcastReader`, what `dialplan status` uses):
 * against the sandbox on 127.0.0.1, with its clock held still and then moved on so every call
 * has finished, one broadcast per API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CallFireClient, type BroadcastReader } from '../../src/broadcast/client.js';
import { startSandbox, type Sandbox } from '../../src/broadcast/sandbox/server.js';
import type { Call } from '../../src/broadcast/types.js';
import { CallFireV2Client } from '../../src/broadcast/v2/client.js';
import { ivrRequest } from './helpers.js';

const credentials = { username: 'reader-user', password: 'reader-pass-81c' };
const NUMBERS = ['13105551212', '13105551213', '13105551214', '13105551215', '13105551216', '13105551217'];
const running: Sandbox[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

async function setUp() {
  let t = Date.parse('2026-01-05T10:00:00Z');
  const sandbox = await startSandbox({ port: 0, credentials, callMs: 100, now: () => t });
  running.push(sandbox);
  const options = { ...credentials, maxAttempts: 1, env: {} };
  return {
    v1: new CallFireClient({ ...options, endpoint: sandbox.url }),
    v2: new CallFireV2Client({ ...options, endpoint: sandbox.v2Url }),
    advance: (ms: number) => void (t += ms),
  };
}

async function allCalls(reader: BroadcastReader, id: number): Promise<Call[]> {
  const calls: Call[] = [];
  for await (const page of reader.queryAllCalls({ BroadcastId: id })) calls.push(...page.Call);
  return calls;
}

/** Polls until every call has finished, at most 15 s (the sandbox plays the dialplans in a worker thread, slow to start on a busy machine). */
async function finished(reader: BroadcastReader, id: number): Promise<Call[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const calls = await allCalls(reader, id);
    if (calls.every((c) => c.State === 'FINISHED') || Date.now() > deadline) return calls;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const finalResults = (calls: readonly Call[]) => calls.map((c) => c.FinalResult).sort();
const resultCounts = (stats: { readonly ResultStat: readonly { readonly Result: string; readonly Actions: number }[] }) =>
  Object.fromEntries(stats.ResultStat.filter((r) => r.Actions > 0).map((r) => [r.Result, r.Actions]));

describe('BroadcastReader', () => {
  it('gives the same stats through getStatsForCalls as through getBroadcastStats, on either API', async () => {
    const { v1, v2, advance } = await setUp();
    const sent1 = await v1.sendCall(ivrRequest(NUMBERS));
    const sent2 = await v2.sendCall(ivrRequest(NUMBERS));
    advance(60_000);
    for (const [reader, id] of [[v1, sent1.broadcastId], [v2, sent2.broadcastId]] as const) {
      const calls = await finished(reader, id);
      expect(calls.map((c) => c.State)).toEqual(NUMBERS.map(() => 'FINISHED'));
      const stats = await reader.getStatsForCalls(id, calls);
      expect(stats).toEqual(await reader.getBroadcastStats(id));
      // The per-result lines add up to the calls read, result by result.
      const counted: Record<string, number> = {};
      for (const r of finalResults(calls)) counted[r!] = (counted[r!] ?? 0) + 1;
      expect(resultCounts(stats)).toEqual(counted);
    }
  });

  it('API 2.0 counts the per-result lines from the calls handed over; API 1.1 takes the service\'s own', async () => {
    const { v1, v2, advance } = await setUp();
    const sent1 = await v1.sendCall(ivrRequest(NUMBERS));
    const sent2 = await v2.sendCall(ivrRequest(NUMBERS));
    advance(60_000);
    // Only the first two calls handed over: API 2.0 counts just those (it does not page the calls again) …
    await finished(v1, sent1.broadcastId);
    const two = (await finished(v2, sent2.broadcastId)).slice(0, 2);
    const counted2 = resultCounts(await v2.getStatsForCalls(sent2.broadcastId, two));
    expect(Object.values(counted2).reduce((n, c) => n + c, 0)).toBe(2);
    // … while API 1.1's service counts every call whatever the caller holds.
    const counted1 = resultCounts(await v1.getStatsForCalls(sent1.broadcastId, []));
    expect(Object.values(counted1).reduce((n, c) => n + c, 0)).toBe(NUMBERS.length);
  });
});
