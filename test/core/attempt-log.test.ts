// `ApiResponse.attemptLog`: every attempt of a request with its status, and the wait before it
// with its cause (the rate limit, a retry's backoff, a token refresh), as the window's timeline shows.
import { afterEach, describe, expect, it } from 'vitest';
import { removeAllTempDirs } from '../support/temp-dir';
import { startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

async function gmail() {
  h = await startHarness({ kind: 'google' }, { retryBaseDelayMs: 200 });
  return { h, connection: await h.connect('google_gmail') };
}

const PROFILE = '/gmail/v1/users/me/profile';

describe('the attempt log of a response', () => {
  it('one attempt that went at once: its status and duration, no wait', async () => {
    const { h, connection } = await gmail();
    const response = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(response.attemptLog).toHaveLength(1);
    expect(response.attemptLog?.[0]?.status).toBe(200);
    expect(response.attemptLog?.[0]?.waitedFor).toBeUndefined();
    expect(response.attemptLog?.[0]?.durationMs).toBeGreaterThan(0);
  });

  it('a 429 with Retry-After, a 503 and its backoff, then the answer: each attempt and why it waited', async () => {
    const { h, connection } = await gmail();
    h.peer.api.next(PROFILE, [{ status: 429, retryAfter: '1' }, { status: 503 }]);
    const response = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(response.status).toBe(200);
    const log = response.attemptLog ?? [];
    expect(log.map((a) => [a.status, a.waitedFor])).toEqual([
      [429, undefined],
      [503, 'rate_limit'],
      [200, 'backoff'],
    ]);
    // Retry-After: 1 held the second attempt a second; the backoff (base 200 ms, fully jittered) some time.
    expect(log[1]?.waitedMs).toBeGreaterThanOrEqual(900);
    expect(log[2]?.waitedMs).toBeGreaterThanOrEqual(1);
    expect(log).toHaveLength(response.attempts);
  });

  it('a 401 for a token the provider dropped: the refresh is the wait before the replay', async () => {
    const { h, connection } = await gmail();
    expect(h.peer.expireAccessTokens()).toBeGreaterThan(0);
    const response = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(response).toMatchObject({ status: 200, refreshed: true, attempts: 2 });
    expect(response.attemptLog?.map((a) => [a.status, a.waitedFor])).toEqual([
      [401, undefined],
      [200, 'refresh'],
    ]);
  });
});
