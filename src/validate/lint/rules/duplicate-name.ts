import { elementName } from '../../../ast/nodes.js';
import type { Rule } from '../types.js';

interface Params {
  readonly name: string;
  readonly firstTag: string;
  readonly firstLine: number | undefined;
  readonly firstPath: string;
}

/** Two tags with the same `name`. */
export const duplicateName: Rule<Params> = {
  name: 'duplicate-name',
  severity: 'error',
  description: 'Two tags share a `name`, so a goto to it is ambiguous.',
  docs: {
    details:
      'Every `name` is "a unique name for the tag" (all CallFire tag pages) and serves as a goto label. When ' +
      'two tags share one, which of them a `<goto>` reaches is undefined. Each repeated name is reported at ' +
      'every tag after the first.',
    bad: '<play name="intro" type="tts">Welcome.</play>\n<menu name="intro">\n  <play type="tts">Press 1.</play>\n  <keypress pressed="1"><hangup/></keypress>\n</menu>',
    good: '<play name="intro" type="tts">Welcome.</play>\n<menu name="mainMenu">\n  <play type="tts">Press 1.</play>\n  <keypress pressed="1"><hangup/></keypress>\n</menu>',
  },
  message: ({ name, firstTag, firstLine, firstPath }) =>
    `The name "${name}" is already used by <${firstTag}> ${firstLine !== undefined ? `on line ${firstLine}` : `at ${firstPath}`}; a goto to it is ambiguous.`,
  check(ctx, report) {
    // forEach and an index, not entries and slice(1): most names are used once, and a plan
    // has thousands, so a pair and an empty copy per name were garbage on every lint
    ctx.names.forEach((nodes, name) => {
      if (nodes.length < 2) return;
      const first = nodes[0]!;
      for (let i = 1; i < nodes.length; i++) {
        report(nodes[i]!, { name, firstTag: elementName(first), firstLine: first.loc?.line, firstPath: ctx.pathOf(first) }, { at: { attribute: 'name' } });
      }
    });
  },
};
