/**
 * `dialplan lsp` as a command: its usage, its refusals, and its place in `--help`. The
 * server itself is tested through a client in server.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as selection from '../../src/lsp/selection.js';
import { LANGUAGE_IDS, readSettings } from '../../src/lsp/selection.js';
import { run } from '../cli/run.js';
import { fileUri, root, startServer } from './client.js';

describe('dialplan lsp', () => {
  it('is listed in --help and explains itself', async () => {
    expect((await run(['--help'])).stdout).toMatch(/^\s+lsp\s+Run the language server/m);
    const help = await run(['lsp', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: dialplan lsp \[--stdio\]/);
  });

  it('refuses arguments and transports it does not have, with exit code 2', async () => {
    const extra = await run(['lsp', 'plan.xml']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/unexpected argument "plan.xml"/);
    const socket = await run(['lsp', '--socket=5000']);
    expect(socket.code).toBe(2);
    expect(socket.stderr).toMatch(/socket/);
  });
});

describe.skipIf(!existsSync(join(root, 'dist/bundle/cli.cjs')))('dialplan lsp as built (bin/dialplan.js, bundled)', () => {
  it('checks a plan on its worker and answers requests, and keeps the worker\'s code cache', async () => {
    const cacheHome = mkdtempSync(join(tmpdir(), 'dialplan-lsp-cache-'));
    const server = await startServer({ initializationOptions: { debounceMs: 0 } }, { built: true, env: { XDG_CACHE_HOME: cacheHome } });
    const uri = fileUri(join(tmpdir(), 'dialplan-built-lsp', 'plan.xml'));
    const got = server.diagnostics(uri);
    server.open(uri, '<dialplan name="Root"><goto>mian</goto><hangup name="main"/></dialplan>\n');
    expect((await got).map((d) => d.code)).toContain('unknown-goto-target');
    expect(server.stderr()).not.toMatch(/failed/);
    expect(await server.stop()).toBe(0);
    // written when the worker ends of itself, which shutdown asks it to (src/lsp/lint-runner.ts)
    expect(readdirSync(join(cacheHome, 'callfire-dialplan')).filter((f) => f.startsWith('thread.lint-worker-') && f.endsWith('.v8'))).toHaveLength(1);
  }, 60_000);
});

describe('the VS Code extension', () => {
  const manifest = JSON.parse(readFileSync(`${root}editors/vscode/package.json`, 'utf8')) as {
    contributes: { languages: Array<{ id: string }>; configuration: { properties: Record<string, { default: unknown }> } };
    dependencies: Record<string, string>;
  };

  it('contributes the language id the server serves', () => {
    expect(LANGUAGE_IDS).toContain(manifest.contributes.languages[0]!.id);
  });

  it('has settings the server reads under the same names', () => {
    const props = manifest.contributes.configuration.properties;
    const forServer = Object.fromEntries(
      Object.entries(props)
        .filter(([k]) => !k.startsWith('dialplan.server.'))
        .map(([k, v]) => [k.replace(/^dialplan\./, ''), v.default]),
    );
    expect(readSettings(forServer)).toEqual(forServer);
  });

  it('keeps its client library in its own package, matching the server library\'s major version', () => {
    const rootManifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { dependencies: Record<string, string> };
    const major = (v: string) => /\d+/.exec(v)![0];
    expect(major(manifest.dependencies['vscode-languageclient']!)).toBe(major(rootManifest.dependencies['vscode-languageserver']!));
    expect(rootManifest.dependencies['vscode-languageclient']).toBeUndefined();
  });

  it('associates the XSD with exactly the files the server checks, by the one rule in lsp/selection', async () => {
    const { associationsFor } = createRequire(import.meta.url)(`${root}editors/vscode/association.js`) as {
      associationsFor(sel: typeof selection, files: string[], docs: Array<{ uri: string; path: string; languageId: string; text: string }>, folders: string[], xsd: string): Array<{ pattern: string; systemId: string }>;
    };
    const dir = mkdtempSync(join(tmpdir(), 'dialplan-assoc-'));
    mkdirSync(join(dir, 'plans'));
    const plan = '<dialplan name="Root"><goto>mian</goto><hangup name="main"/></dialplan>\n';
    const docs = [
      ['plan.xml', 'xml', plan],
      ['plans/ivr.xml', 'xml', plan],
      ['calls.dialplan.xml', 'callfire-xml', plan],
      ['pom.xml', 'xml', '<project><goto>mian</goto></project>\n'],
      ['notes.txt', 'plaintext', plan],
    ].map(([name, languageId, text]) => ({ uri: fileUri(join(dir, name!)), path: join(dir, name!), languageId: languageId!, text: text! }));
    try {
      for (const files of [[], ['plans/**/*.xml']]) {
        const server = await startServer({ initializationOptions: { debounceMs: 0, files }, workspaceFolders: [{ uri: fileUri(dir), name: 'w' }] });
        for (const d of docs) server.open(d.uri, d.text, d.languageId);
        // a last plan: when it is checked, the documents opened before it have been
        const last = fileUri(join(dir, 'plans', 'last.xml'));
        const done = server.diagnostics(last);
        server.open(last, plan, 'xml');
        await done;
        const checked = docs.filter((d) => (server.latest(d.uri)?.diagnostics.length ?? 0) > 0).map((d) => d.path);
        expect(await server.stop()).toBe(0);
        const associated = associationsFor(selection, files, docs, [dir], '/pkg/schemas/dialplan.xsd');
        expect(associated.map((a) => a.pattern)).toEqual(checked.map((p) => p.replace(/\\/g, '/')));
        expect(checked.length).toBe(files.length === 0 ? 3 : 1);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // two server starts and a dozen checks: seconds on a busy machine, not a hang
  }, 90_000);
});
