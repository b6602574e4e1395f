// Spotify limits an app (its client ID), not a user: a 429 on one Spotify account's request means
// every account of that app is over the limit, so the Retry-After holds all of them. Google's
// quotas are per user: another Google account keeps sending.
import { afterEach, expect, it } from 'vitest';
import type { ServiceId } from '../../../src-shared/types';
import type { PeerKind } from '../../support/api-errors';
import { removeAllTempDirs } from '../../support/temp-dir';
import { startHarness, type Harness } from '../harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function twoAccounts(kind: PeerKind, service: ServiceId) {
  h = await startHarness({ kind }, { retryBaseDelayMs: 20 });
  const harness = h;
  const first = await harness.connect(service);
  harness.peer.setAccount({ sub: 'user-2', email: 'grace@example.com', name: 'Grace Hopper' });
  const second = await harness.connect(service);
  expect(second.id).not.toBe(first.id);
  const echo = `${new URL(harness.peer.apiBaseUrls[service] ?? '').pathname}/test/echo`;
  harness.peer.api.reset();
  // The first account's request is answered 429 with a 2 s Retry-After.
  harness.peer.api.next(echo, [{ status: 429, retryAfter: '2' }]);
  const limited = harness.core.invoke('api.request', { connectionId: first.id, url: '/test/echo' });
  for (let waited = 0; harness.peer.api.requests.length === 0; waited += 10) {
    if (waited > 5_000) throw new Error('the first request never arrived');
    await sleep(10);
  }
  const limitedAt = harness.peer.api.requests[0]?.at ?? 0;
  const other = await harness.core.invoke('api.request', { connectionId: second.id, url: '/test/echo' });
  expect(other.status).toBe(200);
  expect((await limited).status).toBe(200);
  const limitedToken = harness.peer.api.requests[0]?.token;
  const otherSentAt = harness.peer.api.requests.find((r) => r.token !== limitedToken)?.at ?? 0;
  return { other, delayMs: otherSentAt - limitedAt };
}

it("Spotify: a 429 on one account holds the app's other accounts for its Retry-After", async () => {
  const { other, delayMs } = await twoAccounts('spotify', 'spotify');
  expect(delayMs).toBeGreaterThanOrEqual(1_800);
  expect(other.waitedMs ?? 0).toBeGreaterThanOrEqual(1_500);
  expect(other.attemptLog?.[0]?.waitedFor).toBe('rate_limit');
});

it("Google: a 429 on one account's Gmail does not hold another account's", async () => {
  const { other, delayMs } = await twoAccounts('google', 'google_gmail');
  expect(delayMs).toBeLessThan(1_500);
  expect(other.waitedMs ?? 0).toBeLessThan(1_500);
});
