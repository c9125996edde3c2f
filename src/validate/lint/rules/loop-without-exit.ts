import { elementName } from '../../../ast/nodes.js';
import { stronglyConnected } from '../helpers/scc.js';
import type { Rule } from '../types.js';

interface Params {
  readonly target: string;
  readonly size: number;
}

/** A cycle of jumps that no caller input, hangup or transfer can leave. */
export const loopWithoutExit: Rule<Params> = {
  name: 'loop-without-exit',
  severity: 'warning',
  description: 'A cycle of gotos that no caller input, hangup or transfer can leave: the call never ends until the caller hangs up.',
  docs: {
    details:
      'The linter follows the execution model (tags run top to bottom; keypress, if/else, amd and catch bodies go on ' +
      'after their container; a menu waits for input and falls through when no keypress matches) and looks for a ' +
      'set of tags that execution can enter but never leave: no branch of any `if` and no keypress leads out, and ' +
      'there is no `hangup` or `transfer` inside. DEV-keypress calls this "a dangerous continual loop … The call ' +
      'will not end until the recipient hangs up". Guard loops with a counter (`<setvar>` + `<if>`), as the ' +
      'TimeoutCounter sample does.',
    bad: '<menu name="ask" maxDigits="1" timeout="5">\n  <play type="tts">Press 1.</play>\n  <keypress pressed="default"><goto>ask</goto></keypress>\n  <keypress pressed="timeout"><goto>ask</goto></keypress>\n</menu>',
    good: '<setvar varname="tries">0</setvar>\n<menu name="ask" maxDigits="1" timeout="5">\n  <play type="tts">Press 1.</play>\n  <keypress pressed="1"><hangup/></keypress>\n  <keypress pressed="default">\n    <setvar varname="tries">${tries}+1</setvar>\n    <if expr="${tries} &lt; 3"><goto>ask</goto></if>\n  </keypress>\n</menu>',
  },
  message: ({ target, size }) =>
    `This goto to "${target}" closes a loop of ${size} steps with no way out: no keypress or condition leads out and there is no hangup or transfer in it.`,
  check(ctx, report) {
    // the document's own flow graph, numbered: the simulator's and the diagrams' model
    const flow = ctx.index.numberedFlow;
    const { first, to } = flow;
    const all = ctx.index.all;
    let member: Uint8Array | undefined;
    stronglyConnected(flow, flow.elements, (nodes, from, end) => {
      // most components are one tag that does not jump to itself: nothing to look at
      if (end - from === 1) {
        const only = nodes[from]!;
        if (only === flow.exit) return;
        let self = false;
        for (let e = first[only]!; e < first[only + 1]!; e++) {
          if (to[e] !== only) return;
          self = true;
        }
        if (!self) return;
      }
      const inside = (member ??= new Uint8Array(flow.size));
      for (let i = from; i < end; i++) inside[nodes[i]!] = 1;
      // a loop that can leave (EXIT, or any step out of the component) is not reported
      let leaves = inside[flow.exit] === 1;
      for (let i = from; i < end && !leaves; i++) {
        const n = nodes[i]!;
        for (let e = first[n]!; e < first[n + 1]!; e++) {
          if (!inside[to[e]!]) {
            leaves = true;
            break;
          }
        }
      }
      for (let i = from; i < end; i++) inside[nodes[i]!] = 0;
      if (leaves) return;
      // report at the first jump of the loop in document order: the lowest element number
      let at = -1;
      for (let i = from; i < end; i++) {
        const n = nodes[i]!;
        if (n < flow.elements && (at < 0 || n < at) && elementName(all[n]!) === 'goto') at = n;
      }
      if (at >= 0) report(all[at]!, { target: ctx.text(all[at]!), size: end - from }, { at: { text: true } });
    });
  },
};
