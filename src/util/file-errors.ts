/**
 * A file-system error in plain words, for messages that already name the file and the act
 * ("cannot read x.json: …"). Node's own text repeats the call and the path
 * ("EISDIR: illegal operation on a directory, read").
 *
 * @module
 */

/**
 * Why reading or writing a file failed. A missing path means a missing file to a reader and
 * a missing folder to a writer; codes without plain words keep Node's message.
 */
export function fileErrorReason(e: unknown, act: 'read' | 'write' = 'read'): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return act === 'read' ? 'no such file' : 'its folder does not exist';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of its path is not a folder';
    default:
      return err.message;
  }
}
