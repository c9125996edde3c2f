import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DocumentNode, Node } from '../../src/ast/nodes.js';
import { isElement, textOf } from '../../src/ast/nodes.js';
import { loadFlow } from '../../src/cli/load-flow.js';
import { ConversionError, quote, toTypeScript } from '../../src/codegen/typescript.js';
import { CATALOG, isTagName } from '../../src/language/catalog.js';
import { parse } from '../../src/parse/parse.js';
import { corpusFiles, corpusPresent, readCorpus } from '../util.js';

const INDEX = fileURLToPath(new URL('../../src/index.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'codegen-'));

/** What a plan means to CallFire: tags, attributes (type="tts" made explicit), trimmed text, comments in blocks. */
function meaning(nodes: readonly Node[]): unknown[] {
  return nodes.flatMap((n): unknown[] => {
    if (n.kind === '#comment') return [{ comment: n.text }];
    if (!isElement(n) || n.kind === '#unknown') return [];
    const attributes = n.kind === 'play' ? { type: 'tts', ...n.attributes } : { ...n.attributes };
    const leaf = isTagName(n.kind) && CATALOG[n.kind].content !== 'children';
    return [{ tag: n.kind, attributes, ...(leaf ? { text: textOf(n) } : { children: meaning(n.children) }) }];
  });
}
const meaningOf = (doc: DocumentNode) => ({ attributes: doc.root.attributes, children: meaning(doc.root.children) });

async function roundTrip(xml: string, name: string): Promise<{ before: DocumentNode; after: DocumentNode; code: string }> {
  const before = parse(xml).document!;
  const { code } = toTypeScript(before, { importFrom: INDEX });
  const file = join(dir, `${name}.ts`);
  writeFileSync(file, code);
  return { before, after: await loadFlow(file), code };
}

describe('toTypeScript', () => {
  it('writes one chained call per tag, with nested callbacks', async () => {
    const xml = `<dialplan name="Root">
      <menu name="main" maxDigits="1" timeout="5000">
        <play type="tts" voice="female2">Press 1, or 'star'.</play>
        <keypress pressed="1"><transfer mode="waterfall" continue-after="true" timeout="25">12135551234,12135559876</transfer></keypress>
        <keypress pressed="default"><goto>main</goto></keypress>
      </menu>
      <hangup/>
    </dialplan>`;
    const { code, before, after } = await roundTrip(xml, 'small');
    expect(code.replace(INDEX, 'callfire-dialplan')).toBe(`import { dialplan } from 'callfire-dialplan';

export default dialplan({ name: 'Root' })
  .menu({ name: 'main', maxDigits: 1, timeout: 5000 }, (m) => m
    .play('Press 1, or \\'star\\'.', { voice: 'female2' })
    .keypress('1', (k) => k
      .transfer('12135551234,12135559876', { mode: 'waterfall', continueAfter: true, timeout: 25 }))
    .keypress('default', (k) => k
      .goto('main')))
  .hangup();
`);
    expect(meaningOf(after)).toEqual(meaningOf(before));
  });

  it('writes if/else, amd, catch and empty blocks', async () => {
    const xml = `<dialplan>
      <amd><live><if expr="1 == 1"></if></live><machine><hangup/></machine></amd>
      <if name="check" expr="'\${a}' == 'b'"><play type="url">https://example.com/a.mp3</play><else name="no"><wait>2</wait></else></if>
      <catch type="hangup" goto="bye"><stash varname="x">1</stash></catch>
      <!-- the end -->
      <hangup name="bye"/>
    </dialplan>`;
    const { before, after, code } = await roundTrip(xml, 'branches');
    expect(code).toContain(`.if('1 == 1', (t) => t)`);
    expect(code).toContain(`{ name: 'check', else: { name: 'no' } }`);
    expect(code).toContain(`.comment(' the end ')`);
    expect(meaningOf(after)).toEqual(meaningOf(before));
  });

  it('names the tag it cannot write', () => {
    const unknown = parse('<dialplan>\n<foo/></dialplan>').document!;
    expect(() => toTypeScript(unknown)).toThrow(new ConversionError('<foo> is not a CallFire XML tag', '/dialplan/foo[1]', 2));
    const badValue = parse('<dialplan><menu timeout="soon"><play type="tts">x</play></menu></dialplan>').document!;
    expect(() => toTypeScript(badValue)).toThrow(/\/dialplan\/menu\[1\] \(line 1\): timeout="soon" must be a whole number/);
    const legacy = parse('<dialplan><play type="tts" voice="femaleSpanish">x</play></dialplan>').document!;
    expect(() => toTypeScript(legacy)).toThrow(/voice="femaleSpanish" is a legacy value/);
  });

  it('fails with a ConversionError on what the builder cannot write, never with a TypeError', () => {
    const fails = (xml: string, message: string, path: string) => {
      const doc = parse(xml).document!;
      expect(() => toTypeScript(doc)).toThrow(ConversionError);
      expect(() => toTypeScript(doc)).toThrow(new ConversionError(message, path, 1));
    };
    fails('<dialplan><catch><hangup/></catch></dialplan>', '<catch> needs the attribute "type"', '/dialplan/catch[1]');
    fails('<dialplan><catch type="hangup"><hangup/></catch></dialplan>', '<catch> needs the attribute "goto"', '/dialplan/catch[1]');
    fails('<dialplan><hangup constructor="x"/></dialplan>', '<hangup> has no attribute "constructor"', '/dialplan/hangup[1]');
    fails('<dialplan><play type="tts" toString="x">a</play></dialplan>', '<play> has no attribute "toString"', '/dialplan/play[1]');
  });

  it('fails on a tag its parent does not take instead of writing code that does not compile', () => {
    const fails = (xml: string, message: string, path: string) =>
      expect(() => toTypeScript(parse(xml).document!)).toThrow(new ConversionError(message, path, 1));
    fails('<dialplan><menu><else><hangup/></else></menu></dialplan>', '<else> cannot stand inside <menu>', '/dialplan/menu[1]/else[1]');
    fails('<dialplan><keypress pressed="1"><hangup/></keypress></dialplan>', '<keypress> cannot stand inside <dialplan>', '/dialplan/keypress[1]');
    fails('<dialplan><amd><live><hangup/></live></amd></dialplan>', '<amd> needs a <machine>', '/dialplan/amd[1]');
    fails('<dialplan><amd><live/><machine/><live/></amd></dialplan>', '<amd> holds only one <live>', '/dialplan/amd[1]/live[2]');
    fails('<dialplan><amd><live/><machine/><hangup/></amd></dialplan>', '<hangup> cannot stand inside <amd>', '/dialplan/amd[1]/hangup[1]');
    fails('<dialplan><if expr="1"><else/><else/></if></dialplan>', '<if> holds only one <else>', '/dialplan/if[1]/else[2]');
    fails('<dialplan><if expr="1"><else/><hangup/></if></dialplan>', '<else> must be the last tag in its <if>', '/dialplan/if[1]/else[1]');
    // the same tags where they belong still convert
    expect(toTypeScript(parse('<dialplan><amd><machine/><!-- c --><live/></amd><if expr="1"><hangup/><else/></if></dialplan>').document!).code).toContain('.amd((a) => a');
  });

  it('notes comments it has to leave out', () => {
    const r = toTypeScript(parse('<dialplan><play type="tts">a<!-- x -->b</play></dialplan>').document!);
    expect(r.notes).toEqual(['/dialplan/play[1]: a comment inside <play> was left out']);
  });

  it('quotes every character a string literal needs escaped', () => {
    expect(quote(`a'b\\c\nd\te\u2028`)).toBe(`'a\\'b\\\\c\\nd\\te\\u2028'`);
    // biome-ignore lint/security/noGlobalEval: running the quoted text is the test, on our own literal
    // biome-ignore lint/complexity/noCommaOperator: an indirect eval, so the text runs in global scope
    expect((0, eval)(quote(`x'\\\n\r\t\u2029y`))).toBe(`x'\\\n\r\t\u2029y`);
  });
});

describe.skipIf(!corpusPresent)('toTypeScript over the real dialplans', () => {
  const files = corpusFiles;

  it.each(files)('%s rebuilds to the same plan', async (file) => {
    const { before, after } = await roundTrip(readCorpus(file), file.replace(/\W/g, '_'));
    expect(meaningOf(after)).toEqual(meaningOf(before));
  });

  it('generates code that type-checks under strict', () => {
    for (const file of files) {
      const name = `${file.replace(/\W/g, '_')}.ts`;
      if (!existsSync(join(dir, name))) writeFileSync(join(dir, name), toTypeScript(parse(readCorpus(file)).document!, { importFrom: INDEX }).code);
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [fileURLToPath(new URL('../../node_modules/@types', import.meta.url))] },
        include: ['*.ts'],
      }),
    );
    const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
    const r = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 150_000);
});
