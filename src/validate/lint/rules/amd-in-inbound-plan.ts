import type { AnyElement } from '../../../ast/nodes.js';
import { readSites } from '../helpers/reads.js';
import type { Rule } from '../types.js';

interface Params {
  readonly variable: string;
  readonly line: number | undefined;
}

/** Variables CallFire sets only on incoming calls (its help page System Variables). */
const INBOUND_ONLY = ['call.dnis', 'call.callerid.alpha'];

/** `<amd>` in a plan that reads inbound-only variables. */
export const amdInInboundPlan: Rule<Params> = {
  name: 'amd-in-inbound-plan',
  severity: 'warning',
  description: 'A plan uses `<amd>` but also reads a variable that exists only on incoming calls.',
  docs: {
    details:
      '"Only use this tag for outbound campaigns" (DEV-amd). A plan that reads `${call.dnis}` ("the phone number ' +
      'dialed for an incoming call") or `${call.callerid.alpha}` is written for inbound calls, where answering-machine ' +
      'detection makes no sense: the caller is a person who just dialed in. Turn the rule on with `error` in the ' +
      'configuration of folders that hold inbound plans.',
    bad: '<amd>\n  <live><play type="tts">You called ${call.dnis}.</play></live>\n  <machine><hangup/></machine>\n</amd>',
    good: '<play type="tts">You called ${call.dnis}.</play>',
  },
  message: ({ variable, line }) =>
    `<amd> is for outbound calls, but this plan reads \${${variable}}${line !== undefined ? ` (line ${line})` : ''}, which exists only on incoming calls.`,
  check(ctx, report) {
    const amds = ctx.ofTag('amd');
    if (amds.length === 0) return;
    let found: { variable: string; node: AnyElement } | undefined;
    for (const site = readSites(ctx); site.next(); ) {
      const ref = site.scan.refs.find((r) => INBOUND_ONLY.includes(r.name.trim()));
      if (ref) {
        found = { variable: ref.name.trim(), node: site.node };
        break;
      }
    }
    if (found) for (const amd of amds) report(amd, { variable: found.variable, line: found.node.loc?.line });
  },
};
