/**
 * A real LSP client for the tests: spawns `dialplan lsp --stdio` and talks to it over the
 * child's stdio with vscode-languageserver-protocol's connection, as an editor does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogTraceNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  type Registration,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** How long any one wait for the server may take before the test fails (never hangs). */
const WAIT_MS = 15_000;

export interface Server {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  readonly stderr: () => string;
  /** Opens a document (version 1). */
  open(uri: string, text: string, languageId?: string): void;
  /** Replaces a document's whole text with a new version. */
  change(uri: string, text: string): void;
  /** Applies one incremental change. */
  edit(uri: string, range: Range, text: string): void;
  close(uri: string): void;
  /** The next diagnostics published for `uri` that satisfy `accept` (after this call), within `waitMs`. */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, waitMs?: number): Promise<Diagnostic[]>;
  /** The newest diagnostics published for `uri`, if any. */
  latest(uri: string): PublishDiagnosticsParams | undefined;
  /** Every publication so far for `uri`, oldest first. */
  publications(uri: string): readonly PublishDiagnosticsParams[];
  /** What the server registered with the client (`client/registerCapability`), oldest first. */
  readonly registrations: readonly Registration[];
  /** What the server traced about each check (`$/logTrace` with `trace: 'verbose'` in the initialize params), oldest first. */
  readonly traces: readonly CheckTrace[];
  /** shutdown, exit, and the child's exit code. */
  stop(): Promise<number | null>;
}

/** The server's trace of one check (see `checkNow` in src/lsp/server.ts). */
export interface CheckTrace {
  readonly uri: string;
  readonly version: number;
  readonly findings: number;
  readonly timings: Readonly<Record<string, number>>;
}

/** A file URI under the repository (the file need not exist). */
export const fileUri = (path: string) => pathToFileURL(path).href;

/**
 * Starts the server and initializes it: from source (through tsx), or `built`: bin/dialplan.js
 * as installed (the bundle in dist/bundle/, `npm run build`); `env` is added to the server's environment.
 */
export async function startServer(init: Partial<InitializeParams> = {}, { built = false, env = {} as Readonly<Record<string, string>> } = {}): Promise<Server> {
  const args = built ? ['bin/dialplan.js', 'lsp', '--stdio'] : ['--import', 'tsx', 'src/cli/bin.ts', 'lsp', '--stdio'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => void (stderr += d.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, PublishDiagnosticsParams[]>();
  const traces: CheckTrace[] = [];
  connection.onNotification(LogTraceNotification.type, (p) => {
    if (p.verbose) traces.push(JSON.parse(p.verbose) as CheckTrace);
  });
  const waiters: Array<{ uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.accept(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  const registrations: Registration[] = [];
  connection.onRequest(RegistrationRequest.type, (p) => {
    registrations.push(...p.registrations);
  });
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: {},
    workspaceFolders: null,
    ...init,
  } as InitializeParams);
  await connection.sendNotification(InitializedNotification.type, {});
  const versions = new Map<string, number>();
  return {
    connection,
    child,
    stderr: () => stderr,
    open(uri, text, languageId = 'callfire-xml') {
      versions.set(uri, 1);
      void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    edit(uri, range, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    },
    close(uri) {
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    diagnostics(uri, accept = () => true, waitMs = WAIT_MS) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${waitMs} ms; stderr: ${stderr}`)), waitMs);
        waiters.push({ uri, accept, resolve: (d) => {
            clearTimeout(timer);
            resolve(d);
          } });
      });
    },
    latest: (uri) => published.get(uri)?.at(-1),
    publications: (uri) => published.get(uri) ?? [],
    registrations,
    traces,
    async stop() {
      const exited = new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
      });
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const timer = setTimeout(() => child.kill(), WAIT_MS);
      const code = await exited;
      clearTimeout(timer);
      connection.dispose();
      return code;
    },
  };
}
