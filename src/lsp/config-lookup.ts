/**
 * The lint settings that apply to an open file: the nearest `.dialplanrc.json`, found exactly
 * as `dialplan lint` finds it and read again whenever it changes on disk.
 *
 * @module
 */
import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../validate/diagnostic.js';
import { ConfigError, findConfigFile, loadConfigFile, settingsFor, type LoadedConfig } from '../validate/lint/config.js';
import type { RuleSettings } from '../validate/lint/types.js';

/** The settings for one file, or the reason its configuration cannot be used. */
export type SettingsLookup =
  | { readonly ok: true; readonly settings: RuleSettings; readonly configPath?: string }
  | {
      readonly ok: false;
      readonly configPath: string;
      /** The URI of the config file, where {@link findings} are. */
      readonly configUri: string;
      /** The plan's one finding: it is not linted, as `dialplan lint` says, pointing at the config's findings. */
      readonly message: string;
      /** The config's own findings (rule `config`, the CLI's wording), at their lines in the config file. */
      readonly findings: readonly ConfigFinding[];
    };

/** A config finding as the editor shows it; its message is the CLI's plain text. */
export type ConfigFinding = LspDiagnostic & { readonly message: string };

/**
 * The range of a config finding: the key or value its position points at (a JSON string with
 * its quotes, or a number or literal), one character where there is none, the file's start
 * when it has no position (a file that cannot be read).
 */
function configFinding(d: Diagnostic, text: string, doc: TextDocument): ConfigFinding {
  let range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (d.line !== undefined) {
    const start = { line: d.line - 1, character: (d.column ?? 1) - 1 };
    const from = doc.offsetAt(start);
    const token = /^(?:"(?:[^"\\\n]|\\.)*"|[^\s,:\]}]+)/.exec(text.slice(from, from + 500))?.[0] ?? '';
    range = { start, end: doc.positionAt(from + Math.max(1, token.length)) };
  }
  return { range, severity: d.severity === 'error' ? 1 : 2, source: 'dialplan', code: d.rule, message: d.message };
}

interface Cached {
  readonly stamp: string;
  readonly loaded: Promise<LoadedConfig>;
}

/** Looks up and caches configurations; a cached one is used only while its file is unchanged. */
export class ConfigLookup {
  private readonly cache = new Map<string, Cached>();

  /** Forgets every cached configuration (a watched config file changed). */
  clear(): void {
    this.cache.clear();
  }

  /** The settings for the file at `path` (absolute), or none for a document that is not on disk. */
  async settingsFor(path: string | undefined): Promise<SettingsLookup> {
    if (path === undefined) return { ok: true, settings: {} };
    // looked up on disk each time (no folder cache): a config created since is seen
    const configPath = findConfigFile(path);
    if (configPath === undefined) return { ok: true, settings: {} };
    let stamp: string;
    try {
      const s = statSync(configPath);
      stamp = `${s.mtimeMs}:${s.size}`;
    } catch {
      return { ok: true, settings: {} };
    }
    let hit = this.cache.get(configPath);
    if (hit?.stamp !== stamp) this.cache.set(configPath, (hit = { stamp, loaded: loadConfigFile(configPath) }));
    try {
      const loaded = await hit.loaded;
      return { ok: true, settings: settingsFor(loaded.config, path, loaded.dir), configPath };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      let text = '';
      try {
        text = readFileSync(configPath, 'utf8');
      } catch {
        // unreadable: its one finding has no position
      }
      const doc = TextDocument.create(pathToFileURL(configPath).href, 'json', 0, text);
      const findings = (e.diagnostics.length > 0 ? e.diagnostics : [{ rule: 'config', severity: 'error', message: e.message, path: '' } satisfies Diagnostic]).map((d) => configFinding(d, text, doc));
      return { ok: false, configPath, configUri: doc.uri, message: `not linted: its configuration ${configPath} is invalid`, findings };
    }
  }
}
