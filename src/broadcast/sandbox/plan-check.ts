/**
 * The sandbox's check of a dialplan it receives, on either API: the same gate as the client's
 * (validation, then lint), so a plan refused by `dialplan send` is refused by the sandbox too,
 * whichever client sent it. Each error comes back as one line of text for the fault or the
 * `ErrorResponse` that carries it.
 *
 * @module
 */
import { formatCompact } from '../../validate/report/compact.js';
import { checkDialplan } from '../dialplan-check.js';

/**
 * The errors of a dialplan, one line each (`3:5 /dialplan/goto[1]: … (unknown-goto-target)`);
 * empty when the plan may be taken.
 */
export function planErrors(xml: string): string[] {
  return checkDialplan(xml)
    .report.diagnostics.filter((d) => d.severity === 'error')
    .map(formatCompact);
}
