// A quick action held by the provider's rate limit says so, as a paging run does: progress events
// under its requestId with the wait and its reason, then its result as usual.
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../src-shared/types';
import { installGoogleApiFixtures } from '../../support/api-fixtures';
import { removeAllTempDirs } from '../../support/temp-dir';
import { startHarness, type Harness } from '../harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

describe('a quick action waiting for the rate limit', () => {
  it("emits api.progress with the wait under the action's requestId, and still answers", async () => {
    h = await startHarness({ kind: 'google' });
    installGoogleApiFixtures(h.peer);
    const harness = h;
    const connection = await harness.connect('google_gmail');
    const events: Extract<CoreEvent, { type: 'api.progress' }>[] = [];
    harness.core.onEvent((event) => {
      if (event.type === 'api.progress') events.push(event);
    });
    harness.peer.api.next('/gmail/v1/users/me/messages', [{ status: 429, retryAfter: '2' }]);
    const result = await harness.core.invoke('actions.run', {
      connectionId: connection.id,
      actionId: 'gmail.latest_messages',
      params: { maxResults: 2 },
      requestId: 'action-1',
    });
    expect(result.rows).toHaveLength(2);
    const waits = events.filter((e) => e.requestId === 'action-1' && e.reason !== undefined);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]).toMatchObject({ pages: 0, items: 0 });
    expect(waits[0]?.reason).toMatch(/^waiting for Google's rate limit \([12] s\)$/);
    expect(waits[0]?.waitingMs).toBeGreaterThan(0);
  }, 20_000);
});
