// api.paginate end to end: Google's nextPageToken and Spotify's absolute `next` links followed
// through the real core, progress events per page, the page cap, and api.cancel mid-way.
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../src-shared/types';
import { removeAllTempDirs } from '../support/temp-dir';
import type { Harness } from './harness';
import { errorOf } from './harness';
import { connect, paginate, startGoogle, startSpotify } from './actions-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

function progress(events: CoreEvent[], requestId: string): [number, number][] {
  return events.flatMap((event) =>
    event.type === 'api.progress' && event.requestId === requestId ? [[event.pages, event.items] as [number, number]] : [],
  );
}

describe('api.paginate', () => {
  it("follows Drive's nextPageToken as pageToken, merging `files`, with a progress event per page", async () => {
    const s = await startGoogle();
    h = s.h;
    const connection = await connect(h, 'google_drive');
    const result = await paginate(h, {
      connectionId: connection.id,
      url: '/files',
      query: { pageSize: '10', fields: 'nextPageToken, files(id, name)' },
      requestId: 'drive-all',
    });
    expect(result).toMatchObject({ requestId: 'drive-all', pages: 3, capped: false, cancelled: false, itemsKey: 'files' });
    expect(result.items).toHaveLength(25);
    expect((result.items as { id: string }[]).map((f) => f.id)).toEqual(s.api.state.files.map((f) => f.id));
    expect(
      s.api
        .callsTo('GET', '/drive/v3/files')
        .map((call) => [call.query.get('pageSize'), call.query.get('pageToken'), call.query.get('fields')]),
    ).toEqual([
      ['10', null, 'nextPageToken, files(id, name)'],
      ['10', '10', 'nextPageToken, files(id, name)'],
      ['10', '20', 'nextPageToken, files(id, name)'],
    ]);
    expect(progress(h.events, 'drive-all')).toEqual([
      [1, 10],
      [2, 20],
      [3, 25],
    ]);
  });

  it('stops at maxPages and says more were left', async () => {
    const s = await startGoogle();
    h = s.h;
    const connection = await connect(h, 'google_gmail');
    const result = await paginate(h, { connectionId: connection.id, url: '/users/me/messages', query: { maxResults: '2' }, maxPages: 2 });
    expect(result).toMatchObject({ pages: 2, capped: true, cancelled: false, itemsKey: 'messages' });
    expect(result.items).toEqual(s.api.state.messages.slice(0, 4).map(({ id, threadId }) => ({ id, threadId })));
    expect(s.api.callsTo('GET', '/gmail/v1/users/me/messages')).toHaveLength(2);
  });

  it("follows Spotify's absolute next links (https://api.spotify.com/...) onto the connection's base", async () => {
    const s = await startSpotify();
    h = s.h;
    const connection = await connect(h, 'spotify');
    const result = await paginate(h, { connectionId: connection.id, url: '/me/playlists', query: { limit: '20' }, requestId: 'lists' });
    expect(result).toMatchObject({ pages: 3, capped: false, itemsKey: 'items' });
    expect(result.items).toHaveLength(45);
    expect(s.api.calls.map((call) => `${call.path}?${call.query.toString()}`)).toEqual([
      '/v1/me/playlists?limit=20',
      '/v1/me/playlists?offset=20&limit=20',
      '/v1/me/playlists?offset=40&limit=20',
    ]);
    expect(progress(h.events, 'lists')).toEqual([
      [1, 20],
      [2, 40],
      [3, 45],
    ]);
  });

  it('stops when cancelled mid-way and returns the pages it had', async () => {
    const s = await startGoogle();
    h = s.h;
    const connection = await connect(h, 'google_drive');
    // The second page is slow, so the cancel lands while it is in flight.
    h.peer.api.next('/drive/v3/files', [{ delayMs: 0 }, { delayMs: 5_000 }]);
    const cancels: Promise<unknown>[] = [];
    h.core.onEvent((event) => {
      if (event.type === 'api.progress' && event.requestId === 'slow' && event.pages === 1) {
        cancels.push(h!.core.invoke('api.cancel', { requestId: 'slow' }));
      }
    });
    const started = Date.now();
    const result = await paginate(h, { connectionId: connection.id, url: '/files', query: { pageSize: '10' }, requestId: 'slow' });
    expect(await Promise.all(cancels)).toEqual([{ cancelled: true }]);
    expect(result).toMatchObject({ pages: 1, cancelled: true, capped: false });
    expect(result.items).toHaveLength(10);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('reports a provider error on the first page as a coded error', async () => {
    const s = await startGoogle();
    h = s.h;
    const connection = await connect(h, 'google_drive');
    const error = await errorOf(paginate(h, { connectionId: connection.id, url: '/nothing-here' }));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('Google Drive');
  });
});
