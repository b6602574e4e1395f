// Spotify quick actions end to end through Spotify's own SDK, its fixed https://api.spotify.com/v1
// base mapped onto the loopback peer, with the peer's rotating refresh tokens.
import { afterEach, describe, expect, it } from 'vitest';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf } from './harness';
import { bearerOf, connect, only, runAction, startSpotify, type SpotifySetup } from './actions-harness';

let s: SpotifySetup | undefined;
afterEach(async () => {
  await s?.h.close();
  s = undefined;
  removeAllTempDirs();
});

describe('Spotify', () => {
  it('lists its actions; the player commands are writes', async () => {
    s = await startSpotify();
    const list = await s.h.core.invoke('actions.list', { service: 'spotify' });
    expect(list.map((a) => [a.id, a.writes])).toEqual([
      ['spotify.now_playing', false],
      ['spotify.pause', true],
      ['spotify.resume', true],
      ['spotify.next', true],
      ['spotify.my_playlists', false],
    ]);
  });

  it('now playing: GET me/player/currently-playing, mapped to one row; nothing playing (204) is no rows', async () => {
    s = await startSpotify();
    const connection = await connect(s.h, 'spotify');
    const result = await runAction(s.h, connection, 'spotify.now_playing');
    const call = only(s.api.callsTo('GET', '/v1/me/player/currently-playing'));
    expect(Object.fromEntries(call.query)).toEqual({ additional_types: 'episode' });
    // The SDK's "Bearer <placeholder>" was dropped; the core's token went instead.
    expect(bearerOf(call)).toBeDefined();
    expect(bearerOf(call)).not.toBe('junction-core-adds-authorization');
    expect(result.rows).toEqual([
      {
        title: 'Heroes',
        artist: 'David Bowie',
        album: '"Heroes"',
        type: 'track',
        playing: true,
        progress: '1:23',
        duration: '6:11',
        device: null,
        link: 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC',
      },
    ]);
    expect(result.summary).toBe('Playing: Heroes');

    s.api.state.track = null;
    const idle = await runAction(s.h, connection, 'spotify.now_playing');
    expect(idle.rows).toEqual([]);
    expect(idle.summary).toBe('Nothing is playing');
  });

  it('pause, resume, next: PUT pause, PUT play, POST next on the active device', async () => {
    s = await startSpotify();
    const connection = await connect(s.h, 'spotify');
    await runAction(s.h, connection, 'spotify.pause');
    expect(s.api.state.isPlaying).toBe(false);
    await runAction(s.h, connection, 'spotify.resume');
    expect(s.api.state.isPlaying).toBe(true);
    const next = await runAction(s.h, connection, 'spotify.next', { deviceId: 'a1b2c3' });
    expect(s.api.state.commands).toEqual(['pause', 'play', 'next']);
    expect(only(s.api.callsTo('PUT', '/v1/me/player/pause')).query.toString()).toBe('');
    // The SDK sends an empty JSON object to resume where playback stopped.
    expect(only(s.api.callsTo('PUT', '/v1/me/player/play')).json).toEqual({});
    expect(only(s.api.callsTo('POST', '/v1/me/player/next')).query.get('device_id')).toBe('a1b2c3');
    expect(next.rows).toEqual([{ done: 'Next track', device: 'a1b2c3' }]);
  });

  it('a player command without an active device says to start playing somewhere', async () => {
    s = await startSpotify();
    const connection = await connect(s.h, 'spotify');
    s.api.state.activeDevice = false;
    const error = await errorOf(runAction(s.h, connection, 'spotify.pause'));
    expect(error).toMatchObject({ code: 'not_found' });
    expect(error.message).toContain('No Spotify device is active');
  });

  it('my playlists: GET me/playlists with limit and offset, mapped to a table', async () => {
    s = await startSpotify();
    const connection = await connect(s.h, 'spotify');
    const result = await runAction(s.h, connection, 'spotify.my_playlists', { limit: 5, offset: 3 });
    expect(Object.fromEntries(only(s.api.callsTo('GET', '/v1/me/playlists')).query)).toEqual({ limit: '5', offset: '3' });
    expect(result.rows).toHaveLength(5);
    expect(result.rows[0]).toEqual({
      name: 'Playlist 3',
      owner: 'spotify',
      tracks: 13,
      public: false,
      collaborative: false,
      link: 'https://open.spotify.com/playlist/37i9dQZF1DX0003fixture',
      id: '37i9dQZF1DX0003fixture',
    });
    expect(result.rows[1]).toMatchObject({ name: 'Playlist 4', owner: 'Ada Lovelace', collaborative: true });
    expect(result.summary).toBe('5 of 45 playlists');
  });

  it('with an expired access token: one refresh (rotating the refresh token), then success', async () => {
    s = await startSpotify();
    const connection = await connect(s.h, 'spotify');
    s.h.peer.expireAccessTokens();
    const result = await runAction(s.h, connection, 'spotify.my_playlists', { limit: 2 });
    expect(result.rows).toHaveLength(2);
    expect(result.refreshed).toBe(true);
    expect(s.h.peer.stats.token.refresh_token).toBe(1);
    expect(s.h.peer.api.requests.filter((r) => r.path === '/v1/me/playlists').map((r) => r.status)).toEqual([401, 200]);
  });

  it('a missing scope is named before any request', async () => {
    s = await startSpotify();
    s.h.peer.grantOnlyNext(['playlist-read-private', 'user-read-currently-playing']);
    const connection = await connect(s.h, 'spotify');
    const error = await errorOf(runAction(s.h, connection, 'spotify.next'));
    expect(error.code).toBe('access_denied');
    expect(error.message).toContain('user-modify-playback-state');
    expect(s.api.state.commands).toEqual([]);
  });
});
