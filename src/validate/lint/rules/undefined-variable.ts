import { CALL_VARIABLES, CONTACT_FIELDS, GLOBAL_VARIABLES, isSystemVariable } from '../../../language/variables.js';
import { TypoIndex } from '../../../util/nearest.js';
import { readSites, siteAt } from '../helpers/reads.js';
import { DynamicNameMatcher } from '../../../language/variable-refs.js';
import { LIMITS } from '../../limits.js';
import type { AnyElement } from '../../../ast/nodes.js';
import type { Rule, RuleContext } from '../types.js';

interface Params {
  readonly name: string;
  readonly system: boolean;
  readonly suggestion: string | undefined;
}

const SYSTEM_NAMES = [
  ...Object.keys(CALL_VARIABLES).map((k) => `call.${k}`),
  ...Object.keys(GLOBAL_VARIABLES).map((k) => `global.${k}`),
  ...CONTACT_FIELDS.map((k) => `contact.${k}`),
];

/** The names of the references built from other variables (`choice${n}`), read when first needed. */
function* dynamicReads(ctx: RuleContext): Generator<string> {
  for (const site = readSites(ctx); site.next(); ) for (const ref of site.scan.refs) if (ref.dynamic) yield ref.name.trim();
}

/** `${name}` that nothing sets and CallFire does not provide. */
export const undefinedVariable: Rule<Params> = {
  name: 'undefined-variable',
  severity: 'warning',
  description: 'A `${name}` is neither a system variable nor set anywhere in the plan.',
  docs: {
    details:
      'User variables get a value from `<setvar>`, `<record varname>`, `<get varname>` or `<post varname>`. A ' +
      'reference to a name none of them sets (often a typo; names are case-sensitive) and that is not a system ' +
      'variable (`call.*`, `global.*`, `contact.*`, legacy `call.field.*`) has no defined value. Nested references ' +
      'such as `${choice${num}}` are checked against the names the plan sets (`choice1`, `choice2`, ...). Names ' +
      'only written by `<stash>` are left to `stash-variable-read`. The nearest known name is suggested.',
    bad: '<setvar varname="Counter">0</setvar>\n<if expr="${counter} &gt; 2"><hangup/></if>',
    good: '<setvar varname="Counter">0</setvar>\n<if expr="${Counter} &gt; 2"><hangup/></if>',
  },
  message: ({ name, system, suggestion }) =>
    (system ? `\${${name}} is not a CallFire system variable` : `\${${name}} is never set in this plan`) +
    (suggestion !== undefined ? `; did you mean \${${suggestion}}?` : '.'),
  check(ctx, report) {
    const setNames = [...ctx.variablesSet.keys()];
    // indexed once per run, when the first finding wants a suggestion: many undefined or dynamic
    // references must not each scan every name, and a plan without findings builds neither
    let typos: { readonly set: TypoIndex; readonly system: TypoIndex } | undefined;
    const suggestions = () => (typos ??= { set: new TypoIndex([...setNames, ...SYSTEM_NAMES], LIMITS.suggestionWork), system: new TypoIndex(SYSTEM_NAMES, LIMITS.suggestionWork) });
    const dynamic = new DynamicNameMatcher(setNames, dynamicReads(ctx));
    // whether a name has a value (set, stashed, a system variable, built by a dynamic setter),
    // by name: plans read the same few names over and over
    const known = new Map<string, boolean>();
    const isKnown = (name: string, built: boolean): boolean => {
      let k = known.get(name);
      if (k === undefined) {
        k = built
          ? ctx.dynamicVariableNames.length > 0 || dynamic.anyFits(name)
          : ctx.variablesSet.has(name) || ctx.stashed.has(name) || isSystemVariable(name) || ctx.fitsDynamicVariable(name);
        known.set(name, k);
      }
      return k;
    };
    // each name once per tag: a tag's read sites come one after the other
    const seen = new Set<string>();
    let seenOf: AnyElement | undefined;
    for (const site = readSites(ctx); site.next(); ) {
      const refs = site.scan.refs;
      for (let r = 0; r < refs.length; r++) {
        const ref = refs[r]!;
        const name = ref.name.trim();
        // an empty name is variable-syntax's to report
        if (name === '' || isKnown(name, ref.dynamic)) continue;
        if (site.node !== seenOf) {
          seen.clear();
          seenOf = site.node;
        }
        if (seen.has(name)) continue;
        seen.add(name);
        if (ref.dynamic) {
          report(site.node, { name, system: false, suggestion: undefined }, { at: siteAt(site, ref) });
          continue;
        }
        const system = /^(call|global|contact)\./.test(name);
        report(site.node, { name, system, suggestion: (system ? suggestions().system : suggestions().set).nearest(name) }, { at: siteAt(site, ref) });
      }
    }
  },
};
