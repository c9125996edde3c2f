/**
 * A client that goes away mid-check (closes the server's stdin right after opening a plan, as
 * an editor killed or a script piping a few messages does): the server stops, sends nothing
 * more and exits with the LSP's code, never with a stack trace from a check that ends late.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DidOpenTextDocumentNotification, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { fileUri, root, startServer, type Server } from './client.js';

const PLAN = '<dialplan name="R"><hangup/></dialplan>';

/** Opens `name` (awaited: written to the server before its stdin ends). */
const open = (server: Server, name: string) =>
  server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: fileUri(join(root, 'test', 'lsp', name)), languageId: 'callfire-xml', version: 1, text: PLAN } });

/** Ends the server's stdin and waits (bounded) for its exit code. */
function endInput(server: Server): Promise<number | null> {
  const { child } = server;
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => child.kill(), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      server.connection.dispose();
      resolve(code);
    });
    child.stdin!.end();
  });
}

/** A V8 stack frame, as an uncaught error prints it. */
const STACK_FRAME = /^\s+at .+[:(]\d+:\d+\)?$/m;

// from source, and as installed (bin/dialplan.js and its bundle) when `npm run build` has made it
const builds = [{ name: 'from source', built: false }, ...(existsSync(join(root, 'dist/bundle/cli.cjs')) ? [{ name: 'as built', built: true }] : [])];

describe.each(builds)('dialplan lsp when stdin closes ($name)', ({ built }) => {
  it('right after didOpen, without shutdown: exit 1 (the LSP spec), no stack trace', async () => {
    const server = await startServer({}, { built });
    await open(server, 'closed-stdin.xml');
    const code = await endInput(server);
    expect(server.stderr()).not.toMatch(STACK_FRAME);
    expect(server.stderr()).not.toMatch(/ConnectionError|Connection is closed/);
    expect(code).toBe(1);
  });

  it('after shutdown: exit 0, no stack trace', async () => {
    const server = await startServer({}, { built });
    await open(server, 'closed-stdin-shutdown.xml');
    await server.connection.sendRequest(ShutdownRequest.type);
    const code = await endInput(server);
    expect(server.stderr()).not.toMatch(STACK_FRAME);
    expect(code).toBe(0);
  });
});
