import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from '../../src/broadcast/retry.js';

describe('the retry policy both clients share', () => {
  it('doubles the base delay per attempt within ±25%, capped at ten seconds', () => {
    for (let i = 0; i < 50; i++) {
      const third = backoffMs(100, 3);
      expect(third).toBeGreaterThanOrEqual(300);
      expect(third).toBeLessThanOrEqual(500);
      expect(backoffMs(1000, 20)).toBeLessThanOrEqual(12_500);
      expect(backoffMs(1000, 20)).toBeGreaterThanOrEqual(7_500);
    }
  });

  it("takes the server's Retry-After (seconds) instead, capped at ten seconds", () => {
    expect(backoffMs(100, 3, retryAfterMs('2'))).toBe(2000);
    expect(retryAfterMs('0')).toBe(0);
    expect(retryAfterMs('600')).toBe(10_000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    // not delay-seconds: an empty or blank header, a sign, an exponent, a date
    for (const bad of ['', ' ', '-1', '1e3', '2.5', 'Wed, 21 Oct 2026 07:28:00 GMT']) expect(retryAfterMs(bad)).toBeUndefined();
  });
});
