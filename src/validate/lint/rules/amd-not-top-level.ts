import { elementName } from '../../../ast/nodes.js';
import type { Rule } from '../types.js';

interface Params {
  readonly problem: 'nested' | 'repeated';
  readonly parent: string;
}

/** `<amd>` nested inside another tag, or more than once. */
export const amdNotTopLevel: Rule<Params> = {
  name: 'amd-not-top-level',
  severity: 'warning',
  description: '`<amd>` is nested inside another tag or appears more than once.',
  docs: {
    details:
      'Answering-machine detection decides once, when the call is answered, whether a person or a machine picked ' +
      'up. Every CallFire sample puts a single `<amd>` directly under `<dialplan>`, usually first; whether it works ' +
      'anywhere else is undocumented.',
    bad: '<menu>\n  <play type="tts">Hello.</play>\n  <keypress pressed="1">\n    <amd><live><hangup/></live><machine><hangup/></machine></amd>\n  </keypress>\n</menu>',
    good: '<amd>\n  <live><play type="tts">Hello.</play></live>\n  <machine><hangup/></machine>\n</amd>',
  },
  message: ({ problem, parent }) =>
    problem === 'nested'
      ? `<amd> inside <${parent}>: answering-machine detection is only known to work as a direct child of <dialplan>.`
      : '<amd> appears more than once; the machine is detected once per call.',
  check(ctx, report) {
    let count = 0;
    for (const node of ctx.ofTag('amd')) {
      const parent = ctx.parentOf(node);
      if (parent && elementName(parent) !== 'dialplan') report(node, { problem: 'nested', parent: elementName(parent) });
      else if (++count > 1) report(node, { problem: 'repeated', parent: 'dialplan' });
    }
  },
};
