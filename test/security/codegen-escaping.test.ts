/**
 * Issue 15 item 1: text from a plan must never become code in the TypeScript `convert` writes.
 * Each hostile string below tries to end the context it lands in (a `//` comment line, a
 * single-quoted string, a template, a block comment, an inline script) and run
 * `globalThis.__pwned = …`. Every one goes through every place codegen writes text; the
 * generated module is then RUN, and must only build the plan: nothing set on globalThis, and
 * the rebuilt plan holds exactly the text the XML held.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { elementChildren, textOf, type ElementNode } from '../../src/ast/nodes.js';
import { loadFlow } from '../../src/cli/load-flow.js';
import { jsText } from '../../src/codegen/js-text.js';
import { toTypeScript } from '../../src/codegen/typescript.js';
import { parse } from '../../src/parse/parse.js';

const INDEX = fileURLToPath(new URL('../../src/index.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'codegen-escaping-'));
const RUN = 'globalThis.__pwned = (globalThis.__pwned ?? 0) + 1;';

/** Every JavaScript line terminator, and every quote or sequence that ends a context. */
const ENDERS: Readonly<Record<string, string>> = {
  LF: '\n',
  CR: '\r',
  CRLF: '\r\n',
  LS: '\u2028',
  PS: '\u2029',
  NEL: '\u0085',
  quote: "')",
  'double quote': '")',
  backtick: '`)',
  'backslash quote': "\\')",
  interpolation: '${',
  'block comment end': '*/',
  'script end': '</script><script>',
  'HTML comment': '<!--',
};

/** `text` for an XML attribute or text: markup escaped, every control or line terminator as a character reference. */
const xmlText = (text: string) =>
  text.replace(/[&<>"'\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);

/** A plan with `payload` in every place convert writes text: comments before, inside and after the root, names, expressions, values, prompts. */
function hostilePlan(payload: string): string {
  const t = xmlText(payload);
  // the builder refuses line breaks in attributes (XML would turn them into spaces); LS stands in
  const a = xmlText(payload.replace(/\r\n|\r|\n/g, '\u2028'));
  // an XML comment cannot hold `--`; there the payload keeps its other characters
  const c = payload.replace(/--/g, '');
  return `<?xml version="1.0"?>
<!--${c}-->
<dialplan name="${a}">
  <!--${c}-->
  <play type="tts" name="${a}">${t}</play>
  <setvar varname="v">${t}</setvar>
  <if expr="${a}"><play type="tts">${t}</play><else><hangup/></else></if>
  <equal var="v" expr="${a}"><hangup/></equal>
  <menu name="m${a}"><play type="tts">${t}</play><keypress pressed="1"><stash varname="s">${t}</stash></keypress></menu>
  <post>https://example.com/?q=${t}</post>
</dialplan>
<!--${c}-->
`;
}

/**
 * Every text value of the tree, in order: what the rebuilt plan must reproduce. Line breaks as
 * XML readers hand them back: the builder stores `\r\n` and `\r` in text as `\n`.
 */
function texts(el: ElementNode): string[] {
  const out: string[] = Object.entries(el.attributes)
    .map(([k, v]) => `${k}=${v}`)
    .sort();
  const children = elementChildren(el) as ElementNode[];
  if (children.length === 0) out.push(textOf(el).replace(/\r\n?/g, '\n'));
  for (const child of children) out.push(`<${child.kind}>`, ...texts(child));
  return out;
}

afterEach(() => {
  delete (globalThis as { __pwned?: unknown }).__pwned;
});

describe('convert writes text from the plan as data only', () => {
  for (const [name, ender] of Object.entries(ENDERS)) {
    it(`${name}: the generated module runs nothing but the builder`, async () => {
      const payload = `x${ender} ${RUN} ${ender}//x`;
      const before = parse(hostilePlan(payload));
      expect(before.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const { code } = toTypeScript(before.document!, { importFrom: INDEX });
      // nothing in the module can end a context: no raw line terminator but \n, no closing tags or comment ends
      expect(code).not.toMatch(/[\r\u2028\u2029\u0085]|<\/script|<!--|\*\/|\$\{|(?<!\\)`/i);
      const file = join(dir, `${name.replace(/\W/g, '_')}.ts`);
      writeFileSync(file, code);
      const after = await loadFlow(file);
      expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
      expect(texts(after.root)).toEqual(texts(before.document!.root));
      // and the comment in the body came back with every character
      expect(after.root.children.find((n) => n.kind === '#comment')).toMatchObject({ text: payload.replace(/--/g, '').replace(/\r\n?/g, '\n') });
    });
  }
});

describe('jsText', () => {
  it('reads back as the same text in single, double and template literals', () => {
    const all = Object.values(ENDERS).join('|') + '\u0000\u001b\ufeff\ud800x\udc00\\';
    for (const [open, close] of [["'", "'"], ['"', '"'], ['`', '`']] as const) {
      expect(new Function(`return ${open}${jsText(all)}${close};`)()).toBe(all);
    }
  });
});
