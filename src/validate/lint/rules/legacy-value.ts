import { elementName } from '../../../ast/nodes.js';
import { CATALOG, tagSpec, type TagName } from '../../../language/catalog.js';
import { currentSpelling } from '../../../language/values.js';
import { LEGACY_CONTACT_FIELD } from '../../../language/variables.js';
import { replaceFix } from '../fixes.js';
import { readSites, siteAt } from '../helpers/reads.js';
import { elementsOf } from '../helpers/tagged.js';
import type { FindingAt, Rule } from '../types.js';

interface Params {
  readonly what: string;
  readonly value: string;
  readonly instead: string;
}

/** The tags with an attribute that has old spellings (play@voice, transfer@musiconhold): the only ones looked at. */
const LEGACY_TAGS = (Object.keys(CATALOG) as TagName[]).filter((tag) => Object.values(tagSpec(tag).attributes).some((a) => a.legacyValues));

/** Old spellings: femaleSpanish, Silent, ${call.field.X}. */
export const legacyValue: Rule<Params> = {
  name: 'legacy-value',
  severity: 'warning',
  description: 'A value uses an old spelling: `voice="femaleSpanish"`, `musiconhold="Silent"` or `${call.field.X}`.',
  docs: {
    details:
      'Older CallFire pages use spellings the current documentation and samples replaced: the voice ' +
      '`femaleSpanish` (now `spanish1`), the hold music `Silent` (the list has `silence`) and contact columns read ' +
      'as `${call.field.e}` (now `${contact.e}`). They may still work, but nothing promises it.',
    bad: '<play type="tts" voice="femaleSpanish">Hola.</play>',
    good: '<play type="tts" voice="spanish1">Hola.</play>',
  },
  fixable: 'The fix writes the current spelling (`spanish1`, `silence`, `${contact.X}`).',
  message: ({ what, value, instead }) => `${what} "${value}" is an old spelling; use "${instead}".`,
  check(ctx, report) {
    for (const node of elementsOf(ctx, LEGACY_TAGS)) {
      const tag = elementName(node) as TagName;
      const specs = tagSpec(tag).attributes;
      for (const a in node.attributes) {
        const v = node.attributes[a]!;
        const spec = specs[a];
        if (spec?.legacyValues?.includes(v.trim())) {
          const instead = currentSpelling(spec, v);
          const at: FindingAt = { attribute: a };
          const fix = instead !== undefined ? replaceFix(node, at, instead, `Write ${a}="${instead}"`) : undefined;
          report(node, { what: `<${tag} ${a}>`, value: v.trim(), instead: instead ?? spec.values?.[0] ?? '' }, { at, fix });
        }
      }
    }
    for (const site = readSites(ctx); site.next(); ) {
      // a legacy contact field is a `${call.field.X}`: most values hold none
      if (!site.value.includes('call.field.')) continue;
      for (const ref of site.scan.refs) {
        const m = LEGACY_CONTACT_FIELD.exec(ref.name.trim());
        if (!m) continue;
        const instead = `\${contact.${m[1]}}`;
        const at = siteAt(site, ref);
        report(site.node, { what: 'The variable', value: `\${${ref.name.trim()}}`, instead }, { at, fix: replaceFix(site.node, at, instead, `Write ${instead}`) });
      }
    }
  },
};
