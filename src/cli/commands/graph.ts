/**
 * `dialplan graph`: a diagram of a dialplan's call flow.
 *
 * @module
 */
import { resolve } from 'node:path';
import type { DocumentNode } from '../../ast/nodes.js';
import { diffOverlay, diffPlans } from '../../diff/index.js';
import { callFlow, coverageOverlay, LayoutLimitError, lintOverlay, toDot, toHtml, toMermaid, toSvg } from '../../graph/index.js';
import { parseScenarioFile, runScenario, ScenarioError, type Scenario } from '../../simulate/scenario.js';
import type { SimulationResult } from '../../simulate/types.js';
import { lint } from '../../validate/lint/lint.js';
import { parse } from '../../parse/parse.js';
import { formatStylish } from '../../validate/report/stylish.js';
import { IoError, UsageError, type Command, type Io } from '../io.js';
import { loadDialplan, readText, writeText } from '../load-flow.js';
import { choice, parseOptions } from '../options.js';
import { lintConfigFor } from '../plan-lint-config.js';
import { syntaxProblems } from '../unreadable-xml.js';

const FORMAT_OF_EXTENSION: Readonly<Record<string, string>> = { html: 'html', htm: 'html', svg: 'svg', dot: 'dot', gv: 'dot', json: 'json', mmd: 'mermaid', md: 'mermaid' };

function formatOfFile(out: string | undefined): string | undefined {
  const ext = out && /\.([A-Za-z]+)$/.exec(out)?.[1]?.toLowerCase();
  return ext ? FORMAT_OF_EXTENSION[ext] : undefined;
}

export const command: Command = {
  name: 'graph',
  usage: `Usage: dialplan graph <file.xml|flow.ts> [--format mermaid|dot|html|svg|json] [-o file]
                      [--lint] [--coverage <scenarios.yaml…>] [--diff <old.xml|old.ts>]

Draws the call flow: every step, the keypress, amd and if branches, and goto jumps (dashed).

Options:
  --format <name>   mermaid (default): renders in GitHub Markdown inside a \`\`\`mermaid block
                    dot: for Graphviz (dot -Tsvg plan.dot > plan.svg)
                    html: a standalone page: fits the window, pans and zooms, a click
                    shows the step's line and tag and the path to it (no network)
                    svg: the diagram alone; json: the graph itself
  -o, --out <file>  Write to a file instead of stdout; without --format, its extension
                    (.html .svg .dot .gv .json .mmd .md) chooses the format
  --lint            Mark the steps lint finds something on (severity colour, messages on click),
                    with the rule settings of the nearest .dialplanrc.json
  --coverage <f…>   Run the scenario files against this plan: shade what the calls reached,
                    mark the steps and branches they missed
  --diff <old>      Draw the changes since an older version (added green, changed amber,
                    removed struck through in red, retargeted edges highlighted)

Examples:
  dialplan graph plan.xml > plan.mmd
  dialplan graph examples/survey.ts --format html -o survey.html
  dialplan graph plan.xml --format dot | dot -Tpng > plan.png`,
  async run(args, io) {
    const { values, positionals } = parseOptions('graph', args, {
      format: { type: 'string' },
      out: { type: 'string', short: 'o' },
      lint: { type: 'boolean' },
      coverage: { type: 'string', multiple: true },
      diff: { type: 'string' },
    });
    // without --format, the output file's extension says what to write (-o plan.html is a page)
    const format = choice('graph', 'format', values.format ?? formatOfFile(values.out), ['mermaid', 'dot', 'html', 'svg', 'json'], 'mermaid');
    // with --coverage, the names after the plan are more scenario files
    const scenarioFiles = [...(values.coverage ?? []), ...(values.coverage ? positionals.slice(1) : [])];
    if (positionals.length === 0 || (positionals.length > 1 && !values.coverage)) throw new UsageError('dialplan graph: name exactly one dialplan file');
    const file = positionals[0]!;
    const input = await loadDialplan(file, io.cwd);
    const parsed = typeof input === 'string' ? parse(input) : { document: input, diagnostics: [] };
    if (!parsed.document) {
      io.stderr(formatStylish([{ file, diagnostics: typeof input === 'string' ? syntaxProblems(input, parsed.diagnostics) : parsed.diagnostics }]));
      return 1;
    }
    const doc = parsed.document;
    let flow = callFlow(doc);
    // the tree parsed above is the one linted: the text is not parsed a second time
    // with the settings `dialplan lint` would use for this file (a broken config stops the command)
    if (values.lint) flow = lintOverlay(flow, lint(input, await lintConfigFor(file, io.cwd, 'text'), { parsed, configChecked: true }).diagnostics);
    if (scenarioFiles.length > 0) flow = coverageOverlay(flow, await simulateScenarios(doc, scenarioFiles, io), doc);
    if (values.diff !== undefined) {
      const old = await loadDialplan(values.diff, io.cwd);
      const oldParsed = typeof old === 'string' ? parse(old) : { document: old, diagnostics: [] };
      if (!oldParsed.document) {
        io.stderr(formatStylish([{ file: values.diff, diagnostics: oldParsed.diagnostics }]));
        return 1;
      }
      flow = diffOverlay(doc, diffPlans(oldParsed.document, doc), flow);
    }
    const render = {
      mermaid: () => toMermaid(doc, flow),
      dot: () => toDot(doc, undefined, flow),
      html: () => toHtml(doc, { flow }),
      svg: () => toSvg(doc, { flow }),
      json: () => `${JSON.stringify(flow, null, 2)}\n`,
    };
    let text: string;
    try {
      text = render[format]();
    } catch (e) {
      if (!(e instanceof LayoutLimitError)) throw e;
      io.stderr(`${file}${e.line === undefined ? '' : `:${e.line}`}: dialplan graph: ${e.message}\n`);
      return 2;
    }
    if (values.out === undefined) io.stdout(text);
    else await writeText(resolve(io.cwd, values.out), text);
    return 0;
  },
};

/** Runs every scenario of the files against the plan being drawn (whatever plan the files name). */
async function simulateScenarios(doc: DocumentNode, files: readonly string[], io: Io): Promise<SimulationResult[]> {
  const results: SimulationResult[] = [];
  for (const f of files) {
    let scenarios: readonly Scenario[];
    try {
      scenarios = parseScenarioFile(await readText(f, io.cwd), f).scenarios;
    } catch (e) {
      // a file that cannot be read as scenarios, not a wrong command line (as in dialplan test): no --help hint
      if (e instanceof ScenarioError) throw new IoError(e.message);
      throw e;
    }
    for (const s of scenarios) results.push((await runScenario(doc, s)).result);
  }
  return results;
}
