/**
 * `format()`: the canonical layout keeps the plan (parse(format(x)) is parse(x)), keeps every
 * text CallFire reads as written, keeps comments where they stand, and is idempotent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format, MAX_INDENT } from '../../src/format/format.js';
import { parse } from '../../src/parse/parse.js';
import { buildPlan, planSteps } from '../builder/arbitraries.js';
import { corpusFiles, corpusPresent, readCorpus, stripLoc } from '../util.js';

const fmt = (xml: string, indent?: number | 'tab') => {
  const r = format(xml, indent === undefined ? {} : { indent });
  expect(r.diagnostics).toEqual([]);
  return r.text!;
};

/** format keeps the plan and is idempotent. */
function holds(xml: string, label: string): string {
  const out = fmt(xml);
  expect(stripLoc(parse(out).document), `${label}: same plan`).toEqual(stripLoc(parse(xml).document));
  expect(fmt(out), `${label}: idempotent`).toBe(out);
  return out;
}

describe('format(): the canonical layout', () => {
  it('refuses an indent it does not take, as fmt --indent and the config schema do, rather than formatting with another', () => {
    const xml = '<dialplan name="R"><hangup/></dialplan>';
    for (const [indent, shown] of [['x', '"x"'], [9, '9'], [-1, '-1'], [2.5, '2.5'], [null, 'null']] as const) {
      expect(() => format(xml, { indent } as never)).toThrow(new TypeError(`format() takes an indent of 0 to 8 spaces or 'tab'; got ${shown}`));
    }
    expect(format(xml, { indent: 8 }).text).toContain('\n        <hangup/>');
    expect(format(xml, { indent: 0 }).text).toBe('<dialplan name="R">\n<hangup/>\n</dialplan>\n');
    // the configuration file's schema allows the same range
    const schema = JSON.parse(readFileSync(new URL('../../schemas/dialplanrc.schema.json', import.meta.url), 'utf8'));
    expect(schema.properties.fmt.properties.indent.oneOf).toEqual([{ type: 'integer', minimum: 0, maximum: MAX_INDENT }, { const: 'tab' }]);
  });

  it('indents containers, orders attributes as the catalog does and writes double quotes', () => {
    const xml = `<dialplan name='R'><menu timeout="5" maxDigits="1" name="m"><play voice="female1" type="tts">Hi</play><keypress pressed="1"><hangup></hangup></keypress></menu><play name="x" type="tts" voice='say "hi"'>Bye</play><menu>  </menu></dialplan>`;
    expect(fmt(xml)).toBe(
      [
        '<dialplan name="R">',
        '  <menu name="m" maxDigits="1" timeout="5">',
        '    <play type="tts" voice="female1">Hi</play>',
        '    <keypress pressed="1">',
        '      <hangup/>',
        '    </keypress>',
        '  </menu>',
        '  <play name="x" type="tts" voice="say &quot;hi&quot;">Bye</play>',
        '  <menu/>',
        '</dialplan>',
        '',
      ].join('\n'),
    );
  });

  it('never changes text CallFire reads: leaf content, entities, CDATA, line breaks inside', () => {
    const leaf = '<play type="tts">  Hi &amp; &#233; <![CDATA[<vtml_speed value="60">]]>\n     there  </play>';
    const out = holds(`<dialplan>\n<menu>${leaf}<keypress pressed="1"><goto> x </goto></keypress></menu><setvar varname="v">\${a} + 1</setvar></dialplan>`, 'leaf');
    expect(out).toContain(`    ${leaf}\n`);
    expect(out).toContain('<goto> x </goto>');
    expect(out).toContain('<setvar varname="v">${a} + 1</setvar>');
  });

  it('keeps attribute values as written, entities and tabs included', () => {
    const out = holds('<dialplan><if expr="${a} &lt; 3 &amp;&amp; ${b}&#9;!= 1"><hangup/></if></dialplan>', 'values');
    expect(out).toContain('<if expr="${a} &lt; 3 &amp;&amp; ${b}&#9;!= 1">');
  });

  it('keeps comments where they stand: own line, end of line, inside text, before and after the root', () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!-- top -->',
      '<dialplan name="R"><menu name="m">  <!-- the main menu -->',
      '<!-- dialplan-disable-next-line menu-without-fallback -->',
      '      <keypress pressed="1"><goto>m</goto></keypress> <!-- again -->',
      '<play type="tts">Hi <!-- inside --> there</play></menu>',
      '</dialplan>',
      '<!-- end -->',
    ].join('\n');
    expect(holds(xml, 'comments')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!-- top -->',
        '<dialplan name="R">',
        '  <menu name="m"> <!-- the main menu -->',
        '    <!-- dialplan-disable-next-line menu-without-fallback -->',
        '    <keypress pressed="1">',
        '      <goto>m</goto>',
        '    </keypress> <!-- again -->',
        '    <play type="tts">Hi <!-- inside --> there</play>',
        '  </menu>',
        '</dialplan>',
        '<!-- end -->',
        '',
      ].join('\n'),
    );
  });

  it('keeps one blank line where the source had blank lines between tags', () => {
    const out = holds('<dialplan>\n  <play type="tts">A</play>\n\n\n\n  <hangup/>\n  <hangup/>\n</dialplan>', 'blank');
    expect(out).toBe('<dialplan>\n  <play type="tts">A</play>\n\n  <hangup/>\n  <hangup/>\n</dialplan>\n');
  });

  it('copies a container holding stray text, and an unknown tag, as written', () => {
    const out = holds('<dialplan><menu>oops <play type="tts">A</play></menu><bogus a="1"><x/> t</bogus></dialplan>', 'stray');
    expect(out).toBe('<dialplan>\n  <menu>oops <play type="tts">A</play></menu>\n  <bogus a="1"><x/> t</bogus>\n</dialplan>\n');
  });

  it('keeps CRLF line endings and a byte-order mark; indents with tabs or n spaces', () => {
    const xml = '\ufeff<dialplan>\r\n<menu><play type="tts">A\r\nB</play></menu>\r\n</dialplan>\r\n';
    const out = fmt(xml);
    expect(out).toBe('\ufeff<dialplan>\r\n  <menu>\r\n    <play type="tts">A\r\nB</play>\r\n  </menu>\r\n</dialplan>\r\n');
    expect(stripLoc(parse(out).document)).toEqual(stripLoc(parse(xml).document));
    expect(fmt('<dialplan><menu><hangup/></menu></dialplan>', 'tab')).toBe('<dialplan>\n\t<menu>\n\t\t<hangup/>\n\t</menu>\n</dialplan>\n');
    expect(fmt('<dialplan><menu><hangup/></menu></dialplan>', 4)).toBe('<dialplan>\n    <menu>\n        <hangup/>\n    </menu>\n</dialplan>\n');
  });

  it('reports XML it cannot read instead of formatting it', () => {
    const r = format('<dialplan><play>x</dialplan>');
    expect(r.text).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ rule: 'xml-syntax', line: 1 });
  });

  it('refuses a processing instruction it could not put back, rather than dropping it', () => {
    const r = format('<dialplan>\n  <?app keep me?>\n  <hangup/>\n</dialplan>');
    expect(r.text).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ rule: 'xml-syntax', line: 2, column: 3 });
    // in a comment or CDATA it is text, not an instruction
    expect(format('<dialplan><!-- <?x?> --><play type="tts"><![CDATA[<?y?>]]></play></dialplan>').text).toBeDefined();
  });

  it('formats a plan built with the DSL (compiled first)', () => {
    const plan = buildPlan({ steps: [{ op: 'hangup', options: {} }] });
    expect(format(plan).text).toBe(format(plan.toXml()).text);
  });

  it('keeps the plan of every example and fixture in the repository', () => {
    const dirs = ['examples', 'test/fixtures/xsd/valid', 'test/fixtures/graph', 'test/fixtures/simulate'];
    const lintDir = new URL('../fixtures/lint/', import.meta.url);
    const files = [
      ...dirs.flatMap((d) => readdirSync(new URL(`../../${d}/`, import.meta.url)).filter((f) => f.endsWith('.xml')).map((f) => new URL(`../../${d}/${f}`, import.meta.url))),
      ...readdirSync(lintDir).flatMap((d) => ['fail.xml', 'pass.xml'].map((f) => new URL(`${d}/${f}`, lintDir))),
    ];
    expect(files.length).toBeGreaterThan(55);
    for (const f of files) holds(readFileSync(f, 'utf8'), f.pathname);
  });

  it('leaves compiled output as it is: compile() already writes this layout', () => {
    for (const f of readdirSync(new URL('../../examples/', import.meta.url)).filter((x) => x.endsWith('.xml'))) {
      const xml = readFileSync(new URL(`../../examples/${f}`, import.meta.url), 'utf8');
      expect(fmt(xml), f).toBe(xml);
    }
  });
});

describe('format(): random plans', () => {
  it('keeps the plan of compiled random plans, pretty or on one line, and the two format the same', () => {
    fc.assert(
      fc.property(planSteps, (p) => {
        const plan = buildPlan(p);
        const pretty = plan.toXml({ pretty: true });
        const compact = plan.toXml({ pretty: false });
        const a = holds(pretty, 'pretty');
        expect(holds(compact, 'compact')).toBe(a);
        expect(a).toBe(pretty);
      }),
      { numRuns: 150 },
    );
  });
});

describe.skipIf(!corpusPresent)('format(): the real dialplans', () => {
  it.each(corpusFiles)('%s keeps its plan and formats idempotently', (file) => {
    holds(readCorpus(file), file);
  });
});
