/**
 * `dialplan diff`: two dialplans compared as call flows, and git's external diff driver.
 *
 * @module
 */
import type { DocumentNode } from '../../ast/nodes.js';
import { diffOverlay, diffPlans, diffToJson, formatDiff, type PlanDiff } from '../../diff/index.js';
import { toMermaid } from '../../graph/mermaid.js';
import { parse } from '../../parse/parse.js';
import { formatStylish } from '../../validate/report/stylish.js';
import { IoError, UsageError, type Command, type Io } from '../io.js';
import { isFlowModule, loadDialplan } from '../load-flow.js';
import { choice, parseOptions } from '../options.js';

/** What `dialplan diff --git` takes: the arguments git passes an external diff command. */
const GIT_ARGS = 7;

/** An empty plan, for the side of a git diff where the file does not exist. */
const EMPTY: DocumentNode = { kind: '#document', root: { kind: 'dialplan', attributes: {}, children: [] }, prolog: [], epilog: [] };

export const command: Command = {
  name: 'diff',
  usage: `Usage: dialplan diff <old> <new> [--format text|json|mermaid]
       dialplan diff --git <path> <old-file> <old-hex> <old-mode> <new-file> <new-hex> <new-mode>

Compares two dialplans (CallFire XML or flow modules; "-" reads one from stdin, e.g.
"git show HEAD~1:plan.xml | dialplan diff - plan.xml") as call flows, not as text: steps
added, removed and changed (with the attribute or text that changed), branches retargeted,
tags renamed (a rename and its gotos are one change), steps that became (un)reachable.
Formatting and comments never count.

Options:
  --format <name>   text (default): one line per change with its line numbers
                    json: { same, changes: [{ kind, tag, step, old: {path, line}, new: {path, line}, ... }] }
                    mermaid: the new flow, added steps green, changed amber, removed struck
                    through in red, retargeted edges highlighted (for a pull request comment)
  --git             Run as git's external diff driver (the 7 arguments git passes). Set it up with
                      git config diff.dialplan.command "npx dialplan diff --git"
                      echo '*.xml diff=dialplan' >> .gitattributes
                    ("dialplan init" does both); then "git diff" shows semantic diffs.

Exit codes: 0 the same call flow, 1 they differ, 2 usage or a plan that cannot be read.
With --git: 0 whenever both plans were read (git stops at a diff driver's non-zero exit).`,
  async run(args, io) {
    const { values, positionals } = parseOptions('diff', args, { format: { type: 'string' }, git: { type: 'boolean' } });
    const format = choice('diff', 'format', values.format, ['text', 'json', 'mermaid'], 'text');
    if (values.git) return gitDriver(positionals, format, io);
    if (positionals.length !== 2) throw new UsageError('dialplan diff: name the old and the new plan (one of them may be "-" for stdin)');
    const [oldFile, newFile] = positionals as [string, string];
    if (oldFile === '-' && newFile === '-') throw new UsageError('dialplan diff: only one of the plans can come from stdin');
    const before = await load(oldFile, io);
    const after = await load(newFile, io);
    if (!before.doc || !after.doc) return 2;
    const diff = diffPlans(before.doc, after.doc);
    io.stdout(render(diff, format, after.doc, label(oldFile), label(newFile)));
    return diff.same ? 0 : 1;
  },
};

const label = (file: string) => (file === '-' ? '(stdin)' : file);

function render(diff: PlanDiff, format: 'text' | 'json' | 'mermaid', newDoc: DocumentNode, oldName: string, newName: string): string {
  if (format === 'json') return diffToJson(diff, oldName, newName);
  if (format === 'mermaid') return toMermaid(newDoc, diffOverlay(newDoc, diff));
  return formatDiff(diff, oldName, newName);
}

/** Reads one side: a file, a flow module, or stdin; XML errors are printed and leave `doc` unset. */
async function load(file: string, io: Io): Promise<{ doc?: DocumentNode }> {
  let input: string | DocumentNode;
  if (file === '-') input = await (io.stdin ?? readProcessStdin)();
  else input = await loadDialplan(file, io.cwd);
  if (typeof input !== 'string') return { doc: input };
  const parsed = parse(input);
  if (parsed.document && !parsed.diagnostics.some((d) => d.severity === 'error')) return { doc: parsed.document };
  io.stderr(formatStylish([{ file: label(file), diagnostics: parsed.diagnostics }]));
  return {};
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * git's external diff protocol: `path old-file old-hex old-mode new-file new-hex new-mode`,
 * with `/dev/null` for the side that does not exist. git stops the whole diff when the driver
 * exits non-zero, so differences exit 0 here; a plan that cannot be read is said in the output.
 */
async function gitDriver(positionals: string[], format: 'text' | 'json' | 'mermaid', io: Io): Promise<number> {
  if (positionals.length !== GIT_ARGS) {
    throw new UsageError(`dialplan diff --git: git passes ${GIT_ARGS} arguments (path, old file, hex, mode, new file, hex, mode); got ${positionals.length}`);
  }
  const [path, oldFile, , , newFile] = positionals as [string, string, string, string, string];
  const side = async (file: string) => {
    if (file === '/dev/null') return { doc: EMPTY };
    // git's temporary copies keep the file's extension, so a flow module still loads as one
    try {
      return await load(file, io);
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
      io.stdout(`dialplan diff: ${path}: ${e.message}\n`);
      return {};
    }
  };
  const before = await side(oldFile);
  const after = await side(newFile);
  io.stdout(`diff --dialplan a/${path} b/${path}${isFlowModule(path) ? ' (flow module)' : ''}\n`);
  if (!before.doc || !after.doc) {
    io.stdout(`dialplan diff: ${path} could not be read as a dialplan on both sides; see the messages above\n`);
    return 0;
  }
  const diff = diffPlans(before.doc, after.doc);
  io.stdout(render(diff, format, after.doc, oldFile === '/dev/null' ? '/dev/null' : `a/${path}`, newFile === '/dev/null' ? '/dev/null' : `b/${path}`));
  return 0;
}
