/**
 * The file arguments of the commands that take many dialplans (`lint`, `fmt`).
 *
 * @module
 */
import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../validate/lint/config.js';
import type { ConfigCache } from './config-cache.js';
import type { ReportFormat } from './io.js';

// tinyglobby (with picomatch and fdir) is loaded only for an argument that can be a glob or
// is a folder: `dialplan lint one.xml` starts without it
const globber = (): Promise<typeof import('tinyglobby')> => import('tinyglobby');

/** Characters without which no argument is a glob pattern (a quick test before loading the globber). */
const GLOB_CHARS = /[*?[\]{}()!+@]/;

/**
 * Expands the command's file arguments: globs, folders (every .xml below) and plain paths.
 * A glob or folder that yields nothing is returned in `empty` rather than thrown, so that,
 * like a missing file, it is reported with the other arguments still handled (`lint`, `fmt`).
 */
export async function expandFiles(args: readonly string[], cwd: string): Promise<{ files: string[]; empty: { arg: string; message: string }[] }> {
  const out: string[] = [];
  const empty: { arg: string; message: string }[] = [];
  // Each real file once, under the first name it is given: a walk follows symbolic links, so a
  // link back up (`sub/back -> ..`) would yield every plan again under a longer name, and a
  // file named beside a folder that holds it (`p/a.xml p`) would come twice, its findings
  // counted twice and fmt --write rewriting it twice.
  const walked = new Set<string>();
  const once = (names: readonly string[], base: string) =>
    names.filter((f) => {
      let real: string;
      try {
        real = realpathSync(resolve(base, f));
      } catch {
        return true;
      }
      if (walked.has(real)) return false;
      walked.add(real);
      return true;
    });
  for (const arg of args) {
    if (GLOB_CHARS.test(arg) && (await globber()).isDynamicPattern(arg)) {
      const found = await (await globber()).glob([arg], { cwd, onlyFiles: true, expandDirectories: false, absolute: isAbsolute(arg) });
      if (found.length === 0) empty.push({ arg, message: `no files match "${arg}"` });
      out.push(...once(found.sort(), cwd));
      continue;
    }
    let dir = false;
    try {
      dir = statSync(resolve(cwd, arg)).isDirectory();
    } catch {
      // a missing file is reported when it is read, with the others still linted
    }
    if (dir) {
      const found = await (await globber()).glob(['**/*.xml'], { cwd: resolve(cwd, arg), onlyFiles: true, ignore: ['**/node_modules/**'] });
      if (found.length === 0) empty.push({ arg, message: `no .xml files in the folder "${arg}"` });
      out.push(...once(found.sort(), resolve(cwd, arg)).map((f) => `${arg.replace(/[\\/]+$/, '')}/${f}`));
    } else {
      out.push(...once([arg], cwd));
    }
  }
  return { files: out, empty };
}

/** What {@link expandFiles} gives, plus where the list came from when no file was named. */
export interface ProjectFiles {
  readonly files: string[];
  readonly empty: { arg: string; message: string }[];
  /** The config file whose `files` were used; undefined when it was the current folder. */
  readonly config?: string;
}

/**
 * The plans `lint` and `fmt` check when no file is named: the `files` globs of the nearest
 * `.dialplanrc.json` (from `cwd` upwards; `dialplan init` writes `flows/*.ts`), relative to
 * its folder, else every .xml file below `cwd`. Paths come back relative to `cwd`. The config
 * comes from `configs`, the run's cache, so the plans under it do not read it a second time.
 *
 * @throws ConfigFileError (io.ts) when that config file cannot be read or is invalid, its
 *   report to be printed in `format`.
 */
export async function projectFiles(cwd: string, format: ReportFormat, configs: ConfigCache): Promise<ProjectFiles> {
  const found = configs.find(join(cwd, CONFIG_FILE_NAME));
  let globs: readonly string[] | undefined;
  if (found !== undefined) {
    globs = (await configs.loadOrStop(found, format)).config.files;
  }
  if (found === undefined || globs === undefined) {
    const { files, empty } = await expandFiles(['.'], cwd);
    const none = `no file named, ${found ? `no "files" in ${found}` : 'no .dialplanrc.json with "files"'}, and no .xml files below this folder`;
    return { files: files.map((f) => f.replace(/^\.\//, '')), empty: empty.map(({ arg }) => ({ arg, message: none })) };
  }
  const dir = dirname(found);
  const { files, empty } = await expandFiles(globs, dir);
  const fromCwd = (f: string) => relative(cwd, resolve(dir, f)) || f;
  return { files: files.map(fromCwd), empty: empty.map(({ arg, message }) => ({ arg, message: `${message} (the "files" of ${found})` })), config: found };
}
