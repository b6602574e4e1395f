// A disconnect through the local API (DELETE /api/connections/{id}) must end the connection's
// requests in flight the way the window's Disconnect does, from its first moment: while Google is
// still revoking, a request that waited out a 429 must not go out with the token being revoked.
import { afterEach, expect, it } from 'vitest';
import { removeAllTempDirs } from '../support/temp-dir';
import { startLocalApi, type LocalApiWorld } from './local-api-harness';

let world: LocalApiWorld | undefined;
afterEach(async () => {
  await world?.h.close();
  world = undefined;
  removeAllTempDirs();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('DELETE /api/connections/{id} cancels a request waiting out a 429 at once; its token is not sent again', async () => {
  world = await startLocalApi({ kind: 'google' }, ['google_gmail'], { retryBaseDelayMs: 20 });
  const { h } = world;
  const connection = await h.connect('google_gmail');
  const echo = `${new URL(h.peer.apiBaseUrls.google_gmail ?? '').pathname}/test/echo`;
  h.peer.api.reset();
  h.peer.api.next(echo, [{ status: 429, retryAfter: '1' }]);

  const inFlight = world.call(`/api/connections/${connection.id}/request/test/echo`);
  for (let waited = 0; h.peer.api.requests.length === 0; waited += 10) {
    if (waited > 5_000) throw new Error('the first attempt never arrived');
    await sleep(10);
  }
  const token = h.peer.api.requests[0]?.token ?? null;
  expect(token).not.toBeNull();

  // Google takes longer to revoke than the request's Retry-After.
  h.peer.faults.revocation.next(1, { delayMs: 1_500 });
  const deletedAt = Date.now();
  const deleting = world.call(`/api/connections/${connection.id}`, { method: 'DELETE' });
  const answer = await inFlight;
  expect(answer.status).toBe(409);
  expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('cancelled');
  expect((await deleting).status).toBe(204);
  expect(Date.now() - deletedAt).toBeGreaterThanOrEqual(1_400);
  // Nothing more went out with that token, during the revocation or after it.
  expect(h.peer.api.requests.filter((r) => r.token === token && r.at >= deletedAt)).toEqual([]);
  expect(h.peer.api.requests).toHaveLength(1);
});
