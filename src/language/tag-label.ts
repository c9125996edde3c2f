/**
 * What a tag's `name` may be (the XSD's `Name` type, a non-blank token), for tools that write
 * names rather than read them: the language server's rename.
 *
 * @module
 */

/**
 * Why `name` cannot be written as a tag's name, or undefined when it can. Beyond the XSD's
 * non-blank token, a new name must not build itself from `${…}` (a goto with such a target
 * is resolved at run time) and must need no XML escaping, so it reads the same in an
 * attribute and in a `<goto>`.
 *
 * @example
 * ```ts
 * tagLabelProblem('main');      // undefined
 * tagLabelProblem(' main');     // 'a name cannot start or end with white space'
 * ```
 */
export function tagLabelProblem(name: string): string | undefined {
  if (name.trim() === '') return 'a name cannot be empty';
  if (name !== name.trim()) return 'a name cannot start or end with white space';
  // xs:token: no line breaks or tabs, no runs of spaces
  if (/[\t\r\n]| {2}/.test(name)) return 'a name cannot hold tabs, line breaks or repeated spaces';
  if (name.includes('${')) return 'a name cannot contain ${…}';
  if (/[<>&"']/.test(name)) return 'a name cannot contain < > & " or \'';
  return undefined;
}
