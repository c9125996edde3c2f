/**
 * The command table. Each command is its own module, imported only when it runs, so
 * `dialplan --help` and `dialplan validate` never load the SOAP client or the simulator.
 *
 * @module
 */
import type { Command } from '../io.js';

/** A registered command: a one-line summary for `--help` and its lazy loader. */
export interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<{ command: Command }>;
}

export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  build: { summary: 'Compile flows written with the DSL (.ts/.js) to DialplanXml', load: () => import('./build.js') },
  convert: { summary: 'Turn existing CallFire XML into a TypeScript flow written with the DSL', load: () => import('./convert.js') },
  deploy: { summary: 'Attach a dialplan to an inbound number (inbound IVR), or --show how the deployed one differs', load: () => import('./deploy.js') },
  diff: { summary: 'Compare two dialplans as call flows (text, JSON, Mermaid); a git diff driver', load: () => import('./diff.js') },
  fmt: { summary: 'Format dialplans in the canonical layout; --check for CI, --write to rewrite', load: () => import('./fmt.js') },
  graph: { summary: 'Draw the call flow: Mermaid, Graphviz DOT, or a standalone HTML/SVG page', load: () => import('./graph.js') },
  init: { summary: 'Start a project: a flow, its test scenarios, lint settings, a broadcast and CI', load: () => import('./init.js') },
  lint: { summary: 'Lint dialplans: XML, XSD and semantic rules, for people and CI (sarif, github)', load: () => import('./lint.js') },
  lsp: { summary: 'Run the language server (LSP over stdio) for editors: diagnostics, completion, rename', load: () => import('./lsp.js') },
  sandbox: { summary: 'Run a local CallFire sandbox on 127.0.0.1 (SOAP API 1.1, REST API 2.0 at /v2) to send broadcasts to', load: () => import('./sandbox.js') },
  send: { summary: 'Preview or submit an IVR broadcast (SendCall on API 1.1, a CallBroadcast on API 2.0)', load: () => import('./send.js') },
  simulate: { summary: 'Run one scripted call through a dialplan offline and print the transcript', load: () => import('./simulate.js') },
  status: { summary: 'Show a broadcast, its stats and its calls', load: () => import('./status.js') },
  test: { summary: 'Run IVR scenario files (scripted calls + expectations), coverage, --generate', load: () => import('./test.js') },
  validate: { summary: 'Check dialplans for XML syntax and against the XSD', load: () => import('./validate.js') },
};
