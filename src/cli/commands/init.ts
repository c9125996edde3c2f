/**
 * `dialplan init`: a starter project, so a first run has a flow, its test scenarios, lint
 * settings, a broadcast request and a CI workflow that already pass.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { splitBom } from '../../util/bom.js';
import { jsonSyntaxError } from '../../util/json-positions.js';
import { IoError, UsageError, type Command } from '../io.js';
import { writeText } from '../load-flow.js';
import { configureGitDiff, GIT_DIFF_COMMAND, writeGitAttributes } from '../starter/git-diff.js';
import { parseOptions } from '../options.js';
import { packageVersion } from '../package-info.js';
import { starterFlow, starterScenarios } from '../starter/flow.js';
import {
  NPM_PLACEHOLDER_TEST,
  STARTER_SCRIPTS,
  STARTER_TSCONFIG,
  STARTER_WORKFLOW,
  starterBroadcast,
  starterLintConfig,
  starterPackageJson,
} from '../starter/project.js';

const PACKAGE = 'callfire-dialplan';

/** The folder callfire-dialplan is installed in, as Node would find it from `root`, if it is. */
function installedFrom(root: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', PACKAGE);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The `$schema` folder as seen from `root`: where the package is installed, or will be by `npm install` there. */
function schemasFolder(root: string, installed: string | undefined): string {
  if (installed === undefined) return `./node_modules/${PACKAGE}/schemas`;
  const rel = relative(root, join(installed, 'schemas')).split('\\').join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/**
 * The project's package.json: written when there is none; otherwise the starter's scripts are
 * added where the names are free (npm's placeholder test script counts as free), nothing else
 * is touched. Returns the new text (undefined: nothing to change) and what was done.
 */
async function packageJson(file: string): Promise<{ text?: string; note: string; declared: boolean; scripts: Readonly<Record<string, string>> }> {
  let current: string;
  try {
    // a byte-order mark is not JSON; npm skips it too (and drops it when it rewrites the file)
    current = splitBom(await readFile(file, 'utf8')).body;
  } catch {
    const name = basename(dirname(file)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-') || 'ivr';
    return { text: starterPackageJson(name, packageVersion()), note: 'new', declared: true, scripts: STARTER_SCRIPTS };
  }
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(current) as Record<string, unknown>;
  } catch (e) {
    const at = jsonSyntaxError(current, e as Error);
    throw new IoError(`${file}:${at.line}:${at.column}: not valid JSON (${at.reason}); fix it, or run init in another folder`);
  }
  if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg)) throw new IoError(`cannot read ${file}: it is not a JSON object; fix it, or run init in another folder`);
  const deps = { ...(pkg['dependencies'] as object | undefined), ...(pkg['devDependencies'] as object | undefined) };
  const declared = Object.hasOwn(deps, PACKAGE);
  const scripts = { ...(pkg['scripts'] as Record<string, string> | undefined) };
  const added = Object.keys(STARTER_SCRIPTS).filter((name) => scripts[name] === undefined || (name === 'test' && scripts[name] === NPM_PLACEHOLDER_TEST));
  if (added.length === 0) return { note: 'kept: it has lint, test and build scripts', declared, scripts };
  for (const name of added) scripts[name] = STARTER_SCRIPTS[name]!;
  return { text: `${JSON.stringify({ ...pkg, scripts }, null, 2)}\n`, note: `scripts added: ${added.join(', ')}`, declared, scripts };
}

export const command: Command = {
  name: 'init',
  usage: `Usage: dialplan init [dir] [--force] [--import-from module]

Writes a starter project into dir (default: the current folder):
  flows/delivery.ts                 an outbound IVR written with the DSL (amd, menu, retry, transfer)
  flows/delivery.scenarios.yaml     test scenarios reaching every branch
  .dialplanrc.json                  lint settings
  broadcast.json                    a SendCall request for the flow
  .github/workflows/dialplans.yml   lint and test in CI
  package.json                      written if there is none; else its missing lint/test/build scripts are added
  tsconfig.json                     written if there is none, for type-checking the flows
  .gitattributes                    *.xml diff=dialplan (added if missing); in a git repository,
                                    diff.dialplan.command is set so git diff shows call-flow diffs

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
    const installed = installedFrom(root);
    const schemas = schemasFolder(root, installed);
    const files: Record<string, string> = {
      'flows/delivery.ts': await starterFlow(values['import-from'] ?? PACKAGE),
      'flows/delivery.scenarios.yaml': await starterScenarios(),
      '.dialplanrc.json': starterLintConfig(schemas),
      'broadcast.json': starterBroadcast(schemas),
      '.github/workflows/dialplans.yml': STARTER_WORKFLOW,
    };
    const exists = (name: string) => access(join(root, name)).then(() => true, () => false);
    if (!values.force) {
      const existing: string[] = [];
      for (const name of Object.keys(files)) if (await exists(name)) existing.push(name);
      if (existing.length > 0) {
        throw new IoError(`these files exist already, and --force would overwrite them: ${existing.join(', ')}`);
      }
    }
    const pkg = await packageJson(join(root, 'package.json'));
    const hasTsconfig = await exists('tsconfig.json');
    const shown = positionals[0];
    io.stdout(`Starter project in ${shown ?? 'this folder'}:\n`);
    for (const [name, text] of Object.entries(files)) {
      await writeText(join(root, name), text);
      io.stdout(`  ${name}\n`);
    }
    if (pkg.text !== undefined) await writeText(join(root, 'package.json'), pkg.text);
    io.stdout(`  package.json (${pkg.note})\n`);
    if (!hasTsconfig) await writeText(join(root, 'tsconfig.json'), STARTER_TSCONFIG);
    io.stdout(`  tsconfig.json${hasTsconfig ? ' (kept)' : ''}\n`);
    io.stdout(`  .gitattributes (${await writeGitAttributes(root)})\n`);
    const gitDiff = await configureGitDiff(root);
    // only what is still to do: no install step when the package is already there
    const ours = (script: string) => pkg.scripts[script] === STARTER_SCRIPTS[script];
    const install = installed !== undefined ? [] : [pkg.declared ? 'npm install' : `npm install --save-dev ${PACKAGE}`];
    const steps = [
      ...(shown ? [`cd ${shown}`] : []),
      ...install,
      'npx dialplan simulate flows/delivery.ts --keys 1 --contact firstName=Ann   # one call, as a transcript',
      ours('test') ? 'npm test                                                  # the scenarios, with coverage' : `npx ${STARTER_SCRIPTS['test']}`,
      ours('lint') ? 'npm run lint' : `npx ${STARTER_SCRIPTS['lint']}`,
      'npx dialplan send broadcast.json --dialplan flows/delivery.ts --preview',
      ...(gitDiff ? [] : [`git config diff.dialplan.command "${GIT_DIFF_COMMAND}"   # in the git repository: git diff compares plans as call flows`]),
    ];
    io.stdout(`\nNext:\n${steps.map((s) => `  ${s}\n`).join('')}`);
    return 0;
  },
};
