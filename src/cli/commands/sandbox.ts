/**
 * `dialplan sandbox`: a local stand-in for CallFire's SOAP service, for trying broadcasts
 * without an account or a phone bill.
 *
 * @module
 */
import { resolve } from 'node:path';
import { startSandbox, type Sandbox } from '../../broadcast/sandbox/server.js';
import { SandboxDataError } from '../../broadcast/sandbox/store.js';
import { UsageError, type Command } from '../io.js';
import { numberOption, parseOptions } from '../options.js';

/** What the CLI's sandbox accepts when the environment names no credentials: fixed, so they survive a restart with --data and can be written in docs. */
const DEFAULT_CREDENTIALS = { username: 'sandbox', password: 'sandbox' } as const;

const USAGE = `Usage: dialplan sandbox [--port 8080] [--data file.json] [--call-ms 2000]

Starts a local SOAP 1.2 server on 127.0.0.1 that implements CallFire's SendCall, QueryCalls,
GetCall, CreateSound, GetBroadcast, GetBroadcastStats, QueryBroadcasts and ControlBroadcast at
/api/1.1/soap12/call and /api/1.1/soap12/broadcast, and ConfigureNumber and GetNumber (inbound
IVRs) at /api/1.1/soap12/number. It checks requests against the service
schema and dialplans against the validator, de-duplicates by RequestId, and dials one call per
number: each reaches a result (LA, AM, BUSY, NO_ANS, ...) within a few seconds, always the same
for the same number. Beside it, CallFire's REST API 2.0 at /v2 (call broadcasts, their calls
and stats, start/stop/archive, GET /calls, number lease configs), over the same broadcasts.
Stop it with Ctrl-C.

Options:
  --port <n>        TCP port (default 8080; 0 picks a free one).
  --data <file>     Keep the state in this JSON file, so a restart loses nothing. A file that
                    cannot be read or written, or is not a sandbox data file, is exit 2.
  --call-ms <ms>    How long a wave of calls takes (default 2000).

Credentials: with CALLFIRE_USERNAME and CALLFIRE_PASSWORD set, it accepts only those (and never
prints them); with neither set, its own: username "sandbox", password "sandbox". It is a local
stand-in: never put a real account's credentials anywhere it would need them.
Send to it with --endpoint (or CALLFIRE_ENDPOINT) set to the address it prints.

Exit codes: 0 stopped, 2 usage, the port is taken or the --data file is unusable.`;

export const command: Command = {
  name: 'sandbox',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions('sandbox', args, {
      port: { type: 'string' },
      data: { type: 'string' },
      'call-ms': { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`dialplan sandbox: unexpected argument "${positionals[0]}"`);
    const port = numberOption('sandbox', 'port', values.port, { min: 0, max: 65535 }) ?? 8080;
    const callMs = numberOption('sandbox', 'call-ms', values['call-ms'], { min: 10, max: 600_000 }) ?? 2000;
    const fromEnv = { username: io.env['CALLFIRE_USERNAME'] || undefined, password: io.env['CALLFIRE_PASSWORD'] || undefined };
    if ((fromEnv.username === undefined) !== (fromEnv.password === undefined)) {
      throw new UsageError(
        `dialplan sandbox: ${fromEnv.username === undefined ? 'CALLFIRE_PASSWORD' : 'CALLFIRE_USERNAME'} is set but not ${fromEnv.username === undefined ? 'CALLFIRE_USERNAME' : 'CALLFIRE_PASSWORD'}: set both, or neither for the sandbox's own credentials`,
      );
    }
    const { username = DEFAULT_CREDENTIALS.username, password = DEFAULT_CREDENTIALS.password } = fromEnv;
    const dataFile = values.data === undefined ? undefined : resolve(io.cwd, values.data);
    let sandbox: Sandbox;
    try {
      sandbox = await startSandbox({ port, credentials: { username, password }, callMs, ...(dataFile ? { dataFile } : {}), log: (line) => io.stderr(`${line}\n`) });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES') {
        io.stderr(`dialplan sandbox: cannot listen on 127.0.0.1:${port}: ${code === 'EADDRINUSE' ? 'the port is taken' : 'permission denied'}; try --port 0\n`);
        return 2;
      }
      if (e instanceof SandboxDataError) {
        io.stderr(`dialplan sandbox: --data: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    io.stdout(`CallFire sandbox listening at ${sandbox.url}${dataFile ? ` (state in ${dataFile})` : ''}\n`);
    io.stdout(`API 2.0 (REST/JSON) at ${sandbox.v2Url}\n`);
    // the credentials themselves are printed only when they are the sandbox's own, never the environment's
    const creds = fromEnv.username === undefined ? `CALLFIRE_USERNAME=${DEFAULT_CREDENTIALS.username} CALLFIRE_PASSWORD=${DEFAULT_CREDENTIALS.password} ` : '';
    io.stdout(
      fromEnv.username === undefined
        ? `Credentials: the sandbox's own (CALLFIRE_USERNAME and CALLFIRE_PASSWORD were not set): username "${DEFAULT_CREDENTIALS.username}", password "${DEFAULT_CREDENTIALS.password}"\n`
        : 'Credentials: those in CALLFIRE_USERNAME and CALLFIRE_PASSWORD\n',
    );
    io.stdout(`Try: ${creds}dialplan send broadcast.json --endpoint ${sandbox.url}\n`);
    io.stdout(`  or ${creds}dialplan send broadcast.json --api v2 --endpoint ${sandbox.v2Url}\n`);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        done();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await sandbox.close();
    io.stderr('sandbox stopped\n');
    return 0;
  },
};
