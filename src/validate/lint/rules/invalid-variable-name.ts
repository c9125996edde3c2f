import { elementName } from '../../../ast/nodes.js';
import { isDocumentedVarName } from '../../../language/values.js';
import { elementsOf } from '../helpers/tagged.js';
import type { Rule } from '../types.js';

interface Params {
  readonly tag: string;
  readonly varname: string;
}

const TAGS = ['setvar', 'stash', 'record', 'get', 'post'];

/** A `varname` with characters outside letters, digits and underscore. */
export const invalidVariableName: Rule<Params> = {
  name: 'invalid-variable-name',
  severity: 'warning',
  description: 'A `varname` uses characters other than letters, digits and underscore.',
  docs: {
    details:
      'HELP-basics: a variable name "is case sensitive, may not contain spaces, and may only contain alphanumeric ' +
      'characters and the underscore". Third-party code uses `voicemail-recording`, which may or ' +
      'may not work. A `${…}` inside the name (`stashDNC${n}`) is allowed.',
    bad: '<record varname="voicemail-recording"/>',
    good: '<record varname="voicemail_recording"/>',
  },
  message: ({ tag, varname }) =>
    `<${tag} varname="${varname}">: variable names may only contain letters, digits and underscore.`,
  check(ctx, report) {
    // plans set the same few names again and again: each is read once per run
    const documented = new Map<string, boolean>();
    // an index, not for...of: this runs once per lint, mostly before it is optimised, where each step of an iterator is an object
    const nodes = elementsOf(ctx, TAGS);
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n]!;
      const tag = elementName(node);
      const varname = ctx.attr(node, 'varname')?.trim();
      if (!varname) continue;
      let ok = documented.get(varname);
      if (ok === undefined) documented.set(varname, (ok = isDocumentedVarName(varname)));
      if (!ok) report(node, { tag, varname }, { at: { attribute: 'varname' } });
    }
  },
};
