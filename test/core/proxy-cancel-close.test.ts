// Who stops a request, and what it is told: api.cancel's own words reach a quick action through
// the signal it passes down, and closing the core cancels what is tracked rather than cutting the
// connection under it.
import { afterEach, describe, expect, it } from 'vitest';
import { installGoogleApiFixtures } from '../support/api-fixtures';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, until, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

describe('cancel and close', () => {
  it("a quick action cancelled mid-request fails with api.cancel's reason", async () => {
    h = await startHarness({ kind: 'google' });
    installGoogleApiFixtures(h.peer);
    const connection = await h.connect('google_gmail');
    h.peer.api.reset();
    h.peer.api.next('/gmail/v1/users/me/messages', [{ delayMs: 5_000 }]);
    const running = errorOf(
      h.core.invoke('actions.run', {
        connectionId: connection.id,
        actionId: 'gmail.latest_messages',
        params: { maxResults: 2 },
        requestId: 'run-1',
      }),
    );
    await until(() => h!.peer.api.count('/gmail/v1/users/me/messages') === 1, 'the list request');
    expect(await h.core.invoke('api.cancel', { requestId: 'run-1' })).toEqual({ cancelled: true });
    expect(await running).toMatchObject({ code: 'cancelled', message: 'You cancelled the request.' });
  });

  it('closing the core cancels a tracked request in flight', async () => {
    h = await startHarness({ kind: 'google' });
    const connection = await h.connect('google_gmail');
    h.peer.api.reset();
    const pending = errorOf(
      h.core.invoke('api.request', { connectionId: connection.id, url: '/test/slow', query: { ms: '5000' }, requestId: 'req-1' }),
    );
    await until(() => h!.peer.api.count('/gmail/v1/test/slow') === 1, 'the request');
    const started = performance.now();
    await h.core.close();
    expect(await pending).toMatchObject({ code: 'cancelled', message: 'You cancelled the request.' });
    expect(performance.now() - started).toBeLessThan(4_000);
  });
});
