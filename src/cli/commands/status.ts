/**
 * `dialplan status`: a broadcast, its stats and its calls.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_ENDPOINT, type BroadcastReader } from '../../broadcast/client.js';
import type { Broadcast, BroadcastStats, Call } from '../../broadcast/types.js';
import { DEFAULT_V2_ENDPOINT } from '../../broadcast/v2/client.js';
import { apiOf, cliClient, cliV2Client, remoteFailure } from '../callfire-client.js';
import { UsageError, type Command, type Io } from '../io.js';
import { numberOption, parseOptions, textOrJson } from '../options.js';

const USAGE = `Usage: dialplan status <broadcastId> [--api 1.1|v2] [--endpoint URL] [--format text|json] [--wait [seconds]]

Shows a broadcast (GetBroadcast), its statistics (GetBroadcastStats) and its calls (QueryCalls,
every page); on API 2.0 GET /calls/broadcasts/{id}, .../stats and .../calls, every page, in the
same report.

Options:
  --api <1.1|v2>       The CallFire API (default $CALLFIRE_API or 1.1).
  --endpoint <url>     Base address (default $CALLFIRE_ENDPOINT, or ${DEFAULT_ENDPOINT} for 1.1
                       and ${DEFAULT_V2_ENDPOINT} for v2).
  --format <text|json> text (default): a summary and a table of calls.
                       json: { "broadcast": {...}, "stats": {...}, "calls": [{ "Id", "ToNumber", "State", "FinalResult", ... }] }
  --wait <seconds>     Poll every 2 s until every call has finished, for at most this long
                       (progress on stderr).

Environment: CALLFIRE_USERNAME and CALLFIRE_PASSWORD.

Exit codes: 0 shown, 2 usage or a remote failure (unknown broadcast, refused credentials, ...).`;

/** A call as the status report shows it. */
export interface CallLine {
  readonly Id: number;
  readonly ToNumber: string;
  readonly ClientData?: string;
  readonly State: string;
  readonly FinalResult?: string;
  readonly Attempts: number;
  /** Seconds, over all attempts. */
  readonly Duration: number;
  /** `<stash>` values of the last attempt. */
  readonly Responses: Readonly<Record<string, string>>;
  readonly Modified: string;
}

/** Flattens a call for the report. */
export function callLine(c: Call): CallLine {
  const last = c.CallRecord[c.CallRecord.length - 1];
  return {
    Id: c.id,
    ToNumber: c.ToNumber,
    ...(c.ClientData === undefined ? {} : { ClientData: c.ClientData }),
    State: c.State,
    ...(c.FinalResult === undefined ? {} : { FinalResult: c.FinalResult }),
    Attempts: c.CallRecord.length,
    Duration: c.CallRecord.reduce((s, r) => s + r.Duration, 0),
    Responses: Object.fromEntries((last?.QuestionResponse ?? []).map((q) => [q.Question, q.Response])),
    Modified: c.Modified,
  };
}

const RESULT_WORDS: Readonly<Record<string, string>> = {
  LA: 'live answer',
  AM: 'answering machine',
  BUSY: 'busy',
  NO_ANS: 'no answer',
  DNC: 'do not call',
  XFER: 'transferred',
  CARRIER_ERROR: 'carrier error',
  CARRIER_TEMP_ERROR: 'carrier error (temporary)',
  INTERNAL_ERROR: 'internal error',
  UNDIALED: 'not dialled',
};

/** The text report. */
export function formatStatus(broadcast: Broadcast, stats: BroadcastStats, calls: readonly CallLine[], limit = 50): string {
  const lines: string[] = [];
  lines.push(`Broadcast ${broadcast.id}${broadcast.Name ? ` "${broadcast.Name}"` : ''} (${broadcast.Type ?? '?'}): ${broadcast.Status ?? 'unknown status'}`);
  const done = calls.filter((c) => c.State !== 'READY' && c.State !== 'SELECTED').length;
  const u = stats.UsageStats;
  lines.push(`Calls: ${calls.length} (${done} done, ${calls.length - done} waiting or in progress); attempts ${u.Attempts}; talk time ${u.Duration} s; billed ${u.BilledAmount} credits`);
  if (stats.ResultStat.length > 0) {
    lines.push(`Results: ${stats.ResultStat.filter((r) => r.Actions > 0).map((r) => `${r.Result} ${r.Actions}${RESULT_WORDS[r.Result] ? ` (${RESULT_WORDS[r.Result]})` : ''}`).join(', ')}`);
  }
  if (calls.length > 0) {
    lines.push('');
    const rows = [
      ['Id', 'ToNumber', 'State', 'Result', 'Attempts', 'Seconds', 'ClientData', 'Stashed'],
      ...calls.slice(0, limit).map((c) => [
        String(c.Id), c.ToNumber, c.State, c.FinalResult ?? '', String(c.Attempts), String(c.Duration), c.ClientData ?? '',
        Object.entries(c.Responses).map(([k, v]) => `${k}=${v}`).join(' '),
      ]),
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) lines.push(`  ${r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd());
    if (calls.length > limit) lines.push(`  ... ${calls.length - limit} more (all of them with --format json)`);
  }
  return `${lines.join('\n')}\n`;
}

async function collect(client: BroadcastReader, id: number): Promise<{ broadcast: Broadcast; stats: BroadcastStats; calls: CallLine[] }> {
  // The calls first: --wait stops when they are done, and the broadcast's status and stats,
  // read after them, are then no older (a status read first could still say RUNNING).
  const all: Call[] = [];
  for await (const page of client.queryAllCalls({ BroadcastId: id })) all.push(...page.Call);
  const broadcast = await client.getBroadcast(id);
  // Hand over the calls just read: API 2.0 counts the per-result stats from them (no second paging).
  const stats = await client.getStatsForCalls(id, all);
  return { broadcast, stats, calls: all.map(callLine) };
}

export const command: Command = {
  name: 'status',
  usage: USAGE,
  async run(args, io: Io) {
    const { values, positionals } = parseOptions('status', args, {
      endpoint: { type: 'string' },
      format: { type: 'string' },
      wait: { type: 'string' },
      api: { type: 'string' },
    });
    const format = textOrJson('status', values.format);
    const wait = numberOption('status', 'wait', values.wait, { min: 0.001, max: 86_400, whole: false });
    if (positionals.length !== 1 || !/^\d+$/.test(positionals[0]!)) throw new UsageError('dialplan status: name one broadcast id (a number)');
    const id = Number(positionals[0]);
    const endpoint = values.endpoint === undefined ? {} : { endpoint: values.endpoint };
    const client: BroadcastReader = apiOf('status', io, values.api) === 'v2' ? cliV2Client('status', io, endpoint) : cliClient('status', io, endpoint);
    try {
      let report = await collect(client, id);
      if (wait !== undefined) {
        const deadline = Date.now() + wait * 1000;
        const unfinished = () => report.calls.filter((c) => c.State === 'READY' || c.State === 'SELECTED').length;
        while (unfinished() > 0 && Date.now() < deadline) {
          io.stderr(`  waiting: ${report.calls.length - unfinished()} of ${report.calls.length} calls done\n`);
          await sleep(Math.min(2000, Math.max(0, deadline - Date.now())));
          report = await collect(client, id);
        }
        if (unfinished() > 0) io.stderr(`  stopped waiting after ${wait} s: ${unfinished()} call(s) not finished yet\n`);
      }
      io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report.broadcast, report.stats, report.calls));
      return 0;
    } catch (e) {
      return remoteFailure('status', io, e);
    }
  },
};
