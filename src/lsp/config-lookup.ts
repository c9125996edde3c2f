/**
 * The lint settings that apply to an open file: the nearest `.dialplanrc.json`, found exactly
 * as `dialplan lint` finds it and read again whenever it changes on disk.
 *
 * @module
 */
import { statSync } from 'node:fs';
import { ConfigError, findConfigFile, loadConfigFile, settingsFor, type LoadedConfig } from '../validate/lint/config.js';
import type { RuleSettings } from '../validate/lint/types.js';

/** The settings for one file, or the reason its configuration cannot be used. */
export type SettingsLookup =
  | { readonly ok: true; readonly settings: RuleSettings; readonly configPath?: string }
  | { readonly ok: false; readonly configPath: string; readonly message: string };

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
      return { ok: false, configPath, message: e.message };
    }
  }
}
