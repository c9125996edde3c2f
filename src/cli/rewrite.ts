/**
 * Rewriting a dialplan file in place (`lint --fix`, `fmt --write`). `readTextFile` decoded it,
 * dropped a UTF-8 byte-order mark and said how the file was stored; the rewritten file gets
 * the mark back. UTF-16 files are not rewritten: writing them as UTF-8 would change more than
 * the fix or the layout.
 *
 * @module
 */
import { BOM } from '../util/bom.js';
import { IoError } from './io.js';
import { writeText, type TextEncoding } from './load-flow.js';

/**
 * Replaces the file at `abs` (named `file` in messages) with `text`, stored as it was read
 * (`encoding`, from `readTextFile`): with its UTF-8 byte-order mark, if it had one.
 *
 * @throws {@link IoError} for a UTF-16 file or when the file cannot be written.
 */
export async function rewriteText(file: string, abs: string, text: string, encoding: TextEncoding): Promise<void> {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    throw new IoError(`${file} is UTF-16 text; not rewritten (save it as UTF-8 first)`);
  }
  await writeText(abs, (encoding === 'utf-8-bom' ? BOM : '') + text);
}
