import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelay } from '../../src-main/core/proxy/retry-policy';

const base = { baseDelayMs: 500, maxRetryAfterMs: 30_000, now: Date.parse('2026-11-23T12:00:00Z'), random: () => 1 };

describe('retry policy', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2', base.now)).toBe(2000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:00:05 GMT', base.now)).toBe(5000);
    expect(parseRetryAfter('soon', base.now)).toBeNull();
    expect(parseRetryAfter(null, base.now)).toBeNull();
  });

  it('backs off exponentially with jitter for idempotent requests, at most 3 attempts', () => {
    expect(retryDelay({ ...base, method: 'GET', status: 502, retryAfter: null, attempt: 1 })).toBe(500);
    expect(retryDelay({ ...base, method: 'GET', status: 504, retryAfter: null, attempt: 2 })).toBe(1000);
    expect(retryDelay({ ...base, method: 'GET', status: 503, retryAfter: null, attempt: 3 })).toBeNull();
    expect(retryDelay({ ...base, method: 'GET', status: 500, retryAfter: null, attempt: 1 })).toBeNull();
    expect(retryDelay({ ...base, method: 'GET', status: 502, retryAfter: null, attempt: 1, random: () => 0.25 })).toBe(125);
  });

  it('retries POST only on 429, or 503 with Retry-After', () => {
    expect(retryDelay({ ...base, method: 'POST', status: 503, retryAfter: null, attempt: 1 })).toBeNull();
    expect(retryDelay({ ...base, method: 'POST', status: 502, retryAfter: '1', attempt: 1 })).toBeNull();
    expect(retryDelay({ ...base, method: 'POST', status: 503, retryAfter: '1', attempt: 1 })).toBe(1000);
    expect(retryDelay({ ...base, method: 'PATCH', status: 429, retryAfter: null, attempt: 1 })).toBe(500);
  });

  it('does not wait for a Retry-After beyond the cap', () => {
    expect(retryDelay({ ...base, method: 'GET', status: 429, retryAfter: '30', attempt: 1 })).toBe(30_000);
    expect(retryDelay({ ...base, method: 'GET', status: 429, retryAfter: '31', attempt: 1 })).toBeNull();
  });

  it('reads Retry-After strictly: whole seconds with spaces around, a past date as now, anything else as absent', () => {
    expect(parseRetryAfter(' 3 ', base.now)).toBe(3000);
    expect(parseRetryAfter('0', base.now)).toBe(0);
    expect(parseRetryAfter('Mon, 23 Nov 2026 11:59:00 GMT', base.now)).toBe(0);
    for (const value of ['', '   ', '2s', 'x2']) expect(parseRetryAfter(value, base.now), value).toBeNull();
  });

  it.each(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])('retries %s, which is idempotent, on a bare 502', (method) => {
    expect(retryDelay({ ...base, method, status: 502, retryAfter: null, attempt: 1 })).toBe(500);
  });

  it('retries 429, 502, 503 and 504, and no other status', () => {
    for (const status of [429, 502, 503, 504]) {
      expect(retryDelay({ ...base, method: 'GET', status, retryAfter: null, attempt: 2 }), String(status)).toBe(1000);
    }
    for (const status of [200, 400, 401, 403, 404, 408, 500, 501, 505]) {
      expect(retryDelay({ ...base, method: 'GET', status, retryAfter: '1', attempt: 1 }), String(status)).toBeNull();
    }
  });

  it('caps the backoff at 10 s, and jitters with Math.random unless told otherwise', () => {
    expect(retryDelay({ ...base, baseDelayMs: 8000, method: 'GET', status: 502, retryAfter: null, attempt: 2 })).toBe(10_000);
    expect(retryDelay({ ...base, baseDelayMs: 8000, method: 'GET', status: 502, retryAfter: null, attempt: 1 })).toBe(8000);
    const { random: _fixed, ...unfixed } = base;
    for (let i = 0; i < 20; i += 1) {
      const delay = retryDelay({ ...unfixed, method: 'GET', status: 502, retryAfter: null, attempt: 2 });
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(1000);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });

  it('waits what Retry-After says on a retryable status, rather than backing off', () => {
    expect(retryDelay({ ...base, method: 'GET', status: 503, retryAfter: '7', attempt: 1 })).toBe(7000);
    expect(retryDelay({ ...base, method: 'DELETE', status: 429, retryAfter: 'Mon, 23 Nov 2026 12:00:02 GMT', attempt: 2 })).toBe(2000);
    expect(retryDelay({ ...base, method: 'GET', status: 500, retryAfter: '1', attempt: 1 })).toBeNull();
  });
});
