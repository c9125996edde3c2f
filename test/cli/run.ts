import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

/** Runs the CLI in-process and captures what it prints. */
export async function run(args: string[], cwd = process.cwd(), env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
