/**
 * Rewriting a dialplan file in place (`lint --fix`, `fmt --write`). `readText` decoded it and
 * dropped a UTF-8 byte-order mark; the rewritten file gets it back. UTF-16 files are not
 * rewritten: writing them as UTF-8 would change more than the fix or the layout.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { IoError } from './io.js';
import { writeText } from './load-flow.js';

/**
 * Replaces the file at `abs` (named `file` in messages) with `text`, keeping its UTF-8
 * byte-order mark.
 *
 * @throws {@link IoError} for a UTF-16 file or when the file cannot be written.
 */
export async function rewriteText(file: string, abs: string, text: string): Promise<void> {
  let head: Uint8Array;
  try {
    head = (await readFile(abs)).subarray(0, 3);
  } catch (e) {
    throw new IoError(`cannot read ${file}: ${(e as Error).message}`);
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new IoError(`${file} is UTF-16 text; not rewritten (save it as UTF-8 first)`);
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? '\ufeff' : '';
  await writeText(abs, bom + text);
}
