/**
 * `dialplan graph`: a diagram of a dialplan's call flow.
 *
 * @module
 */
import { resolve } from 'node:path';
import { callFlow, toDot, toHtml, toMermaid, toSvg } from '../../graph/index.js';
import { parse } from '../../parse/parse.js';
import { formatStylish } from '../../validate/report/stylish.js';
import { UsageError, type Command } from '../io.js';
import { loadDialplan, writeText } from '../load-flow.js';
import { choice, parseOptions } from '../options.js';

export const command: Command = {
  name: 'graph',
  usage: `Usage: dialplan graph <file.xml|flow.ts> [--format mermaid|dot|html|svg|json] [-o file]

Draws the call flow: every step, the keypress, amd and if branches, and goto jumps (dashed).

Options:
  --format <name>   mermaid (default): renders in GitHub Markdown inside a \`\`\`mermaid block
                    dot: for Graphviz (dot -Tsvg plan.dot > plan.svg)
                    html: a standalone page (inline SVG, no scripts, no network)
                    svg: the diagram alone; json: the graph itself
  -o, --out <file>  Write to a file instead of stdout

Examples:
  dialplan graph plan.xml > plan.mmd
  dialplan graph examples/survey.ts --format html -o survey.html
  dialplan graph plan.xml --format dot | dot -Tpng > plan.png`,
  async run(args, io) {
    const { values, positionals } = parseOptions('graph', args, {
      format: { type: 'string' },
      out: { type: 'string', short: 'o' },
    });
    const format = choice('graph', 'format', values.format, ['mermaid', 'dot', 'html', 'svg', 'json'], 'mermaid');
    if (positionals.length !== 1) throw new UsageError('dialplan graph: name exactly one dialplan file');
    const file = positionals[0]!;
    const input = await loadDialplan(file, io.cwd);
    const parsed = typeof input === 'string' ? parse(input) : { document: input, diagnostics: [] };
    if (!parsed.document) {
      io.stderr(formatStylish([{ file, diagnostics: parsed.diagnostics }]));
      return 1;
    }
    const doc = parsed.document;
    const render = {
      mermaid: () => toMermaid(doc),
      dot: () => toDot(doc),
      html: () => toHtml(doc),
      svg: () => toSvg(doc),
      json: () => `${JSON.stringify(callFlow(doc), null, 2)}\n`,
    };
    const text = render[format]();
    if (values.out === undefined) io.stdout(text);
    else await writeText(resolve(io.cwd, values.out), text);
    return 0;
  },
};
