/**
 * The language server through a real client: `dialplan lsp --stdio` spawned, spoken to over
 * the child's stdio with vscode-languageserver-protocol's connection.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeWatchedFilesNotification,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, startServer, type Server } from './client.js';

const PLAN = `<dialplan name="Root">
  <setvar varname="choice">1</setvar>
  <stash varname="answer">yes</stash>
  <menu name="main" maxDigits="1" timeout="5000">
    <play type="tts">Press 1, \${choice}</play>
    <keypress pressed="1">
      <goto>mian</goto>
    </keypress>
    <keypress pressed="default">
      <goto>main</goto>
    </keypress>
  </menu>
  <catch type="hangup" goto="main">
    <hangup/>
  </catch>
</dialplan>
`;

let server: Server;
let dir: string;
let n = 0;
/** A fresh URI in a folder without a config (so the defaults apply). */
const newUri = (name = 'plan') => fileUri(join(dir, `${name}-${++n}.xml`));

/** The position of the `nth` occurrence of `needle` in `text`, plus `delta` characters. */
function at(text: string, needle: string, delta = 0, nth = 1): Position {
  let i = -1;
  for (let k = 0; k < nth; k++) i = text.indexOf(needle, i + 1);
  if (i === -1) throw new Error(`"${needle}" not in the text`);
  return TextDocument.create('x', 'xml', 1, text).positionAt(i + delta);
}
const rangeText = (text: string, r: Range) => {
  const d = TextDocument.create('x', 'xml', 1, text);
  return text.slice(d.offsetAt(r.start), d.offsetAt(r.end));
};
const apply = (text: string, edits: readonly TextEdit[]) => TextDocument.applyEdits(TextDocument.create('x', 'xml', 1, text), [...edits]);

async function openPlan(text: string, uri = newUri()): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const got = server.diagnostics(uri);
  server.open(uri, text);
  return { uri, diagnostics: await got };
}

async function complete(uri: string, position: Position): Promise<CompletionItem[]> {
  const r = (await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionItem[] | CompletionList | null;
  return Array.isArray(r) ? r : (r?.items ?? []);
}
const labels = (items: readonly CompletionItem[]) => items.map((i) => i.label);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dialplan-lsp-'));
  server = await startServer({ initializationOptions: { debounceMs: 20 } });
});
afterAll(async () => {
  const code = await server.stop();
  rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(0);
});

describe('diagnostics', () => {
  it('reports findings with the rule as code, a link to its page, the exact range and its fix', async () => {
    const { diagnostics } = await openPlan(PLAN);
    const goto = diagnostics.find((d) => d.code === 'unknown-goto-target')!;
    expect(goto).toBeDefined();
    expect(rangeText(PLAN, goto.range)).toBe('mian');
    expect(goto.range.start).toEqual(at(PLAN, 'mian'));
    expect(goto.source).toBe('dialplan');
    expect(goto.codeDescription?.href).toMatch(/\/docs\/rules\/unknown-goto-target\.md$/);
    expect(existsSync(fileURLToPath(goto.codeDescription!.href))).toBe(true);
    expect(goto.severity).toBe(1);
  });

  it('updates the findings when the document is edited', async () => {
    const { uri, diagnostics } = await openPlan(PLAN);
    expect(diagnostics.map((d) => d.code)).toContain('unknown-goto-target');
    const start = at(PLAN, 'mian');
    const next = server.diagnostics(uri, (p) => p.version === 2);
    server.edit(uri, { start, end: { line: start.line, character: start.character + 4 } }, 'main');
    const after = await next;
    expect(after.map((d) => d.code)).not.toContain('unknown-goto-target');
    // and a new mistake shows up at its place
    const broken = server.diagnostics(uri, (p) => p.version === 3);
    server.edit(uri, { start: at(PLAN, 'maxDigits="1"', 11), end: at(PLAN, 'maxDigits="1"', 12) }, 'x');
    const d = (await broken).find((x) => x.code === 'schema');
    expect(d).toBeDefined();
  });

  it('on a large plan, shows the schema findings before the rules have run, then all of them', async () => {
    // over 64 KB: a schema error (an unknown voice) near the top, a misspelt goto at the end
    const filler = Array.from({ length: 800 }, (_, i) => `  <play name="p${i}" type="tts">Prompt number ${i} of the long plan, long enough.</play>\n`).join('');
    const text = `<dialplan name="Root">\n  <play type="tts" voice="robot">Hi</play>\n${filler}  <goto>mian</goto>\n  <hangup name="main"/>\n</dialplan>\n`;
    expect(text.length).toBeGreaterThan(64 * 1024);
    const uri = newUri('large');
    const final = server.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unknown-goto-target'), 60_000);
    server.open(uri, text);
    const all = await final;
    const [first, ...rest] = server.publications(uri);
    expect(first!.version).toBe(1);
    expect(first!.diagnostics.map((d) => d.code)).toEqual(['schema']);
    expect(rest.map((p) => p.version)).toEqual([1]);
    expect(all.filter((d) => d.code === 'schema')).toEqual(first!.diagnostics);
  });

  it('never shows an older version after a newer one when edits come faster than the checks', async () => {
    const { uri } = await openPlan(PLAN);
    const before = server.publications(uri).length;
    const start = at(PLAN, 'mian');
    // five edits in a row, without waiting: only the last text is worth a check
    for (let v = 2; v <= 6; v++) server.edit(uri, { start, end: { line: start.line, character: start.character + 4 } }, v === 6 ? 'main' : `mi${v}n`);
    const last = await server.diagnostics(uri, (p) => p.version === 6);
    expect(last.map((d) => d.code)).not.toContain('unknown-goto-target');
    const versions = server.publications(uri).slice(before).map((p) => p.version);
    // the debounce and the cancelled checks leave out superseded versions; none comes after a newer one
    expect(versions.at(-1)).toBe(6);
    expect([...versions].sort()).toEqual(versions);
  });

  it('reports XML syntax errors of a half-typed document, at their line', async () => {
    const text = '<dialplan name="Root">\n  <play type="tts">Hi\n</dialplan>\n';
    const { diagnostics } = await openPlan(text);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.code === 'xml-syntax')).toBe(true);
    expect(diagnostics[0]!.range.start.line).toBeGreaterThanOrEqual(1);
  });

  it('honours suppression comments', async () => {
    const text = PLAN.replace('      <goto>mian</goto>', '      <!-- dialplan-disable-next-line unknown-goto-target -->\n      <goto>mian</goto>');
    const { diagnostics } = await openPlan(text);
    expect(diagnostics.map((d) => d.code)).not.toContain('unknown-goto-target');
  });

  it('gives no findings for an XML file whose root is not <dialplan>', async () => {
    const { diagnostics } = await openPlan('<project><modelVersion>4.0.0</modelVersion><goto>x</goto></project>\n');
    expect(diagnostics).toEqual([]);
  });

  it('takes the .dialplanrc.json that applies and reads it again when it changes', async () => {
    const folder = mkdtempSync(join(dir, 'cfg-'));
    const config = join(folder, '.dialplanrc.json');
    writeFileSync(config, JSON.stringify({ rules: { 'unknown-goto-target': 'off' } }));
    const uri = fileUri(join(folder, 'sub-plan.xml'));
    const first = await openPlan(PLAN, uri);
    expect(first.diagnostics.map((d) => d.code)).not.toContain('unknown-goto-target');
    writeFileSync(config, JSON.stringify({ rules: { 'unknown-goto-target': 'warn' } }));
    const next = server.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unknown-goto-target'));
    void server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(config), type: 2 }] });
    const changed = (await next).find((d) => d.code === 'unknown-goto-target')!;
    expect(changed.severity).toBe(2);
    // a broken config is reported, as `dialplan lint` does
    writeFileSync(config, JSON.stringify({ rules: { 'unknown-goto-targt': 'off' } }));
    const broken = server.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'config'));
    void server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(config), type: 2 }] });
    const [told] = await broken;
    expect(told!.message).toBe(`not linted: its configuration ${config} is invalid`);
    expect(told!.relatedInformation?.map((r) => r.message)).toEqual([expect.stringMatching(/did you mean "unknown-goto-target"/)]);
  });

  it('shows a broken .dialplanrc.json\'s findings on the config file at their keys, as `dialplan lint` words them, until it is fixed', async () => {
    const folder = mkdtempSync(join(dir, 'badcfg-'));
    const config = join(folder, '.dialplanrc.json');
    const text = '{\n  "rules": {\n    "unknown-goto-targt": "off",\n    "undefined-variable": "loud"\n  }\n}\n';
    writeFileSync(config, text);
    const configUri = fileUri(config);
    const key = (name: string): Range => {
      const doc = TextDocument.create(configUri, 'json', 1, text);
      const from = text.indexOf(`"${name}"`);
      return { start: doc.positionAt(from), end: doc.positionAt(from + name.length + 2) };
    };
    const uri = fileUri(join(folder, 'plan.xml'));
    const onConfig = server.diagnostics(configUri);
    const [onPlan] = await openPlan(PLAN, uri).then((r) => r.diagnostics);
    const findings = await onConfig;
    expect(findings.map((d) => ({ range: d.range, message: d.message, code: d.code, severity: d.severity }))).toEqual([
      { range: key('unknown-goto-targt'), message: 'unknown rule "unknown-goto-targt" in "rules" (did you mean "unknown-goto-target"?)', code: 'config', severity: 1 },
      { range: key('undefined-variable'), message: '"rules.undefined-variable" must be one of "off", "warn", "error"', code: 'config', severity: 1 },
    ]);
    // the plan says it was not linted and points at each finding in the config file
    expect(onPlan!.message).toBe(`not linted: its configuration ${config} is invalid`);
    expect(onPlan!.relatedInformation).toEqual(findings.map((d) => ({ location: { uri: configUri, range: d.range }, message: d.message })));
    // fixed on disk: the config's findings go and the plan is linted again
    writeFileSync(config, JSON.stringify({ rules: { 'unknown-goto-target': 'off' } }));
    const cleared = server.diagnostics(configUri, (p) => p.diagnostics.length === 0);
    const linted = server.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'config'));
    void server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: 2 }] });
    expect(await cleared).toEqual([]);
    expect((await linted).map((d) => d.code)).not.toContain('unknown-goto-target');
  });

  it('checks an open .dialplanrc.json itself, with no plan open', async () => {
    const folder = mkdtempSync(join(dir, 'opencfg-'));
    const config = join(folder, '.dialplanrc.json');
    const text = '{ "rules": { "unknown-goto-target": "loud" } }\n';
    writeFileSync(config, text);
    const configUri = fileUri(config);
    const got = server.diagnostics(configUri);
    server.open(configUri, text, 'json');
    const [finding] = await got;
    const from = text.indexOf('"unknown-goto-target"');
    expect(finding!.range).toEqual({ start: { line: 0, character: from }, end: { line: 0, character: from + '"unknown-goto-target"'.length } });
    expect(finding!.message).toBe('"rules.unknown-goto-target" must be one of "off", "warn", "error"');
    // closing it leaves the findings shown: the file is still broken
    const afterClose = server.diagnostics(configUri);
    server.close(configUri);
    expect((await afterClose).map((d) => d.message)).toEqual([finding!.message]);
  });

  it('watches .dialplanrc.json itself and checks each open plan once per config change, however often it is told', async () => {
    // a client like VS Code: it lets the server register its own file watcher
    const watching = await startServer({
      initializationOptions: { debounceMs: 20 },
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    try {
      const folder = mkdtempSync(join(dir, 'watch-'));
      const config = join(folder, '.dialplanrc.json');
      writeFileSync(config, JSON.stringify({ rules: { 'unknown-goto-target': 'off' } }));
      const uris = [fileUri(join(folder, 'a.xml')), fileUri(join(folder, 'b.xml'))];
      await Promise.all(uris.map((u) => {
        const got = watching.diagnostics(u);
        watching.open(u, PLAN);
        return got;
      }));
      const watchers = watching.registrations.filter((r) => r.method === DidChangeWatchedFilesNotification.method);
      expect(watchers.map((r) => (r.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((w) => w.globPattern))).toEqual([['**/.dialplanrc.json']]);
      const before = uris.map((u) => watching.publications(u).length);
      writeFileSync(config, JSON.stringify({ rules: { 'unknown-goto-target': 'warn' } }));
      const told = () => void watching.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(config), type: 2 }] });
      const warned = uris.map((u) => watching.diagnostics(u, (p) => p.diagnostics.some((d) => d.code === 'unknown-goto-target')));
      told();
      await Promise.all(warned);
      // the same change told again, late (a second watcher, or a save in the editor)
      told();
      told();
      // then an edit of each plan: any check the repeats caused would have been shown before it
      const edited = uris.map((u) => watching.diagnostics(u, (p) => p.version === 2));
      for (const u of uris) watching.edit(u, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ' ');
      await Promise.all(edited);
      for (const [i, u] of uris.entries()) {
        const since = watching.publications(u).slice(before[i]);
        expect(since.map((p) => p.version)).toEqual([1, 2]);
      }
    } finally {
      await watching.stop();
    }
  });
});

describe('completion', () => {
  let uri: string;
  const text = `<dialplan name="Root">
  <setvar varname="choice">1</setvar>
  <stash varname="answer">yes</stash>
  <menu name="main">
    <keypress pressed="1">
      <goto>main</goto>
    </keypress>
  </menu>
  <amd>
    <live><hangup/></live>
  </amd>
  <transfer musiconhold="jazz" mode="ringall">123</transfer>
  <catch type="hangup" goto="main"><hangup/></catch>
  <play type="tts">Hello \${call.callerid}</play>
</dialplan>
`;
  beforeAll(async () => {
    uri = (await openPlan(text)).uri;
  });

  it('offers only the tags allowed where the cursor is', async () => {
    const inMenu = labels(await complete(uri, at(text, '<keypress', 1)));
    expect(inMenu).toContain('keypress');
    expect(inMenu).toContain('play');
    const inAmd = labels(await complete(uri, at(text, '<live', 1)));
    expect(inAmd.filter((l) => !l.includes(' ')).sort()).toEqual(['live', 'machine']);
    const top = labels(await complete(uri, at(text, '<menu', 1)));
    expect(top).not.toContain('keypress');
    expect(top).not.toContain('live');
    expect(top).toContain('amd');
  });

  it('offers snippets for a menu with keypresses and an amd with both branches', async () => {
    const items = await complete(uri, at(text, '<menu', 1));
    const menu = items.find((i) => i.label === 'menu with keypresses')!;
    const amd = items.find((i) => i.label === 'amd with live and machine')!;
    expect(menu.insertTextFormat).toBe(2);
    const body = (s: CompletionItem) => (s.textEdit as TextEdit).newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '<hangup/>');
    expect(body(amd)).toMatch(/<live>[\s\S]*<\/live>[\s\S]*<machine>[\s\S]*<\/machine>/);
    // expanded, the menu snippet is a menu the linter has nothing against
    const plan = `<dialplan name="Root">\n<${body(menu)}\n</dialplan>\n`;
    const { diagnostics } = await openPlan(plan);
    expect(diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    expect(body(menu)).toMatch(/<keypress pressed="1">[\s\S]*<keypress pressed="default">/);
  });

  it('offers the attributes a tag has and not those already written', async () => {
    const items = labels(await complete(uri, at(text, 'musiconhold', 0)));
    expect(items).toEqual(expect.arrayContaining(['callerid', 'continue-after', 'timeout', 'whisper-tts']));
    expect(items).not.toContain('varname');
    const inside = labels(await complete(uri, at(text, ' mode="ringall"', 0)));
    expect(inside).not.toContain('mode');
    expect(inside).not.toContain('musiconhold');
  });

  it('offers the allowed values of enum attributes, and key patterns in pressed', async () => {
    expect(labels(await complete(uri, at(text, 'musiconhold="', 13)))).toEqual(expect.arrayContaining(['ringing', 'jazz', 'silence']));
    expect(labels(await complete(uri, at(text, 'mode="', 6)))).toEqual(['ringall', 'waterfall']);
    expect(labels(await complete(uri, at(text, 'type="hangup"', 6)))).toEqual(['hangup', 'digit']);
    expect(labels(await complete(uri, at(text, 'type="tts"', 6)))).toEqual(['tts', 'url', 'callfireid']);
    const pressed = labels(await complete(uri, at(text, 'pressed="', 9)));
    expect(pressed).toEqual(expect.arrayContaining(['1', '#', '*', 'default', 'timeout']));
  });

  it('offers every tag name in <goto> and catch goto', async () => {
    const inGoto = labels(await complete(uri, at(text, '<goto>main', 6)));
    expect(inGoto.sort()).toEqual(['Root', 'main']);
    const inCatch = labels(await complete(uri, at(text, 'goto="main"', 6)));
    expect(inCatch.sort()).toEqual(['Root', 'main']);
  });

  it('offers system and user variables inside ${', async () => {
    const items = await complete(uri, at(text, '${call.callerid}', 2));
    const names = labels(items);
    expect(names).toEqual(expect.arrayContaining(['call.callerid', 'call.dnis', 'contact.firstName', 'global.date', 'choice', 'answer']));
    expect(items.find((i) => i.label === 'answer')!.detail).toMatch(/stash/);
  });
});

describe('hover, navigation, rename, outline, folding, code actions', () => {
  let uri: string;
  beforeAll(async () => {
    uri = (await openPlan(PLAN)).uri;
  });

  it('hovers with the catalog entry of a tag and an attribute, and the rule behind a finding', async () => {
    const tag = (await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at(PLAN, '<menu', 2) })) as Hover;
    expect(JSON.stringify(tag.contents)).toMatch(/keypad input/);
    const attr = (await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at(PLAN, 'type="hangup"', 1) })) as Hover;
    expect(JSON.stringify(attr.contents)).toMatch(/hangup.*digit/);
    const onFinding = (await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at(PLAN, 'mian', 1) })) as Hover;
    expect(JSON.stringify(onFinding.contents)).toMatch(/unknown-goto-target/);
    const variable = (await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at(PLAN, '${choice}', 3) })) as Hover | null;
    expect(variable === null || !JSON.stringify(variable.contents).includes('call.')).toBe(true);
  });

  it('goes from a goto and a catch goto to the named tag', async () => {
    const fromGoto = (await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at(PLAN, '<goto>main', 7) })) as Location[];
    expect(fromGoto).toHaveLength(1);
    expect(fromGoto[0]!.range.start).toEqual(at(PLAN, 'name="main"', 6));
    expect(rangeText(PLAN, fromGoto[0]!.range)).toBe('main');
    const fromCatch = (await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at(PLAN, 'goto="main"', 7) })) as Location[];
    expect(fromCatch[0]!.range).toEqual(fromGoto[0]!.range);
    const nowhere = await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at(PLAN, 'mian', 1) });
    expect(nowhere).toBeNull();
  });

  it('finds every goto and catch that targets a name', async () => {
    const refs = (await server.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: at(PLAN, 'name="main"', 7),
      context: { includeDeclaration: false },
    })) as Location[];
    expect(refs.map((r) => r.range.start)).toEqual([at(PLAN, '<goto>main', 6), at(PLAN, 'goto="main"', 6)]);
  });

  it('renames a name with all its references, and refuses a taken or invalid name', async () => {
    const prepared = await server.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: at(PLAN, '<goto>main', 7) });
    expect(prepared).toMatchObject({ placeholder: 'main' });
    const edit = await server.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at(PLAN, 'name="main"', 7), newName: 'start' });
    const renamed = apply(PLAN, edit!.changes![uri]!);
    expect(renamed).toContain('<menu name="start"');
    expect(renamed).toContain('<goto>start</goto>');
    expect(renamed).toContain('goto="start"');
    expect(renamed).toContain('<goto>mian</goto>');
    await expect(server.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at(PLAN, 'name="main"', 7), newName: 'Root' })).rejects.toThrow(/already named "Root"/);
    await expect(server.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at(PLAN, 'name="main"', 7), newName: 'a<b' })).rejects.toThrow(/cannot contain/);
    await expect(server.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: at(PLAN, '<hangup', 2) })).rejects.toThrow(/Put the cursor/);
  });

  it('outlines named tags and menus with their keypresses', async () => {
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    expect(symbols).toHaveLength(1);
    const root = symbols[0]!;
    expect(root.name).toBe('Root');
    const menu = root.children!.find((s) => s.name === 'main')!;
    expect(menu.detail).toBe('menu');
    expect(menu.children!.map((s) => s.name)).toEqual(['keypress 1', 'keypress default']);
    expect(rangeText(PLAN, menu.selectionRange)).toBe('main');
  });

  it('folds every element over several lines', async () => {
    const folds = await server.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    const starts = folds!.map((f) => f.startLine);
    expect(starts).toEqual(expect.arrayContaining([0, at(PLAN, '<menu').line, at(PLAN, '<keypress').line, at(PLAN, '<catch').line]));
    const menu = folds!.find((f) => f.startLine === at(PLAN, '<menu').line)!;
    expect(menu.endLine).toBe(at(PLAN, '</menu>').line - 1);
  });

  it('offers the rule\'s fix as a quick fix', async () => {
    const diagnostics = server.latest(uri)!.diagnostics;
    const goto = diagnostics.find((d) => d.code === 'unknown-goto-target')!;
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: goto.range,
      context: { diagnostics: [goto] },
    })) as Array<{ title: string; kind: string; edit: { changes: Record<string, TextEdit[]> } }>;
    expect(actions).toHaveLength(1);
    expect(actions[0]!.kind).toBe('quickfix');
    const fixed = apply(PLAN, actions[0]!.edit.changes[uri]!);
    expect(fixed).toContain('<goto>main</goto>\n    </keypress>\n    <keypress pressed="default">');
    expect(fixed).not.toContain('mian');
  });
});

describe('quick fixes for every certain fix', () => {
  it('turns each fix into a code action whose edit removes its finding', async () => {
    const text = `<dialplan name="Root">
  <menu name="m" maxdigits="1">
    <play type="tts" voice="femaleSpanish">Hi</play>
    <keypress pressed="1"><goto>mm</goto></keypress>
    <keypress pressed="default"><hangup/></keypress>
  </menu>
  <transfer musiconhold="Silent">2135551212</transfer>
</dialplan>
`;
    const { uri, diagnostics } = await openPlan(text);
    const fixable = diagnostics.filter((d) => (d.data as { fix?: unknown } | undefined)?.fix);
    // a misspelt attribute (schema), two legacy values, a goto with one close name
    expect(fixable.map((d) => d.code).sort()).toEqual(['legacy-value', 'legacy-value', 'schema', 'unknown-goto-target']);
    for (const d of fixable) {
      const actions = (await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as Array<{
        edit: { changes: Record<string, TextEdit[]> };
      }>;
      expect(actions).toHaveLength(1);
      const fixed = apply(text, actions[0]!.edit.changes[uri]!);
      const after = (await openPlan(fixed)).diagnostics;
      expect(after.filter((x) => x.code === d.code && x.message === d.message)).toEqual([]);
    }
  });
});

describe('which files', () => {
  it('leaves documents of other languages and names alone', async () => {
    const other = newUri('other');
    const notXml = fileUri(join(dir, 'plan.txt'));
    server.open(other, PLAN, 'plaintext');
    server.open(notXml, PLAN, 'xml');
    const { diagnostics } = await openPlan(PLAN, newUri());
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(server.latest(other)).toBeUndefined();
    expect(server.latest(notXml)).toBeUndefined();
    const items = await complete(other, at(PLAN, '<menu', 1));
    expect(items).toEqual([]);
  });

  it('narrows to the files matching the dialplan.files setting', async () => {
    const narrowed = await startServer({ rootUri: fileUri(dir), initializationOptions: { files: ['plans/**/*.xml'], debounceMs: 0 } });
    try {
      const inside = fileUri(join(dir, 'plans', 'a', 'x.xml'));
      const outside = fileUri(join(dir, 'pom.xml'));
      narrowed.open(outside, PLAN, 'xml');
      const got = narrowed.diagnostics(inside);
      narrowed.open(inside, PLAN, 'xml');
      expect((await got).length).toBeGreaterThan(0);
      expect(narrowed.latest(outside)).toBeUndefined();
    } finally {
      expect(await narrowed.stop()).toBe(0);
    }
  });
});
