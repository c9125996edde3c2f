/**
 * `dialplan lsp`: the language server over stdio, for editors (VS Code, Neovim, any LSP client).
 *
 * @module
 */
import { UsageError, type Command } from '../io.js';
import { parseOptions } from '../options.js';

export const command: Command = {
  name: 'lsp',
  usage: `Usage: dialplan lsp [--stdio]

Runs the CallFire XML language server on stdin/stdout (the Language Server Protocol), for
editors: diagnostics as you type (XML syntax, the XSD and every lint rule, with the
.dialplanrc.json that applies), completion, hover, go to definition, references, rename,
outline, folding and quick fixes. Editors start it themselves; see docs/editors.md.

Options:
  --stdio   Talk over stdin/stdout (the default and only transport)

Exit codes: 0 after the client's shutdown and exit, 1 when the client exits without
shutdown or the connection drops, 2 usage.`,
  async run(args, io) {
    const { positionals } = parseOptions('lsp', args, { stdio: { type: 'boolean' } });
    if (positionals.length > 0) throw new UsageError(`dialplan lsp: unexpected argument "${positionals[0]}"`);
    // stdout is the protocol channel now: anything else printed there would corrupt it
    console.log = console.info = (...parts: unknown[]) => io.stderr(`${parts.map(String).join(' ')}\n`);
    const [{ createConnection }, { startServer }] = await Promise.all([
      import('vscode-languageserver/node'),
      import('../../lsp/server.js'),
    ]);
    // given the streams themselves (not message readers over them), the connection also ends the
    // process when stdin ends or closes, with the LSP's code (0 after shutdown, else 1)
    const connection = createConnection(process.stdin, process.stdout);
    startServer(connection);
    // the connection ends the process on the client's exit notification or when stdin closes
    return new Promise<number>(() => {});
  },
};
