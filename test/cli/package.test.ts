import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every file below a folder of the shipped code. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.[cm]?[jt]s$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('package.json', () => {
  it('every runtime dependency is used by the shipped code', async () => {
    // named in a string (an import, or a module loaded on demand), so installing it is not for nothing
    const { dependencies } = (await import('../../package.json', { with: { type: 'json' } })).default as { dependencies: Record<string, string> };
    const text = [...sources('src'), ...sources('bin')].map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = Object.keys(dependencies).filter((name) => {
      const quoted = new RegExp(`['"]${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/[^'"]*)?['"]`);
      return !quoted.test(text);
    });
    expect(unused).toEqual([]);
  });
});
