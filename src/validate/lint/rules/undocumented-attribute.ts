import { elementName } from '../../../ast/nodes.js';
import { CATALOG, tagSpec, type TagName } from '../../../language/catalog.js';
import { elementsOf } from '../helpers/tagged.js';
import type { Rule } from '../types.js';

interface Params {
  readonly tag: string;
  readonly attribute: string;
}

/** The documented tags that have an attribute known only from SDKs or third-party code (read from the catalog). */
const HAS_UNDOCUMENTED: readonly TagName[] = (Object.keys(CATALOG) as TagName[]).filter((tag) => {
  const spec = tagSpec(tag);
  return spec.documented && Object.values(spec.attributes).some((a) => !a.documented);
});

/** Attributes known only from SDKs or third-party code. */
export const undocumentedAttribute: Rule<Params> = {
  name: 'undocumented-attribute',
  severity: 'warning',
  description: 'An attribute known only from SDK or third-party code is used (for example `transfer@screen`, `record@background`).',
  docs: {
    details:
      'Some attributes appear only in CallFire\'s SDKs or in third-party code, never on a CallFire page: ' +
      '`dialplan@loggingEnabled`, `dnc@loggingEnabled`, `transfer@calleridalpha`, `transfer@screen`, ' +
      '`record@background`, `record@timeout`, `catch@value` and the attributes of the SDK-only tags. They may be ' +
      'ignored. Attributes of undocumented tags are left to `undocumented-tag`. None of them has a documented ' +
      'equivalent, so there is no fix; an attribute that misspells a documented one (`callerID`, `maxdigits`) is ' +
      'a `schema` error, whose fix writes the documented name.',
    bad: '<transfer screen="true" whisper-tts="Call for sales. Press 1 to accept.">2135551212</transfer>',
    good: '<transfer whisper-tts="Call for sales.">2135551212</transfer>',
  },
  message: ({ tag, attribute }) => `<${tag} ${attribute}> is not documented by CallFire (SDK or third-party code only) and may be ignored.`,
  check(ctx, report) {
    // most tags have no undocumented attribute: their attributes are not looked at
    for (const node of elementsOf(ctx, HAS_UNDOCUMENTED)) {
      const tag = elementName(node) as TagName;
      const specs = tagSpec(tag).attributes;
      for (const a in node.attributes) {
        const spec = specs[a];
        if (spec && !spec.documented) report(node, { tag, attribute: a }, { at: { attribute: a, part: 'name' } });
      }
    }
  },
};
