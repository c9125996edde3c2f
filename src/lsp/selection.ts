/**
 * Which files are dialplans, for the server and for the VS Code extension alike (it loads this
 * module from the installed package to associate the XSD with the same files): language id
 * `callfire-xml` or `xml`, a name ending in `.xml`, when the `dialplan.files` setting is given
 * a path matching one of its globs, and a root element `<dialplan>` (or none yet, while it is
 * being typed). Not every XML file of a workspace is a dialplan; with no setting, the root
 * element tells them apart.
 *
 * @module
 */
import { basename, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { rootElementName } from './cursor.js';

/** The language ids the server takes. */
export const LANGUAGE_IDS: readonly string[] = ['callfire-xml', 'xml'];

/** The server's settings (`dialplan.*` in the editor's configuration, or `initializationOptions`). */
export interface ServerSettings {
  /** Globs of the files that are dialplans, relative to a workspace folder (or absolute). Default: every `.xml` file. */
  readonly files?: string | readonly string[];
  /** Milliseconds to wait after the last change before checking. Default 200. */
  readonly debounceMs?: number;
}

/** Reads settings from untrusted JSON, keeping only well-typed keys. */
export function readSettings(value: unknown): ServerSettings {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const files = typeof v['files'] === 'string' ? v['files'] : Array.isArray(v['files']) ? v['files'].filter((f): f is string => typeof f === 'string') : undefined;
  const debounceMs = typeof v['debounceMs'] === 'number' && v['debounceMs'] >= 0 ? v['debounceMs'] : undefined;
  return { ...(files !== undefined ? { files } : {}), ...(debounceMs !== undefined ? { debounceMs } : {}) };
}

/** The file path of a `file:` URI, or undefined for other schemes (unsaved buffers). */
export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Whether the text is some other kind of XML (its root element is not `<dialplan>`): such files get no findings. */
export function isOtherXml(text: string): boolean {
  const root = rootElementName(text);
  return root !== undefined && root !== 'dialplan';
}

/** Whether a file is a dialplan by the rule above: {@link isDialplanDocument} and a `<dialplan>` root. */
export function isDialplanFile(uri: string, languageId: string, text: string, settings: ServerSettings, workspaceFolders: readonly string[]): boolean {
  return isDialplanDocument(uri, languageId, settings, workspaceFolders) && !isOtherXml(text);
}

/** Whether the document is one the server takes by its name and language (its text aside). */
export function isDialplanDocument(uri: string, languageId: string, settings: ServerSettings, workspaceFolders: readonly string[]): boolean {
  if (!LANGUAGE_IDS.includes(languageId)) return false;
  if (!/\.xml$/i.test(uri.replace(/[?#].*$/, ''))) return false;
  if (settings.files === undefined || settings.files.length === 0) return true;
  const path = pathOfUri(uri);
  if (path === undefined) return false;
  const globs = typeof settings.files === 'string' ? [settings.files] : settings.files;
  const candidates = [path.split(sep).join('/'), ...workspaceFolders.map((f) => relative(f, path).split(sep).join('/'))].filter((c) => !c.startsWith('../'));
  return globs.some((g) => {
    const isMatch = picomatch(g, { dot: true });
    // a glob without a folder (`*.plan.xml`) matches the file name anywhere
    return candidates.some((c) => isMatch(c) || (!g.includes('/') && isMatch(basename(c))));
  });
}
