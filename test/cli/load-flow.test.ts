import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IoError } from '../../src/cli/io.js';
import { isFlowModule, loadDialplan, loadFlow } from '../../src/cli/load-flow.js';

const dir = mkdtempSync(join(tmpdir(), 'flows-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const doc = `{ kind: '#document', prolog: [], epilog: [], root: { kind: 'dialplan', attributes: { name: 'T' }, children: [] } }`;

describe('loadFlow', () => {
  it('loads a TypeScript flow whose default export is a tree', async () => {
    write('a.ts', `const plan: { kind: string } = ${doc};\nexport default plan;\n`);
    expect((await loadFlow('a.ts', dir)).root.attributes).toEqual({ name: 'T' });
  });

  it('takes an export named plan and anything with toAst()', async () => {
    write('b.mjs', `export const plan = { toAst: () => (${doc}) };\n`);
    expect((await loadFlow('b.mjs', dir)).root.kind).toBe('dialplan');
  });

  it('names a module that exports no plan', async () => {
    write('c.ts', 'export const x = 1;\n');
    await expect(loadFlow('c.ts', dir)).rejects.toThrow(/c\.ts exports no plan/);
  });

  it('tells a flow that imports a missing module from a missing flow', async () => {
    write('imports-missing.ts', "import { dialplan } from './no-such-module.js';\nexport default dialplan;\n");
    const err = (await loadFlow('imports-missing.ts', dir).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('cannot load flow imports-missing.ts');
    expect(err.message).toContain('no-such-module');
  });

  it('says how to install a package the flow imports that is not there', async () => {
    // before: "Cannot find package 'no-such-pkg-h5' imported from …" alone
    write('pkg.ts', "import { dialplan } from 'no-such-pkg-h5';\nexport default dialplan;\n");
    const err = (await loadFlow('pkg.ts', dir).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/^cannot load flow pkg\.ts(:\d+:\d+)?: Cannot find package 'no-such-pkg-h5' imported from .*; install it in the flow's project: npm install --save-dev no-such-pkg-h5$/);
    write('scoped.ts', "import { x } from '@no-such-scope/pkg/sub';\nexport default x;\n");
    await expect(loadFlow('scoped.ts', dir)).rejects.toThrow(/npm install --save-dev @no-such-scope\/pkg$/);
  });

  it('reports a missing file and a flow that throws as I/O errors, the throw at its line', async () => {
    await expect(loadFlow('missing.ts', dir)).rejects.toBeInstanceOf(IoError);
    write('d.ts', 'const x: number = 1;\n  throw new Error("boom" + x);\n');
    await expect(loadFlow('d.ts', dir)).rejects.toThrow(/^cannot load flow d\.ts:2:9: boom1$/);
    await expect(loadFlow('d.ts', dir)).rejects.toMatchObject({ detail: 'boom1', at: { line: 2, column: 9 } });
  });
});

describe('a flow that does not compile', () => {
  // esbuild numbers columns from 0 and wraps its errors in "Transform failed with N errors:"
  // and its own absolute path; a finding of ours is 1-based and says the error alone
  it('is reported at its 1-based line and column, with the compiler\'s text alone', async () => {
    write('e.ts', 'const a = 1;\nconst = 2;\n');
    const err = (await loadFlow('e.ts', dir).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe('cannot load flow e.ts:2:7: Expected identifier but found "="');
    expect(err).toMatchObject({ detail: 'Expected identifier but found "="', at: { line: 2, column: 7 } });
    write('f.ts', 'export default dialplan(\n');
    await expect(loadFlow('f.ts', dir)).rejects.toMatchObject({ detail: 'Unexpected end of file', at: { line: 2, column: 1 } });
  });

  it('counts the errors after the first', async () => {
    // a syntax error stops esbuild's parser; symbols declared twice are all reported
    write('g.ts', 'let a = 1;\nlet a = 2;\nlet b = 1;\nlet b = 2;\nexport default 1;\n');
    await expect(loadFlow('g.ts', dir)).rejects.toMatchObject({ detail: 'The symbol "a" has already been declared (and 1 more error)', at: { line: 2, column: 5 } });
    write('h.ts', 'let a = 1;\nlet a = 2;\nlet b = 1;\nlet b = 2;\nlet c = 1;\nlet c = 2;\nexport default 1;\n');
    await expect(loadFlow('h.ts', dir)).rejects.toMatchObject({ detail: 'The symbol "a" has already been declared (and 2 more errors)' });
  });

  it('in a module the flow imports: that module\'s path and 1-based place, with the text alone', async () => {
    // before: "Transform failed with 1 error:\n/abs/path/helper.ts:1:18: ERROR: Unexpected \";\"" as the message
    write('helper.ts', 'export const x = (;\n');
    write('uses-helper.ts', "import { x } from './helper.ts';\nexport default x;\n");
    const err = (await loadFlow('uses-helper.ts', dir).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe('cannot load flow uses-helper.ts: helper.ts:1:19: Unexpected ";"');
  });
});

describe('loadDialplan', () => {
  it('reads XML files as text and flows as trees', async () => {
    write('p.xml', '<dialplan/>');
    expect(await loadDialplan('p.xml', dir)).toBe('<dialplan/>');
    expect(isFlowModule('x.ts')).toBe(true);
    expect(isFlowModule('x.XML')).toBe(false);
  });

  it('says why a file cannot be read', async () => {
    await expect(loadDialplan('nope.xml', dir)).rejects.toThrow('cannot read nope.xml: no such file');
    await expect(loadDialplan('.', dir)).rejects.toThrow('cannot read .: it is a directory');
  });
});

describe('readText', () => {
  it('refuses bytes that are not UTF-8, saying where', async () => {
    writeFileSync(join(dir, 'latin1.xml'), Buffer.from('<dialplan>\n  <play type="tts">caf\xe9</play></dialplan>', 'latin1'));
    await expect(loadDialplan('latin1.xml', dir)).rejects.toThrow(/cannot read latin1\.xml: it is not UTF-8 text \(line 2, column 23\); save it as UTF-8/);
  });

  it('locates sequences with a valid lead byte that UTF-8 still forbids', async () => {
    // line 2 column 8, then more lines so that a wrong guess (the end of the file) shows
    const at = (bad: number[], prefix: number[] = []) => {
      writeFileSync(join(dir, 'bad.xml'), Buffer.concat([Buffer.from(prefix), Buffer.from('<a>\n  <b>xy'), Buffer.from(bad), Buffer.from('</b>\n\n\n<c/></a>\n')]));
      return loadDialplan('bad.xml', dir).then(
        () => 'read',
        (e: Error) => /\(line \d+, column \d+\)/.exec(e.message)?.[0],
      );
    };
    const here = '(line 2, column 8)';
    expect(await at([0xed, 0xa0, 0x80])).toBe(here); // an encoded surrogate (CESU-8)
    expect(await at([0xe0, 0x80, 0xaf])).toBe(here); // over-long three-byte form
    expect(await at([0xf0, 0x80, 0x80, 0xaf])).toBe(here); // over-long four-byte form
    expect(await at([0xf4, 0x90, 0x80, 0x80])).toBe(here); // past U+10FFFF
    expect(await at([0xef, 0xbf, 0x41])).toBe(here); // cut short, its second byte looking like U+FFFD's
    // a real U+FFFD, an astral character and a byte-order mark before it do not move it
    expect(await at([0xef, 0xbf, 0xbd, 0xf0, 0x9f, 0x93, 0x9e, 0xff], [0xef, 0xbb, 0xbf])).toBe('(line 2, column 11)');
  });

  it('reads UTF-8 and UTF-16 with a byte-order mark', async () => {
    writeFileSync(join(dir, 'utf8.xml'), '<dialplan><play type="tts">café ☎</play></dialplan>');
    expect(await loadDialplan('utf8.xml', dir)).toContain('café ☎');
    writeFileSync(join(dir, 'utf16.xml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<dialplan>é</dialplan>', 'utf16le')]));
    expect(await loadDialplan('utf16.xml', dir)).toBe('<dialplan>é</dialplan>');
  });
});
