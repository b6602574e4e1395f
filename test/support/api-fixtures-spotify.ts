// Spotify Web API answers: currently-playing (a track object, or 204 when nothing plays), the
// player commands (204, or 404 NO_ACTIVE_DEVICE as Spotify sends it), and playlists as paging
// objects whose `next` is an absolute api.spotify.com URL, exactly as Spotify writes it. Shapes are
// those a Development Mode app gets since Spotify's February 2026 changes (every Junction user
// registers their own app, so that is the mode they run in): a playlist's track summary is
// `items`, no longer `tracks`.
import type { FixtureRouter } from './api-fixtures';
import type { PeerAccount } from './resource-server';

const API = 'https://api.spotify.com/v1';

export interface SpotifyFixtureState {
  /** null: nothing playing (204). */
  track: { id: string; name: string; artists: string[]; album: string; durationMs: number } | null;
  isPlaying: boolean;
  progressMs: number;
  /** Without one, player commands answer 404 NO_ACTIVE_DEVICE. */
  activeDevice: boolean;
  /** The player commands received, in order. */
  commands: string[];
  playlists: { id: string; name: string; owner: string; tracks: number; public: boolean; collaborative: boolean }[];
}

const external = (kind: string, id: string) => ({
  external_urls: { spotify: `https://open.spotify.com/${kind}/${id}` },
  href: `${API}/${kind}s/${id}`,
  id,
  uri: `spotify:${kind}:${id}`,
});

function trackObject(track: NonNullable<SpotifyFixtureState['track']>): Record<string, unknown> {
  const artists = track.artists.map((name, i) => ({ ...external('artist', `0artist${i}${track.id}`), name, type: 'artist' }));
  return {
    album: {
      album_type: 'album',
      artists,
      available_markets: ['GB', 'US'],
      ...external('album', `1album${track.id}`),
      images: [{ height: 640, url: 'https://i.scdn.co/image/ab67616d0000b273fixture', width: 640 }],
      name: track.album,
      release_date: '1977-06-03',
      release_date_precision: 'day',
      total_tracks: 10,
      type: 'album',
    },
    artists,
    available_markets: ['GB', 'US'],
    disc_number: 1,
    duration_ms: track.durationMs,
    explicit: false,
    external_ids: { isrc: 'GBAYE7700012' },
    ...external('track', track.id),
    is_local: false,
    name: track.name,
    popularity: 71,
    preview_url: null,
    track_number: 3,
    type: 'track',
  };
}

function playlistObject(playlist: SpotifyFixtureState['playlists'][number], account: PeerAccount): Record<string, unknown> {
  return {
    collaborative: playlist.collaborative,
    description: '',
    ...external('playlist', playlist.id),
    images: [{ height: 640, url: `https://mosaic.scdn.co/640/${playlist.id}`, width: 640 }],
    name: playlist.name,
    owner: {
      display_name: playlist.owner === account.sub ? account.name : playlist.owner,
      ...external('user', playlist.owner),
      type: 'user',
    },
    primary_color: null,
    public: playlist.public,
    snapshot_id: `MTcwMDAwMDAwMCw${playlist.id}`,
    items: { href: `${API}/playlists/${playlist.id}/items`, total: playlist.tracks },
    type: 'playlist',
  };
}

export function installSpotifyFixtures(router: FixtureRouter, account: PeerAccount): SpotifyFixtureState {
  const state: SpotifyFixtureState = {
    track: { id: '4uLU6hMCjMI75M1A2tKUQC', name: 'Heroes', artists: ['David Bowie'], album: '"Heroes"', durationMs: 371_000 },
    isPlaying: true,
    progressMs: 83_000,
    activeDevice: true,
    commands: [],
    playlists: Array.from({ length: 45 }, (_, i) => ({
      id: `37i9dQZF1DX${String(i).padStart(4, '0')}fixture`,
      name: i === 0 ? 'Morning mix' : `Playlist ${i}`,
      owner: i % 3 === 0 ? 'spotify' : account.sub,
      tracks: 10 + i,
      public: i % 2 === 0,
      collaborative: i === 4,
    })),
  };

  router.route(
    'GET',
    '/v1/me/player/currently-playing',
    () => {
      if (!state.track) return { status: 204, body: '' };
      return {
        json: {
          timestamp: Date.now(),
          context: { ...external('playlist', '37i9dQZF1DX0000fixture'), type: 'playlist' },
          progress_ms: state.progressMs,
          item: trackObject(state.track),
          currently_playing_type: 'track',
          actions: { disallows: state.isPlaying ? { resuming: true } : { pausing: true } },
          is_playing: state.isPlaying,
        },
      };
    },
    { scopes: ['user-read-currently-playing', 'user-read-playback-state'] },
  );

  const command = (name: string, apply: () => void) => () => {
    state.commands.push(name);
    if (!state.activeDevice) {
      return {
        status: 404,
        json: { error: { status: 404, message: 'Player command failed: No active device found', reason: 'NO_ACTIVE_DEVICE' } },
      };
    }
    apply();
    return { status: 204, body: '' };
  };
  const modify = { scopes: ['user-modify-playback-state'] };
  router.route(
    'PUT',
    '/v1/me/player/pause',
    command('pause', () => {
      state.isPlaying = false;
    }),
    modify,
  );
  router.route(
    'PUT',
    '/v1/me/player/play',
    command('play', () => {
      state.isPlaying = true;
    }),
    modify,
  );
  router.route(
    'POST',
    '/v1/me/player/next',
    command('next', () => {
      state.progressMs = 0;
    }),
    modify,
  );

  router.route(
    'GET',
    '/v1/me/playlists',
    ({ query }) => {
      const limit = Math.min(Math.max(Number(query.get('limit') ?? 20), 1), 50);
      const offset = Math.max(Number(query.get('offset') ?? 0), 0);
      const link = (at: number) => `${API}/me/playlists?offset=${at}&limit=${limit}`;
      const items = state.playlists.slice(offset, offset + limit);
      return {
        json: {
          href: link(offset),
          limit,
          next: offset + limit < state.playlists.length ? link(offset + limit) : null,
          offset,
          previous: offset > 0 ? link(Math.max(offset - limit, 0)) : null,
          total: state.playlists.length,
          items: items.map((playlist) => playlistObject(playlist, account)),
        },
      };
    },
    { scopes: ['playlist-read-private', 'playlist-read-collaborative'] },
  );

  return state;
}
