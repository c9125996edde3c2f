/**
 * `dialplan graph`: a diagram of a dialplan's call flow.
 *
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { flowGraph, graphToDot, graphToMermaid } from '../../graph/index.js';
import { parse } from '../../parse/parse.js';
import { formatStylish } from '../../validate/report/stylish.js';
import { IoError, UsageError, type Command } from '../io.js';
import { loadDialplan } from '../load-flow.js';
import { choice, parseOptions } from '../options.js';

export const command: Command = {
  name: 'graph',
  usage: `Usage: dialplan graph <file.xml|flow.ts> [--format mermaid|dot|json] [-o file]

Draws the call flow: every step, the keypress, amd and if branches, and goto jumps (dashed).

Options:
  --format <mermaid|dot|json>  mermaid (default) renders in GitHub Markdown inside a \`\`\`mermaid block;
                               dot is for Graphviz (dot -Tsvg plan.dot > plan.svg); json is the graph itself
  -o, --out <file>             Write to a file instead of stdout

Examples:
  dialplan graph plan.xml > plan.mmd
  dialplan graph examples/survey.ts --format dot | dot -Tsvg > survey.svg`,
  async run(args, io) {
    const { values, positionals } = parseOptions('graph', args, {
      format: { type: 'string' },
      out: { type: 'string', short: 'o' },
    });
    const format = choice('graph', 'format', values.format, ['mermaid', 'dot', 'json'], 'mermaid');
    if (positionals.length !== 1) throw new UsageError('dialplan graph: name exactly one dialplan file');
    const file = positionals[0]!;
    const input = await loadDialplan(file, io.cwd);
    const parsed = typeof input === 'string' ? parse(input) : { document: input, diagnostics: [] };
    if (!parsed.document) {
      io.stderr(formatStylish([{ file, diagnostics: parsed.diagnostics }]));
      return 1;
    }
    const graph = flowGraph(parsed.document);
    const title = parsed.document.root.attributes['name'] ?? 'dialplan';
    const text = format === 'json' ? `${JSON.stringify(graph, null, 2)}\n` : format === 'dot' ? graphToDot(graph, title) : graphToMermaid(graph);
    if (values.out === undefined) io.stdout(text);
    else {
      const target = resolve(io.cwd, values.out);
      await writeFile(target, text).catch((e: Error) => {
        throw new IoError(`cannot write ${target}: ${e.message}`);
      });
    }
    return 0;
  },
};
