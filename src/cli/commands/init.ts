/**
 * `dialplan init`: a starter project, so a first run has a flow, its test scenarios, lint
 * settings, a broadcast request and a CI workflow that already pass.
 *
 * @module
 */
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { IoError, UsageError, type Command } from '../io.js';
import { writeText } from '../load-flow.js';
import { parseOptions } from '../options.js';
import { starterFlow } from '../starter/flow.js';
import { STARTER_BROADCAST, STARTER_LINT_CONFIG, STARTER_WORKFLOW } from '../starter/project.js';
import { STARTER_SCENARIOS } from '../starter/scenarios.js';

export const command: Command = {
  name: 'init',
  usage: `Usage: dialplan init [dir] [--force] [--import-from module]

Writes a starter project into dir (default: the current folder):
  flows/delivery.ts                 an outbound IVR written with the DSL (amd, menu, retry, transfer)
  flows/delivery.scenarios.yaml     test scenarios reaching every branch
  .dialplanrc.json                  lint settings
  broadcast.json                    a SendCall request for the flow
  .github/workflows/dialplans.yml   lint and test in CI

Options:
  --force               Overwrite files that exist
  --import-from <name>  Where flows import the DSL from (default: callfire-dialplan)`,
  async run(args, io) {
    const { values, positionals } = parseOptions('init', args, {
      force: { type: 'boolean' },
      'import-from': { type: 'string' },
    });
    if (positionals.length > 1) throw new UsageError('dialplan init: name at most one folder');
    const root = resolve(io.cwd, positionals[0] ?? '.');
    const files: Record<string, string> = {
      'flows/delivery.ts': starterFlow(values['import-from'] ?? 'callfire-dialplan'),
      'flows/delivery.scenarios.yaml': STARTER_SCENARIOS,
      '.dialplanrc.json': STARTER_LINT_CONFIG,
      'broadcast.json': STARTER_BROADCAST,
      '.github/workflows/dialplans.yml': STARTER_WORKFLOW,
    };
    if (!values.force) {
      const existing: string[] = [];
      for (const name of Object.keys(files)) {
        if (await access(join(root, name)).then(() => true, () => false)) existing.push(name);
      }
      if (existing.length > 0) {
        throw new IoError(`these files exist already, and --force would overwrite them: ${existing.join(', ')}`);
      }
    }
    const shown = positionals[0];
    io.stdout(`Starter project in ${shown ?? 'this folder'}:\n`);
    for (const [name, text] of Object.entries(files)) {
      await writeText(join(root, name), text);
      io.stdout(`  ${name}\n`);
    }
    io.stdout(`
Next:${shown ? `\n  cd ${shown}` : ''}
  npm install --save-dev callfire-dialplan
  npx dialplan simulate flows/delivery.ts --keys 1           # one call, as a transcript
  npx dialplan test flows/delivery.scenarios.yaml --coverage
  npx dialplan lint flows/*.ts
  npx dialplan send broadcast.json --dialplan flows/delivery.ts --preview
`);
    return 0;
  },
};
