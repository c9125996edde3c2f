import { elementName } from '../../../ast/nodes.js';
import { TypoIndex } from '../../../util/nearest.js';
import { DynamicNameMatcher } from '../../../language/variable-refs.js';
import { LIMITS } from '../../limits.js';
import { replaceFix } from '../fixes.js';
import { elementsOf } from '../helpers/tagged.js';
import type { FindingAt, Rule } from '../types.js';

/** The tags that jump: goto's content, catch's goto. */
const TAGS = ['goto', 'catch'];

interface Params {
  readonly target: string;
  readonly via: 'goto' | 'catch';
  readonly suggestion: string | undefined;
}

/** `<goto>x</goto>` or `<catch goto="x">` where no tag is named `x`. */
export const unknownGotoTarget: Rule<Params> = {
  name: 'unknown-goto-target',
  severity: 'error',
  description: 'A `<goto>` or `<catch goto>` names a tag that does not exist in the plan.',
  docs: {
    details:
      'A jump to a name no tag carries cannot be followed: CallFire reaches it during a live call and the call ' +
      'goes wrong there. Names are case-sensitive. When a tag with a similar name exists (a typo, a case ' +
      'difference), the message suggests it. A target built from variables (`<goto>menu_${lang}</goto>`) is ' +
      'accepted when at least one name fits it.',
    bad: '<menu name="mainMenu">\n  <play type="tts">Press 1.</play>\n  <keypress pressed="default">\n    <goto>mainmenu</goto>\n  </keypress>\n</menu>',
    good: '<menu name="mainMenu">\n  <play type="tts">Press 1.</play>\n  <keypress pressed="default">\n    <goto>mainMenu</goto>\n  </keypress>\n</menu>',
  },
  fixable: 'When exactly one name in the plan is a likely typo of the target, the fix writes that name.',
  message: ({ target, via, suggestion }) =>
    `${via === 'catch' ? '<catch goto>' : '<goto>'} names "${target}", but no tag has that name` +
    (suggestion !== undefined ? `; did you mean "${suggestion}"?` : '.'),
  check(ctx, report) {
    // indexed once per run, at the first unknown target: many unknown or dynamic targets must
    // not each scan every name
    let index: TypoIndex | undefined;
    const dynamic = new DynamicNameMatcher(ctx.names.keys(), ctx.index.dynamicGotoTargets);
    const { names } = ctx;
    // an empty target is the XSD's to report; one built from variables (`menu${lang}`) is fine when some name fits it
    const unknown = (target: string | undefined): target is string => !!target && !names.has(target) && !(target.includes('${') && dynamic.anyFits(target));
    // every target, each once, is in the index: a plan whose targets all exist has no goto to look at
    let any = false;
    for (const target of ctx.gotoTargets) if ((any = unknown(target))) break;
    if (!any) return;
    for (const node of elementsOf(ctx, TAGS)) {
      const tag = elementName(node);
      let target: string | undefined;
      if (tag === 'goto') target = ctx.text(node);
      else if (tag === 'catch') target = ctx.attr(node, 'goto')?.trim();
      if (!unknown(target)) continue;
      const at: FindingAt = tag === 'catch' ? { attribute: 'goto' } : { text: true };
      const typos = (index ??= new TypoIndex(ctx.names.keys(), LIMITS.suggestionWork));
      const suggestion = typos.nearest(target);
      // only one candidate leaves nothing to guess; dynamic targets are never rewritten
      const only = target.includes('${') ? [] : typos.closeMatches(target);
      const fix = only.length === 1 ? replaceFix(node, at, only[0]!, `Jump to "${only[0]}"`) : undefined;
      report(node, { target, via: tag === 'catch' ? 'catch' : 'goto', suggestion }, { at, fix });
    }
  },
};
