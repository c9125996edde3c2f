/**
 * The `dialplan` command line: a thin shell over the library. `main` takes the arguments and
 * an {@link Io} and resolves to the exit code; nothing else in the project imports the CLI.
 *
 * @module
 */
import { nearest } from '../util/nearest.js';
import { LibxmlUnavailableError } from '../validate/xsd/libxml.js';
import { COMMANDS } from './commands/index.js';
import { ConfigFileError, IoError, UsageError, type Io } from './io.js';
import { packageVersion } from './package-info.js';

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `dialplan: write, check, test and send CallFire IVR dialplans

Usage: dialplan <command> [options]

Commands:
${lines.join('\n')}

Options:
  -h, --help     Show help (also: dialplan <command> --help)
  -v, --version  Show the version

Examples:
  dialplan build examples/survey.ts -o out/
  dialplan validate plans/*.xml --format json
  dialplan lint plans/ --format sarif > lint.sarif
  dialplan simulate plan.xml --answer live --keys 1,timeout
  dialplan send broadcast.json --dialplan plan.xml --preview

Exit codes: 0 clean, 1 problems found (or an invalid request), 2 usage, I/O or remote failure.
`;
}

/**
 * Runs the CLI.
 *
 * @example
 * ```ts
 * const code = await main(['validate', 'plan.xml'], processIo());
 * ```
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    if (topic === undefined) {
      io.stdout(help());
      return first === undefined ? 2 : 0;
    }
    return main([topic, '--help'], io);
  }
  if (first === '-v' || first === '--version') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (entry === undefined) {
    const guess = first.startsWith('-') ? undefined : nearest(first, Object.keys(COMMANDS));
    io.stderr(
      `dialplan: ${first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"`}` +
        `${guess ? ` (did you mean "${guess}"?)` : ''}. Run "dialplan --help" for the list of commands.\n`,
    );
    return 2;
  }
  const { command } = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\nRun "dialplan ${command.name} --help" for usage.\n`);
      return 2;
    }
    if (e instanceof ConfigFileError) {
      // loaded only then: the formatters (sarif with the rule registry) are not on every command's path
      (await import('./report-output.js')).printConfigFailure(io, command.name, e);
      return 2;
    }
    if (e instanceof IoError || e instanceof LibxmlUnavailableError) {
      io.stderr(`dialplan ${command.name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
