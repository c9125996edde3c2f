/**
 * Where each builder call was made, so that a finding in a flow can point at the user's own
 * `.ts` line. Nothing is recorded unless a tool asks for it: the CLI does, while it loads a
 * flow, by installing a recorder for that time. A plain `dialplan()…toAst()` in a program
 * pays one property read per tag.
 *
 * The recorder lives on `globalThis` under a registered symbol, not in a module variable:
 * the CLI and the flow it loads may hold two copies of this module (the CLI installed
 * globally and the project's own dependency, or the same file loaded under two URLs by the
 * TypeScript loader), and the flow's copy must see the CLI's recorder.
 *
 * @module
 */
import type { Position } from '../ast/nodes.js';

/** Returns where the builder call now running was made, or undefined to record nothing. */
export type CallSiteRecorder = () => Position | undefined;

const RECORDER = Symbol.for('callfire-dialplan.call-site-recorder');
type Holder = { [RECORDER]?: CallSiteRecorder | undefined };

/**
 * The position of the builder call now running, when a recorder is installed.
 *
 * @internal
 */
export function callSite(): Position | undefined {
  const recorder = (globalThis as Holder)[RECORDER];
  return recorder === undefined ? undefined : recorder();
}

/**
 * Runs `during` with `recorder` installed: every node the builder makes meanwhile keeps, as
 * its `loc`, the position the recorder returns. The previous recorder is restored afterwards.
 *
 * @internal
 */
export async function withCallSites<T>(recorder: CallSiteRecorder, during: () => Promise<T>): Promise<T> {
  const holder = globalThis as Holder;
  const previous = holder[RECORDER];
  holder[RECORDER] = recorder;
  try {
    return await during();
  } finally {
    holder[RECORDER] = previous;
  }
}
