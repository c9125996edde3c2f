/**
 * Benchmark: the language server as an editor sees it, beside `dialplan lint` of the same file
 * from the command line.
 *
 * - change → diagnostics: the time from sending an edit (`didChange`) to receiving the
 *   diagnostics of that version, on a 15 KB and a 1 MB generated plan (debounce set to 0, so
 *   this is the check itself plus the protocol round trip);
 * - completion: the round trip of a completion request inside a menu of each plan, idle and
 *   while the check of an edit is running;
 * - inside the server, for the same changes: where the time went (the server's trace of each
 *   check, `$/logTrace`): config lookup, parse, XSD, rules, converting findings to LSP
 *   diagnostics, the worker's messaging and queueing, and sending the publication;
 * - peer: `dialplan lint <file>` run as a process (start-up included, as a user or CI runs it).
 *
 * Plans: 15 KB and 1 MB without findings, and 1 MB where every menu's first goto is misspelt
 * (thousands of findings, each with a range and a fix, so converting and sending are measured).
 *
 * Run: `npx tsx bench/lsp.ts` (or `npm run bench`). Prints medians and the ratios
 * change→diagnostics / CLI lint.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CompletionRequest } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer } from '../test/lsp/client.js';
import { benchRounds, generatePlan, median, ms, ratio } from './measure.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const ROUNDS = benchRounds(7);
/** A 1 MB check on a busy machine can take seconds; wait long, but not for ever. */
const WAIT_MS = 300_000;
const dir = mkdtempSync(join(tmpdir(), 'dialplan-bench-lsp-'));
const built = existsSync(join(root, 'dist', 'cli', 'bin.js'));

/** Median ms of `dialplan lint <file>` as a process (the built CLI, else through tsx). */
function cliLint(file: string, rounds: number): number {
  const [cmd, args] = built ? [process.execPath, [join(root, 'bin', 'dialplan.js')]] : [process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'bin.ts')]];
  const out: number[] = [];
  for (let i = 0; i <= rounds; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, [...args, 'lint', file], { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`dialplan lint failed: ${r.stderr}`);
    if (i > 0) out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(out);
}

const server = await startServer({ initializationOptions: { debounceMs: 0 }, trace: 'verbose' });
console.log(`dialplan lsp benchmark (median of ${ROUNDS} rounds, node ${process.version}; CLI: ${built ? 'dist/' : 'src/ through tsx'})\n`);

/** The phases the server traces, in the order a check runs them. */
const PHASES = ['config', 'parse', 'xsd', 'rules', 'convert', 'worker', 'send'] as const;
const misspelt = (text: string) => text.replace(/<goto>next(\d+)<\/goto>/g, '<goto>nxet$1</goto>');
const big = Math.max(3, Math.ceil(ROUNDS / 2));

for (const [label, bytes, rounds, make] of [
  ['15 KB plan', 15 * 1024, ROUNDS, generatePlan],
  ['1 MB plan', 1024 * 1024, big, generatePlan],
  ['1 MB plan, a misspelt goto in every menu', 1024 * 1024, big, (n: number) => misspelt(generatePlan(n))],
] as const) {
  const text = make(bytes);
  const file = join(dir, `${bytes}.xml`);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const opened = server.diagnostics(uri, undefined, WAIT_MS);
  server.open(uri, text);
  await opened;
  let doc = TextDocument.create(uri, 'callfire-xml', 1, text);
  // each round types one character into the first prompt, then takes it out again
  const at = doc.positionAt(text.indexOf('Menu 0.') + 4);
  /** Round `i`'s edit, sent; resolves with the diagnostics of the version it makes. */
  const toggle = (i: number) => {
    const range = i % 2 === 0 ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
    const newText = i % 2 === 0 ? 'x' : '';
    doc = TextDocument.update(doc, [{ range, text: newText }], doc.version + 1);
    const version = doc.version;
    const got = server.diagnostics(uri, (p) => p.version === version, WAIT_MS);
    server.edit(uri, range, newText);
    return got;
  };
  const changes: number[] = [];
  for (let i = 0; i <= rounds; i++) {
    const t = process.hrtime.bigint();
    await toggle(i);
    if (i > 0) changes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const change = median(changes);
  // the trace of a check follows its publication: wait (bounded) for the last one
  for (let waited = 0; !server.traces.some((t) => t.uri === uri && t.version === doc.version) && waited < 5000; waited += 10) await new Promise((r) => setTimeout(r, 10));
  // the server's traces of the checks just timed (the opening check and the warm-up round left out)
  const traced = server.traces.filter((t) => t.uri === uri).slice(-rounds);
  const phase = (name: string) => median(traced.map((t) => t.timings[name] ?? 0));
  const inside = median(traced.map((t) => t.timings['total'] ?? 0));
  const findings = traced.at(-1)?.findings ?? 0;
  const inMenu = doc.positionAt(doc.getText().indexOf('<keypress', doc.getText().length / 2) + 1);
  const completions: number[] = [];
  for (let i = 0; i <= rounds; i++) {
    const t = process.hrtime.bigint();
    await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: inMenu });
    if (i > 0) completions.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const completion = median(completions);
  // completion while the check of an edit is running (the check runs on a worker thread)
  const busy: number[] = [];
  for (let i = 0; i <= rounds; i++) {
    const got = toggle(i);
    await new Promise((r) => setTimeout(r, 5));
    const t = process.hrtime.bigint();
    await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: inMenu });
    if (i > 0) busy.push(Number(process.hrtime.bigint() - t) / 1e6);
    await got;
  }
  const completionBusy = median(busy);
  const cli = cliLint(file, rounds);
  console.log(`${label} (${(text.length / 1024).toFixed(0)} KB, ${findings} findings)
  change -> diagnostics:      ${ms(change)}
    inside the server:        ${ms(inside)} = ${PHASES.map((p) => `${p} ${phase(p).toFixed(1)}`).join(' + ')} ms
  completion:                 ${ms(completion)}
  completion during a check:  ${ms(completionBusy)}
  dialplan lint (CLI):        ${ms(cli)}
  change -> diagnostics / CLI = ${ratio(change, cli)}; completion / CLI = ${ratio(completion, cli, 3)}
`);
  server.close(uri);
}

await server.stop();
rmSync(dir, { recursive: true, force: true });
