/**
 * The API reference builds without a warning: typedoc, with typedoc.json's settings, converts
 * every entry and runs its checks (an undocumented export, a type used by an export but not
 * exported, a broken {@link}), and each of those would be a warning. Nothing is written (the
 * site is built by `npm run docs`) and TypeScript's own errors are not checked again (`npm
 * test` type-checks first), which halves typedoc's time. A small project with an undocumented
 * export, read with the same settings, shows that the check would see one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, Logger, LogLevel, TSConfigReader, type TypeDocOptions } from 'typedoc';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const settings = JSON.parse(readFileSync(join(ROOT, 'typedoc.json'), 'utf8')) as TypeDocOptions & { $schema?: string };

/** Keeps typedoc's warnings and errors instead of printing them. */
class Collecting extends Logger {
  readonly messages: string[] = [];
  override log(message: string, level: LogLevel): void {
    super.log(message, level); // counts them
    if (level === LogLevel.Warn || level === LogLevel.Error) this.messages.push(`${LogLevel[level]}: ${message}`);
  }
}

/** typedoc's warnings and errors for typedoc.json's settings, `change`d (paths as in typedoc.json: relative to the root). */
async function typedocMessages(change: Partial<TypeDocOptions> = {}): Promise<string[]> {
  const { $schema: _schema, ...options } = settings;
  const cwd = process.cwd();
  process.chdir(ROOT); // typedoc.json's paths (entries, tsconfig, plugin) are relative to it
  try {
    const app = await Application.bootstrapWithPlugins({ ...options, ...change, skipErrorChecking: true }, [new TSConfigReader()]);
    const logger = new Collecting();
    app.logger = logger;
    const project = await app.convert();
    if (project) app.validate(project);
    else logger.messages.push('Error: typedoc converted nothing');
    return logger.messages;
  } finally {
    process.chdir(cwd);
  }
}

const fixture = mkdtempSync(join(tmpdir(), 'dialplan-typedoc-'));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

describe('typedoc', () => {
  it('builds the API reference of every entry without a warning', async () => {
    expect(await typedocMessages()).toEqual([]);
  }, 240_000);

  it('would report an undocumented export with these settings', async () => {
    writeFileSync(join(fixture, 'index.ts'), '/** Documented. */\nexport const documented = 1;\n\nexport function undocumentedHelper(): number {\n  return 2;\n}\n');
    writeFileSync(join(fixture, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', types: [] }, include: ['index.ts'] }));
    const messages = await typedocMessages({ entryPoints: [join(fixture, 'index.ts')], tsconfig: join(fixture, 'tsconfig.json'), readme: 'none', intentionallyNotExported: [] });
    expect(messages).toEqual([expect.stringMatching(/^Warn: .*undocumentedHelper.*does not have any documentation/)]);
  }, 120_000);
});
