import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../scripts/gen-rule-docs.js';

const root = new URL('../../', import.meta.url);

describe('generated lint docs and config schema are current (run `npm run docs:rules` when this fails)', () => {
  const files = generatedFiles();

  for (const [path, content] of files) {
    it(path, () => {
      expect(readFileSync(new URL(path, root), 'utf8')).toBe(content);
    });
  }

  it('docs/rules holds no page for a rule that no longer exists', () => {
    const pages = readdirSync(new URL('docs/rules/', root)).filter((f) => f.endsWith('.md'));
    expect(pages.map((p) => `docs/rules/${p}`).sort()).toEqual([...files.keys()].filter((k) => k.startsWith('docs/rules/')).sort());
  });
});
