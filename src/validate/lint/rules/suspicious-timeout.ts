import { elementName } from '../../../ast/nodes.js';
import { isWholeNumber } from '../../../language/values.js';
import { elementsOf } from '../helpers/tagged.js';
import type { ReportExtras, Rule } from '../types.js';

/** The tags with a timeout (wait's is its content). */
const TAGS = ['menu', 'record', 'transfer', 'wait'];

/** Findings point at the `timeout` value. */
const TIMEOUT: ReportExtras = { at: { attribute: 'timeout' } };

interface Params {
  readonly tag: string;
  readonly value: number;
  readonly reading: string;
  readonly hint: string;
}

/** Timeouts whose value reads in a unit the author probably did not mean. */
export const suspiciousTimeout: Rule<Params> = {
  name: 'suspicious-timeout',
  severity: 'warning',
  description: 'A timeout looks written in the wrong unit (menu: 1000 or 61-999; record below 1000 ms; transfer or wait of 1000 s or more).',
  docs: {
    details:
      'Units differ per tag. `menu@timeout` is read as seconds up to 1000 and as milliseconds above ' +
      '("over 1,000 is considered milliseconds"), so `timeout="1000"` (used in two CallFire samples to mean one ' +
      'second) waits 1000 seconds, and values from 61 to 999 are minutes of silence, most likely meant as ' +
      'milliseconds. `record@timeout` is in milliseconds, so a value under 1000 stops the recording within a ' +
      'second. `transfer@timeout` and `<wait>` are in seconds: 1000 or more is over 16 minutes.',
    bad: '<menu maxDigits="1" timeout="1000">\n  <play type="tts">Press 1.</play>\n  <keypress pressed="1"><hangup/></keypress>\n</menu>',
    good: '<menu maxDigits="1" timeout="5000">\n  <play type="tts">Press 1.</play>\n  <keypress pressed="1"><hangup/></keypress>\n</menu>',
  },
  message: ({ tag, value, reading, hint }) => `<${tag}> timeout ${value} is read as ${reading}; ${hint}.`,
  check(ctx, report) {
    // an index, not for...of: this runs once per lint, mostly before it is optimised, where each step of an iterator is an object
    const nodes = elementsOf(ctx, TAGS);
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n]!;
      const tag = elementName(node);
      if (tag === 'menu') {
        const t = ctx.intAttr(node, 'timeout');
        if (t === 1000) report(node, { tag, value: t, reading: '1000 seconds (only values over 1000 are milliseconds)', hint: 'write 1 for one second, or 1001 and up for milliseconds' }, TIMEOUT);
        else if (t !== undefined && t > 60 && t < 1000) report(node, { tag, value: t, reading: `${t} seconds`, hint: `if ${t} milliseconds was meant, CallFire cannot wait under a second; use seconds (1-60) or milliseconds over 1000` }, TIMEOUT);
      } else if (tag === 'record') {
        const t = ctx.intAttr(node, 'timeout');
        if (t !== undefined && t > 0 && t < 1000) report(node, { tag, value: t, reading: `${t} milliseconds`, hint: `for ${t} seconds write ${t * 1000}` }, TIMEOUT);
      } else if (tag === 'transfer') {
        const t = ctx.intAttr(node, 'timeout');
        if (t !== undefined && t >= 1000) report(node, { tag, value: t, reading: `${t} seconds (${Math.round(t / 60)} minutes)`, hint: `transfer timeouts are in seconds; for ${t} milliseconds write ${Math.max(1, Math.round(t / 1000))}` }, TIMEOUT);
      } else if (tag === 'wait') {
        const text = ctx.text(node);
        const t = isWholeNumber(text) ? Number(text) : undefined;
        if (t !== undefined && t >= 1000) report(node, { tag, value: t, reading: `${t} seconds (${Math.round(t / 60)} minutes)`, hint: `wait is in seconds; for ${t} milliseconds write ${Math.max(1, Math.round(t / 1000))}` }, { at: { text: true } });
      }
    }
  },
};
