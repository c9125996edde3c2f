/**
 * The plans and scripts whose transcripts test/simulate/transcripts.test.ts holds against a
 * committed snapshot, so a change to the engine (a cache, a fast path) shows any transcript it
 * changes. All our own: the examples, the repository's test fixtures, the benchmark's plan and
 * the expression plans below, written to reach every way a `${…}` reference can stand in an
 * expression (code, string, template, regular expression, comment, glued to a number) and the
 * ways an expression can fail.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Script } from '../../src/simulate/types.js';
import { benchPlan, scripts as benchScripts } from '../../bench/lib/simulate-plan.js';

/** One plan, named by where it comes from, with the scripts to run through it. */
export interface SnapshotPlan {
  readonly name: string;
  readonly xml: string;
  readonly scripts: readonly Script[];
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Scripts that drive most plans down several ways: menus, amd, transfers, timeouts, hang-ups, clock. */
export const COMMON: readonly Script[] = [
  {},
  { answer: 'machine' },
  { keys: ['1', '1', '1'] },
  { keys: ['2', '2', '2'] },
  { keys: ['3', '9', '0', '1'] },
  { keys: ['8', '205#', '1'] },
  { keys: ['timeout', 'timeout', 'timeout', 'timeout'] },
  { keys: ['12345#', '3', '1'], transfer: 'no-answer' },
  { keys: ['1', 'hangup'], transfer: 'busy' },
  { keys: ['9', '9', '9', '9'], clock: '2026-01-10T23:30:00Z', answer: 'machine' },
  { keys: ['2', '1'], vars: { flag: 'true', n: 7 }, contact: { firstName: 'Ann' }, seed: 7 },
];

/** Every `${…}` position the expression preparer tells apart, and values that change how they read. */
const EXPRESSIONS = `<dialplan name="Expressions">
  <setvar varname="n">42</setvar>
  <setvar varname="who">O'Brien said "hi"</setvar>
  <setvar varname="sum">\${n}+8</setvar>
  <setvar varname="glued">1\${n}</setvar>
  <setvar varname="length">'\${who}'.length</setvar>
  <setvar varname="shout">'\${who}'.toUpperCase()</setvar>
  <setvar varname="commented">\${n} /* \${missing} */ + 1</setvar>
  <setvar varname="nested">\${choice\${n}}</setvar>
  <setvar varname="size">\${n} &gt; 40 ? 'big' : 'small'</setvar>
  <setvar varname="dice">Math.floor(Math.random() * 100)</setvar>
  <setvar varname="today">new Date().toISOString().slice(0, 10)</setvar>
  <setvar varname="digits">"\${call.callerid}".split("").join(" ")</setvar>
  <setvar varname="templ">\`n is \${n} and \${who}\`</setvar>
  <setvar varname="match">/^\${n}$/.test('42')</setvar>
  <setvar varname="both">\${flag} &amp;&amp; \${n} &gt; 10</setvar>
  <setvar varname="either">\${unset} || 'fallback'</setvar>
  <setvar varname="nullish">\${unset} ?? 'kept'</setvar>
  <setvar varname="neg">-\${n} * 2 % 5</setvar>
  <setvar varname="ratio">\${n} / 0</setvar>
  <setvar varname="loose">\${n} == '42'</setvar>
  <setvar varname="strict">\${n} === '42'</setvar>
  <setvar varname="concat">'\${contact.firstName}' + '-' + \${n}</setvar>
  <setvar varname="paren">((\${n} + 1) * (\${n} - 1))</setvar>
  <setvar varname="words">Homer Simpson</setvar>
  <setvar varname="url">https://example.com/a?b=\${n}</setvar>
  <setvar varname="dashes">213-555-\${n}</setvar>
  <stash varname="kept">\${sum} - \${n}</stash>
  <stash varname="plain">yes</stash>
  <if expr="'\${call.lastinput}' == ''">
    <play type="tts">No input yet. n is \${n}, sum \${sum}, glued \${glued}, length \${length}.</play>
  </if>
  <equal var="\${sum}" expr="\${n}+8">
    <play type="tts">Sum is right: \${sum}.</play>
  </equal>
  <notEqual var="\${shout}" expr="'\${who}'">
    <play type="tts">Shouted: \${shout}</play>
  </notEqual>
  <menu name="pick" maxDigits="2" timeout="3000">
    <play type="tts">Pick.</play>
    <keypress pressed="1">
      <setvar varname="n">\${n} + \${call.lastinput}</setvar>
      <if expr="\${n} % 2 == 1"><play type="tts">Odd \${n}.</play><else><play type="tts">Even \${n}.</play></else></if>
      <goto>pick</goto>
    </keypress>
    <keypress pressed="2">
      <if expr="\${flag} &amp;&amp; '\${contact.firstName}'.length &gt; 2"><play type="tts">Flag and a long name.</play></if>
      <if expr="typeof process === 'undefined'"><play type="tts">Sandboxed.</play></if>
      <hangup/>
    </keypress>
    <keypress pressed="3-9">
      <setvar varname="picked">'\${call.lastinput}'.padStart(4, '0')</setvar>
      <play type="tts">Picked \${picked} at \${call.path}.</play>
    </keypress>
    <keypress pressed="default"><play type="tts">Not that.</play><goto>pick</goto></keypress>
  </menu>
  <play type="tts">Done: \${nested}|\${either}|\${nullish}|\${neg}|\${ratio}|\${loose}|\${strict}|\${concat}|\${paren}|\${words}|\${url}|\${dashes}|\${templ}|\${match}|\${both}|\${dice}|\${today}|\${digits}|\${commented}|\${size}</play>
</dialplan>`;

/** Expressions that end the call with an error, one plan each (the first error ends a call). */
const FAILING: readonly [string, string][] = [
  ['joined-name', '<if expr="${n}${n} == 1"><play type="tts">never</play></if>'],
  ['syntax', '<if expr="${n} &gt;"><play type="tts">never</play></if>'],
  ['two-statements', '<setvar varname="x">1; 2</setvar><if expr="1; 2"><hangup/></if>'],
  ['throws', '<if expr="(() =&gt; { throw new TypeError(\'no ${n}\') })()"><hangup/></if>'],
  ['reference-error', '<setvar varname="x">Math.floor(nope)</setvar>'],
  ['empty-if', '<if expr=" "><hangup/></if>'],
  ['slow', '<if expr="(() =&gt; { for (;;) {} })()"><hangup/></if>'],
  ['html-comment', '<if expr="1 &lt;!-- 2"><hangup/></if>'],
  ['injected', '<setvar varname="who">Bob\' || true || \'</setvar><if expr="\'${who}\' == \'x\'"><play type="tts">injected</play><else><play type="tts">data stayed data</play></else></if>'],
];

function xmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = `${dir}/${entry}`;
    if (statSync(path).isDirectory()) out.push(...xmlFiles(path));
    else if (entry.endsWith('.xml')) out.push(path);
  }
  return out;
}

/** The plans of the snapshot, in a fixed order. */
export function snapshotPlans(): SnapshotPlan[] {
  const plans: SnapshotPlan[] = [];
  for (const path of [...xmlFiles(`${ROOT}examples`), ...xmlFiles(`${ROOT}test/fixtures`)]) {
    plans.push({ name: path.slice(ROOT.length), xml: readFileSync(path, 'utf8'), scripts: COMMON });
  }
  plans.push({ name: 'bench/lib/simulate-plan.ts', xml: benchPlan(), scripts: benchScripts(20).map((keys) => ({ keys })) });
  plans.push({ name: 'expressions', xml: EXPRESSIONS, scripts: [...COMMON, { keys: ['1', '1', '3'], vars: { n: 'x' } }, { keys: ['2'], vars: { flag: '0' }, contact: { FIRSTNAME: 'Bo' } }] });
  for (const [name, body] of FAILING) {
    plans.push({ name: `failing/${name}`, xml: `<dialplan name="Root"><setvar varname="n">5</setvar>${body}<play type="tts">after</play></dialplan>`, scripts: [{}] });
  }
  return plans;
}
