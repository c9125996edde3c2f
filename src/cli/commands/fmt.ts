/**
 * `dialplan fmt`: the canonical layout of CallFire XML files (see `format/format.ts`):
 * printed, checked in CI (`--check`), or written back (`--write`).
 *
 * @module
 */
import { isAbsolute, resolve } from 'node:path';
import { format, isIndent, MAX_INDENT, type FormatOptions } from '../../format/format.js';
import { ConfigCache } from '../config-cache.js';
import { expandFiles, projectFiles } from '../file-args.js';
import { IoError, UsageError, type Command } from '../io.js';
import { isFlowModule, readTextFile, type TextEncoding } from '../load-flow.js';
import { parseOptions } from '../options.js';
import { printReports } from '../report-output.js';
import { rewriteText } from '../rewrite.js';
import { unifiedDiff } from '../text-diff.js';

/** `--indent`: a number of spaces or `tab`. */
function indentOption(value: string | undefined): FormatOptions['indent'] {
  if (value === undefined) return undefined;
  const indent = value === 'tab' ? value : /^\d+$/.test(value) ? Number(value) : undefined;
  if (isIndent(indent)) return indent;
  throw new UsageError(`dialplan fmt: --indent takes a number of spaces from 0 to ${MAX_INDENT} or "tab"; got "${value}"`);
}

export const command: Command = {
  name: 'fmt',
  usage: `Usage: dialplan fmt [files, folders or globs ...] [options]

Writes dialplans in the canonical layout: one tag per line, indented, attributes in the
catalog's order and in double quotes. Text CallFire reads (TTS, numbers, expressions, the
content of every leaf tag, CDATA) is never changed; comments stay where they stand.
Without options the formatted text is printed. With no file named: the XML files among the
"files" globs of the nearest .dialplanrc.json, else every .xml file below the current folder
(flows are not fmt's: dialplan build writes their XML in this layout).

Options:
  --check                 Print the files that are not formatted and exit 1 (for CI)
  --diff                  With --check: print what would change, as a unified diff
  --write                 Rewrite the files that are not formatted and list them
  --indent <n|tab>        Spaces per level (0-8) or tab; default: "fmt.indent" of the
                          nearest .dialplanrc.json, else 2

Exit codes: 0 formatted (or written), 1 --check found files to format,
2 usage, a file that could not be read or is not well-formed XML.`,
  async run(args, io) {
    const { values, positionals } = parseOptions('fmt', args, {
      check: { type: 'boolean' },
      diff: { type: 'boolean' },
      write: { type: 'boolean' },
      indent: { type: 'string' },
    });
    if (values.check && values.write) throw new UsageError('dialplan fmt: --check and --write exclude each other');
    if (values.diff && !values.check) throw new UsageError('dialplan fmt: --diff goes with --check');
    const indent = indentOption(values.indent);

    const named = positionals.length > 0;
    // one cache for the project's config and those of the files: each is read once
    const configs = new ConfigCache(io.cwd);
    const project = named ? undefined : await projectFiles(io.cwd, 'text', configs);
    const { files, empty } = project ?? (await expandFiles(positionals, io.cwd));
    let failed = 0;
    for (const { message } of empty) {
      io.stderr(`dialplan fmt: ${message}\n`);
      failed++;
    }
    // null: the config that applies is broken (reported at the end)
    const settingsOf = async (abs: string): Promise<FormatOptions | null> => {
      if (indent !== undefined) return { indent };
      const found = configs.find(abs);
      if (!found) return {};
      const loaded = await configs.load(found);
      if (loaded === null) return null;
      return loaded.config.fmt?.indent !== undefined ? { indent: loaded.config.fmt.indent } : {};
    };

    const unformatted: string[] = [];
    let underBroken = 0;
    for (const file of files) {
      // the project's flows (init's "flows/*.ts") are not an error: build formats their XML
      if (isFlowModule(file) && !named) continue;
      if (isFlowModule(file)) {
        io.stderr(`dialplan fmt: ${file} is a flow module; fmt formats XML (dialplan build writes a flow's XML in this layout)\n`);
        failed++;
        continue;
      }
      const abs = isAbsolute(file) ? file : resolve(io.cwd, file);
      const options = await settingsOf(abs);
      if (options === null) {
        underBroken++;
        continue;
      }
      let text: string;
      let encoding: TextEncoding;
      try {
        ({ text, encoding } = await readTextFile(file, io.cwd));
      } catch (e) {
        if (!(e instanceof IoError)) throw e;
        io.stderr(`dialplan fmt: ${e.message}\n`);
        failed++;
        continue;
      }
      const out = format(text, options);
      if (out.text === undefined) {
        for (const d of out.diagnostics) io.stderr(`${file}:${d.line ?? 1}:${d.column ?? 1}  cannot format: ${d.message}\n`);
        failed++;
        continue;
      }
      if (values.check || values.write) {
        if (out.text === text) continue;
        unformatted.push(file);
        if (values.write) {
          try {
            await rewriteText(file, abs, out.text, encoding);
          } catch (e) {
            if (!(e instanceof IoError)) throw e;
            io.stderr(`dialplan fmt: ${e.message}\n`);
            failed++;
            continue;
          }
        }
        io.stdout(`${file}\n`);
        if (values.diff) io.stdout(unifiedDiff(file, text, out.text));
      } else {
        io.stdout(out.text);
      }
    }
    if (project?.config !== undefined && files.every(isFlowModule)) {
      io.stderr(`dialplan fmt: the "files" of ${project.config} are all flows, none XML; nothing to format (dialplan build writes a flow's XML in this layout)\n`);
    }
    if (underBroken > 0) {
      printReports(io, configs.reports(), 'text');
      io.stderr(`dialplan fmt: ${underBroken} file${underBroken === 1 ? '' : 's'} not formatted: the configuration that applies is invalid\n`);
      failed++;
    }
    if (values.check && unformatted.length > 0) {
      io.stderr(`dialplan fmt: ${unformatted.length} file${unformatted.length === 1 ? ' is' : 's are'} not formatted; run dialplan fmt --write\n`);
    }
    if (failed > 0) return 2;
    return values.check && unformatted.length > 0 ? 1 : 0;
  },
};
