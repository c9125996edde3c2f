import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const INDEX = fileURLToPath(new URL('../../src/index.js', import.meta.url));
const FILES = ['flows/delivery.ts', 'flows/delivery.scenarios.yaml', '.dialplanrc.json', 'broadcast.json', '.github/workflows/dialplans.yml'];

describe('dialplan init', () => {
  const parent = mkdtempSync(join(tmpdir(), 'init-'));
  const dir = join(parent, 'ivr');

  it('writes a starter project and says what to run next', async () => {
    const r = await run(['init', 'ivr', '--import-from', INDEX], parent);
    expect(r.code).toBe(0);
    for (const f of FILES) expect(existsSync(join(dir, f))).toBe(true);
    expect(r.stdout).toMatch(/^Starter project in ivr:\n {2}flows\/delivery\.ts\n/);
    expect(r.stdout).toContain('cd ivr');
    expect(readFileSync(join(dir, 'flows/delivery.ts'), 'utf8')).toContain(`from '${INDEX}'`);
  });

  it('gives a flow that lints clean, passes its scenarios with full branch coverage and previews as a broadcast', async () => {
    expect(await run(['lint', 'flows/delivery.ts', '--max-warnings', '0'], dir)).toMatchObject({ code: 0 });
    const tested = await run(['test', 'flows/delivery.scenarios.yaml', '--coverage', '--min-coverage', '100'], dir);
    expect(tested.stderr).toBe('');
    expect(tested.code).toBe(0);
    const preview = await run(['send', 'broadcast.json', '--dialplan', 'flows/delivery.ts', '--preview'], dir, {});
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('POST https://www.callfire.com/api/1.1/soap12/call');
  }, 60_000);

  it('refuses to overwrite files unless --force', async () => {
    const again = await run(['init', 'ivr'], parent);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('these files exist already, and --force would overwrite them: flows/delivery.ts, flows/delivery.scenarios.yaml');
    expect((await run(['init', 'ivr', '--force', '--import-from', INDEX], parent)).code).toBe(0);
  });
});
