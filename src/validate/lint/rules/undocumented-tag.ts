import { elementName } from '../../../ast/nodes.js';
import { CATALOG, tagSpec, type TagName } from '../../../language/catalog.js';
import { elementsOf } from '../helpers/tagged.js';
import type { Rule } from '../types.js';

interface Params {
  readonly tag: string;
  readonly instead: string | undefined;
}

const INSTEAD: Readonly<Record<string, string>> = { text: 'sms' };

/** The tags CallFire does not document. */
const UNDOCUMENTED = (Object.keys(CATALOG) as TagName[]).filter((tag) => !tagSpec(tag).documented);

/** Tags known only from SDK code. */
export const undocumentedTag: Rule<Params> = {
  name: 'undocumented-tag',
  severity: 'warning',
  description: 'A tag known only from SDK code (gotoXML, dtmf, analytics, gtalk, text) is used.',
  docs: {
    details:
      'CallFire\'s PHP SDK models `gotoXML`, `dtmf`, `analytics`, `gtalk` and `text`, but no CallFire page documents ' +
      'them and no sample uses them, so whether the platform still runs them is unknown. `text` looks like an older ' +
      'name of `sms`.',
    bad: '<text to="${call.callerid}">Your code is 1234.</text>',
    good: '<sms to="${call.callerid}">Your code is 1234.</sms>',
  },
  message: ({ tag, instead }) =>
    `<${tag}> is not documented by CallFire (SDK code only) and may not run.` + (instead ? ` Use <${instead}> instead.` : ''),
  check(ctx, report) {
    for (const node of elementsOf(ctx, UNDOCUMENTED)) {
      const tag = elementName(node);
      report(node, { tag, instead: INSTEAD[tag] });
    }
  },
};
