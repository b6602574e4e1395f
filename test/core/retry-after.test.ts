import { afterEach, describe, expect, it } from 'vitest';
import { parseHttpDate, parseRetryAfter, retryDelay } from '../../src-main/core/proxy/retry-policy';
import { removeAllTempDirs } from '../support/temp-dir';
import { startHarness, type Harness } from './harness';

// RFC 9110 §10.2.3: Retry-After is an HTTP-date or a delay in whole seconds (1*DIGIT), nothing
// else. Date.parse reads far more ("1.5" and "-1" are dates long past to it), and a value read
// as a past date means "retry now": a POST answered 503 would be sent again, as if the server had
// said it did not process it. A value in neither form is ignored, as if absent.
const now = Date.parse('2026-11-23T12:00:00Z');

describe('Retry-After, strictly as RFC 9110 has it', () => {
  it('ignores values that are neither whole seconds nor an HTTP-date', () => {
    const junk = ['1.5', '-1', '+1', '1e3', '0x10', '2026-11-23', '2026-11-23T12:00:05Z', 'Mon 23 Nov 2026'];
    for (const value of junk) expect(parseRetryAfter(value, now), value).toBeNull();
    for (const value of ['Mon, 31 Nov 2026 12:00:05 GMT', 'Mon, 23 Nov 2026 25:00:05 GMT', 'Mon, 23 Nov 2026 12:00:05 UTC']) {
      expect(parseRetryAfter(value, now), value).toBeNull();
    }
  });

  it('reads the three HTTP-date forms: IMF-fixdate and the obsolete RFC 850 and asctime ones', () => {
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Monday, 23-Nov-26 12:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Mon Nov 23 12:00:09 2026', now)).toBe(9000);
    expect(parseRetryAfter('Tue Dec  1 12:00:00 2026', now)).toBe(8 * 24 * 3600 * 1000);
    // A date in the past means "now".
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(0);
  });

  it('checks the fields: hours to 23, minutes to 59, seconds to 60 (a leap second), a day the month has', () => {
    const at = (time: string, day = '23') => parseHttpDate(`Mon, ${day} Nov 2026 ${time} GMT`, now);
    expect(at('23:59:60')).toBe(Date.UTC(2026, 10, 24, 0, 0, 0));
    for (const time of ['24:00:00', '12:60:00', '12:00:61']) expect(at(time), time).toBeNull();
    expect(at('00:00:00', '30')).toBe(Date.UTC(2026, 10, 30));
    expect(at('00:00:00', '00')).toBeNull();
    expect(parseHttpDate('Sun Feb 29 00:00:00 2028', now)).toBe(Date.UTC(2028, 1, 29));
    expect(parseHttpDate('Sun Feb 29 00:00:00 2027', now)).toBeNull();
    expect(parseRetryAfter('  Mon, 23 Nov 2026 12:00:05 GMT  ', now)).toBe(5000);
  });

  it('reads an RFC 850 two-digit year as at most 50 years ahead, else the century before', () => {
    const year = (yy: string) => new Date(parseHttpDate(`Sunday, 01-Jan-${yy} 00:00:00 GMT`, now)!).getUTCFullYear();
    expect(year('26')).toBe(2026);
    expect(year('76')).toBe(2076);
    expect(year('77')).toBe(1977);
    expect(year('94')).toBe(1994);
    expect(year('00')).toBe(2000);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
  });

  it('does not resend a POST answered 503 with an unreadable Retry-After', () => {
    const base = { method: 'POST', status: 503, attempt: 1, baseDelayMs: 500, maxRetryAfterMs: 30_000, now, random: () => 1 };
    for (const retryAfter of ['1.5', '-1']) expect(retryDelay({ ...base, retryAfter }), retryAfter).toBeNull();
    // A GET backs off as if there were no Retry-After, rather than resending at once.
    expect(retryDelay({ ...base, method: 'GET', retryAfter: '-1' })).toBe(500);
  });
});

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

describe('Retry-After through the proxy', () => {
  it('a POST answered 503 with Retry-After "-1" or "1.5" goes out once and the 503 comes back', async () => {
    h = await startHarness({ kind: 'google' }, { maxRetryAfterMs: 2_000 });
    const connection = await h.connect('google_gmail');
    for (const retryAfter of ['-1', '1.5']) {
      h.peer.api.reset();
      h.peer.api.next('/gmail/v1/test/echo', [
        { status: 503, retryAfter },
        { status: 503, retryAfter },
        { status: 503, retryAfter },
      ]);
      const response = await h.core.invoke('api.request', { connectionId: connection.id, method: 'POST', url: '/test/echo', body: 'x' });
      expect(response.status, retryAfter).toBe(503);
      expect(response.attempts, retryAfter).toBe(1);
      expect(h.peer.api.count('/gmail/v1/test/echo'), retryAfter).toBe(1);
    }
  });
});
