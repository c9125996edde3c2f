/**
 * `dialplan convert`: existing CallFire XML to a TypeScript flow written with the DSL.
 *
 * @module
 */
import { resolve } from 'node:path';
import { ConversionError, toTypeScript, type TypeScriptResult } from '../../codegen/typescript.js';
import { parse } from '../../parse/parse.js';
import { formatStylish } from '../../validate/report/stylish.js';
import { UsageError, type Command } from '../io.js';
import { isFlowModule, readText, writeText } from '../load-flow.js';
import { parseOptions } from '../options.js';
import { syntaxProblems } from '../unreadable-xml.js';

export const command: Command = {
  name: 'convert',
  usage: `Usage: dialplan convert <file.xml> [-o flow.ts] [--import-from module]

Writes a TypeScript flow that rebuilds the dialplan with the DSL, one builder call per tag,
so a plan written by hand can be kept, typed and tested as code from now on.

Options:
  -o, --out <file>          Write the flow to a file instead of stdout
      --import-from <name>  Where the flow imports dialplan from (default: callfire-dialplan)

Examples:
  dialplan convert plans/reminder.xml -o flows/reminder.ts
  dialplan build flows/reminder.ts     # the same plan again, as XML`,
  async run(args, io) {
    const { values, positionals } = parseOptions('convert', args, {
      out: { type: 'string', short: 'o' },
      'import-from': { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('dialplan convert: name exactly one XML file');
    const file = positionals[0]!;
    if (isFlowModule(file)) throw new UsageError(`dialplan convert: convert reads CallFire XML; ${file} is a flow already (dialplan build ${file} writes its XML)`);
    const text = await readText(file, io.cwd);
    const parsed = parse(text);
    if (!parsed.document) {
      io.stderr(formatStylish([{ file, diagnostics: syntaxProblems(text, parsed.diagnostics) }]));
      return 1;
    }
    let result: TypeScriptResult;
    try {
      result = toTypeScript(parsed.document, values['import-from'] === undefined ? {} : { importFrom: values['import-from'] });
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      io.stderr(`${file}: cannot convert ${e.message}\n`);
      return 1;
    }
    for (const note of result.notes) io.stderr(`${file}: note: ${note}\n`);
    if (values.out === undefined) {
      io.stdout(result.code);
      return 0;
    }
    const target = resolve(io.cwd, values.out);
    await writeText(target, result.code);
    io.stderr(`${file} -> ${target}\n`);
    return 0;
  },
};
