/** Process glue for the `dialplan` binary: real streams in, exit code out. */
import { main } from './main.js';
import { processIo } from './io.js';

// A reader that stops early (`dialplan lint ... | head`) closes the pipe: end quietly, as
// Unix tools do, instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // An unexpected failure is a bug; show it, but never the environment (it may hold credentials).
    process.stderr.write(`dialplan: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
