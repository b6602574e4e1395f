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
});
