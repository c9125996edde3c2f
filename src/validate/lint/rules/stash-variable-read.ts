import { readSites, siteAt } from '../helpers/reads.js';
import type { Rule } from '../types.js';

interface Params {
  readonly name: string;
  readonly stashLine: number | undefined;
}

/** `${x}` where `x` is only ever written by `<stash>`. */
export const stashVariableRead: Rule<Params> = {
  name: 'stash-variable-read',
  severity: 'warning',
  description: 'A `${name}` reads a key that only `<stash>` writes; stash does not make values readable later.',
  docs: {
    details:
      'CallFire\'s stash pages say `<stash>` "stores the contents of the variable in the Call Detail Report -- it does ' +
      'not make the contents available for later reference. To create a variable for later reference, see the ' +
      '`<setvar>` tag." (The same pages then read a stashed value, so the behaviour is uncertain.) ' +
      'Set the value with `<setvar>` too when it is read later.',
    bad: '<stash varname="answer">${call.lastinput}</stash>\n<play type="tts">You chose ${answer}.</play>',
    good: '<setvar varname="answer">${call.lastinput}</setvar>\n<stash varname="answer">${answer}</stash>\n<play type="tts">You chose ${answer}.</play>',
  },
  message: ({ name, stashLine }) =>
    `\${${name}} is only written by <stash>${stashLine !== undefined ? ` (line ${stashLine})` : ''}, which does not make it readable later; set it with <setvar>.`,
  check(ctx, report) {
    const { stashed } = ctx;
    // nothing stashed, nothing to report: most plans stash nothing
    if (stashed.size === 0) return;
    for (const site = readSites(ctx); site.next(); ) {
      const refs = site.scan.refs;
      for (let r = 0; r < refs.length; r++) {
        const ref = refs[r]!;
        const name = ref.name.trim();
        const stashes = stashed.get(name);
        if (!stashes || ctx.variablesSet.has(name) || ctx.fitsDynamicVariable(name)) continue;
        report(site.node, { name, stashLine: stashes[0]!.loc?.line }, { at: siteAt(site, ref) });
      }
    }
  },
};
