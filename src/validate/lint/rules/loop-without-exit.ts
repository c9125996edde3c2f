import type { AnyElement } from '../../../ast/nodes.js';
import { elementName } from '../../../ast/nodes.js';
import { EXIT, FlowGraph, type FlowNode } from '../../../ast/flow.js';
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
    const graph = new FlowGraph({
      parentOf: ctx.parentOf,
      target: (name) => ctx.names.get(name)?.[0],
      attr: ctx.attr,
      text: ctx.text,
    });
    const starts: FlowNode[] = ctx.elements.map((e) => e.node);
    let order: Map<FlowNode, number> | undefined;
    stronglyConnected(graph, starts, (comp) => {
      // most components are one tag that does not jump to itself: no set built for those
      if (comp.length === 1) {
        const only = comp[0]!;
        const next = graph.successors(only);
        if (only === EXIT || !next.includes(only) || next.some((s) => s !== only)) return;
      }
      const members = new Set(comp);
      if (members.has(EXIT)) return;
      const leaves = comp.some((n) => graph.successors(n).some((s) => !members.has(s)));
      if (leaves) return;
      // report at the first jump of the loop, in document order
      const place = (order ??= new Map(ctx.elements.map((e, i) => [e.node, i])));
      const jumps = comp.filter((n): n is AnyElement => n !== EXIT && !('input' in n) && elementName(n) === 'goto');
      jumps.sort((a, b) => place.get(a)! - place.get(b)!);
      const at = jumps[0];
      if (at) report(at, { target: ctx.text(at), size: comp.length }, { at: { text: true } });
    });
  },
};
