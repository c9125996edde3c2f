/**
 * The file arguments of the commands that take many dialplans (`lint`, `fmt`).
 *
 * @module
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

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
  for (const arg of args) {
    if (GLOB_CHARS.test(arg) && (await globber()).isDynamicPattern(arg)) {
      const found = await (await globber()).glob([arg], { cwd, onlyFiles: true, expandDirectories: false, absolute: isAbsolute(arg) });
      if (found.length === 0) empty.push({ arg, message: `no files match "${arg}"` });
      out.push(...found.sort());
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
      out.push(...found.sort().map((f) => `${arg.replace(/[\\/]+$/, '')}/${f}`));
    } else {
      out.push(arg);
    }
  }
  return { files: [...new Set(out)], empty };
}
