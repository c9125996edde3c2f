/**
 * `dialplan build`: flows written with the DSL to DialplanXml files.
 *
 * @module
 */
import { basename, extname, join, resolve } from 'node:path';
import { compile } from '../../compile/compile.js';
import { UsageError, type Command } from '../io.js';
import { isFlowModule, loadFlow, writeText } from '../load-flow.js';
import { parseOptions } from '../options.js';

/** The file a flow is written to inside the -o folder. */
function outputName(flow: string): string {
  return `${basename(flow, extname(flow))}.xml`;
}

export const command: Command = {
  name: 'build',
  usage: `Usage: dialplan build <flow.ts|flow.js ...> [-o dir] [--compact]

Loads each flow module (its default export, or its export named "plan") and writes its
DialplanXml. With one flow and no -o, the XML goes to stdout.

Options:
  -o, --out <dir>  Write <dir>/<flow name>.xml for each flow
      --compact    Write everything on one line instead of indenting

Examples:
  dialplan build examples/survey.ts
  dialplan build examples/*.ts -o build/`,
  async run(args, io) {
    const { values, positionals } = parseOptions('build', args, {
      out: { type: 'string', short: 'o' },
      compact: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('dialplan build: name at least one flow file');
    const xml = positionals.find((f) => !isFlowModule(f));
    if (xml !== undefined) throw new UsageError(`dialplan build: build reads flow modules (.ts, .js); ${xml} is not one (validate reads XML: dialplan validate ${xml})`);
    if (positionals.length > 1 && values.out === undefined) {
      throw new UsageError('dialplan build: with several flows, name an output folder with -o <dir>');
    }
    if (values.out !== undefined) {
      // checked before anything is written: the second flow would silently replace the first
      const sources = new Map<string, string>();
      for (const file of positionals) {
        const name = outputName(file);
        const earlier = sources.get(name);
        if (earlier !== undefined) throw new UsageError(`dialplan build: ${earlier} and ${file} would both be written to ${name}; build them into different folders`);
        sources.set(name, file);
      }
    }
    const pretty = !values.compact;
    for (const file of positionals) {
      const xml = compile(await loadFlow(file, io.cwd), { pretty });
      if (values.out === undefined) {
        io.stdout(pretty ? xml : `${xml}\n`);
        continue;
      }
      const dir = resolve(io.cwd, values.out);
      const target = join(dir, outputName(file));
      await writeText(target, pretty ? xml : `${xml}\n`);
      // the target as the user named it (-o out: out/x.xml), as the source is; not resolved
      io.stderr(`${file} -> ${join(values.out, outputName(file))}\n`);
    }
    return 0;
  },
};
