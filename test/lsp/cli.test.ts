/**
 * `dialplan lsp` as a command: its usage, its refusals, and its place in `--help`. The
 * server itself is tested through a client in server.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_IDS, readSettings } from '../../src/lsp/selection.js';
import { run } from '../cli/run.js';
import { root } from './client.js';

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
});
