/**
 * The scripted outside world: canned HTTP answers and transfer outcomes. Nothing here touches
 * a network; requests the script does not answer get an empty 404.
 *
 * @module
 */
import type { HttpResponse, Script, TransferOutcome } from './types.js';

function globToRegExp(pattern: string): RegExp {
  const body = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, 's');
}

/** The first canned response for a request, if any. */
export function findResponse(script: Script, method: 'get' | 'post', url: string): HttpResponse | undefined {
  return script.http?.find((r) => {
    if (r.method && r.method !== method) return false;
    const re = typeof r.url === 'string' ? globToRegExp(r.url) : r.url;
    re.lastIndex = 0;
    return re.test(url);
  });
}

/** The outcome of calling one number. */
function outcomeFor(script: Script, number: string): TransferOutcome {
  const t = script.transfer;
  if (t === undefined) return 'answered';
  if (typeof t === 'string') return t;
  return t[number] ?? t[number.replace(/\D/g, '')] ?? t['default'] ?? 'answered';
}

/**
 * A transfer to several numbers: the first number (in order) that answers takes the call, for
 * `ringall` and `waterfall` alike; when none answers, the outcome is `no-answer` if any number
 * rang out, else `busy`. `numbers` is never empty: the transfer handler fails a tag without one.
 */
export function transferResult(script: Script, numbers: readonly string[]): { outcome: TransferOutcome; answeredBy?: string } {
  const outcomes = numbers.map((n) => [n, outcomeFor(script, n)] as const);
  const answered = outcomes.find(([, o]) => o === 'answered');
  if (answered) return { outcome: 'answered', answeredBy: answered[0] };
  return { outcome: outcomes.some(([, o]) => o === 'no-answer') ? 'no-answer' : 'busy' };
}
