import { readSites, siteAt } from '../helpers/reads.js';
import { replaceFix } from '../fixes.js';
import type { Rule } from '../types.js';

interface Params {
  readonly problem: 'unclosed' | 'empty' | 'no-braces';
  readonly excerpt: string;
  readonly where: string;
}

const BARE_DOLLAR = /\$(?!\{)/;

/** `${` without `}`, `${}`, and `$call.x` written without braces. */
export const variableSyntax: Rule<Params> = {
  name: 'variable-syntax',
  severity: 'warning',
  description: 'A variable reference is malformed: `${` without its `}`, an empty `${}`, or `$call.x` without braces.',
  docs: {
    details:
      'Variables are written `${name}` (HELP-sysvars). A reference missing its closing brace, an empty one, or a ' +
      'system variable written `$call.lastinput` (a typo found on CallFire\'s own notEqual page) is sent to the ' +
      'caller or the expression engine as literal text.',
    bad: '<notEqual var="5" expr="1 + $call.lastinput">\n  <play type="tts">Not five.</play>\n</notEqual>',
    good: '<notEqual var="5" expr="1 + ${call.lastinput}">\n  <play type="tts">Not five.</play>\n</notEqual>',
  },
  fixable: 'A system variable written without braces (`$call.lastinput`) gets its braces; unclosed and empty references are left to the author.',
  message: ({ problem, excerpt, where }) => {
    const at = where === 'text' ? 'in the text' : `in ${where}`;
    if (problem === 'unclosed') return `"${excerpt}" ${at} opens a variable reference that is never closed with "}".`;
    if (problem === 'empty') return `Empty variable reference "\${}" ${at}.`;
    return `"${excerpt}" ${at} looks like a variable without braces; write "\${${excerpt.slice(1)}}".`;
  },
  check(ctx, report) {
    // every problem here starts with a `$`, and every read site holds one
    for (const site = readSites(ctx); site.next(); ) {
      const { unclosed, refs } = site.scan;
      for (let u = 0; u < unclosed.length; u++) {
        const { start } = unclosed[u]!;
        report(site.node, { problem: 'unclosed', excerpt: site.value.slice(start, start + 24).trim(), where: site.where }, { at: siteAt(site, { start, end: start + 2 }) });
      }
      for (let r = 0; r < refs.length; r++) {
        const ref = refs[r]!;
        if (ref.name.trim() === '') report(site.node, { problem: 'empty', excerpt: '${}', where: site.where }, { at: siteAt(site, ref) });
      }
      // a `$` not opening `${` is rare: the search for `$call.x` runs only where there is one
      if (!BARE_DOLLAR.test(site.value)) continue;
      for (const m of site.value.matchAll(/\$(?!\{)((?:call|global|contact)\.[A-Za-z][\w.]*)/g)) {
        const excerpt = `$${m[1]!.replace(/\.$/, '')}`;
        const at = siteAt(site, { start: m.index, end: m.index + excerpt.length });
        const fix = replaceFix(site.node, at, `\${${excerpt.slice(1)}}`, `Write \${${excerpt.slice(1)}}`);
        report(site.node, { problem: 'no-braces', excerpt, where: site.where }, { at, fix });
      }
    }
  },
};
