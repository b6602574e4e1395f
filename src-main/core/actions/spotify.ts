// Spotify quick actions through Spotify's own TypeScript SDK. The SDK is built for apps that hold
// their token; here it holds a placeholder (the fetch adapter drops its Authorization and the core
// adds the real one), and its fixed base URL is mapped onto the connection's by the same adapter.
import { z } from 'zod';
import { SpotifyApi } from '@spotify/web-api-ts-sdk';
import type { AccessToken, Episode, PlaybackState, SimplifiedPlaylist, Track, TrackItem } from '@spotify/web-api-ts-sdk';
import { cell, columns, defineAction } from './action';
import type { ActionContext } from './action';
import { PROVIDERS } from '../providers/registry';
import { errorFromStatus } from './provider-errors';
import { requireAny } from './scopes';
import { SDK_BASES } from './sdk-bases';
import type { ActionRequest, Cell } from '../../../src-shared/actions';

// Never a real token: if this string ever reached Spotify the request would fail, not leak.
const PLACEHOLDER_TOKEN: AccessToken = {
  access_token: 'junction-core-adds-authorization',
  token_type: 'Bearer',
  expires_in: 3600,
  refresh_token: '',
  // Far in the future, so the SDK never tries to refresh on its own (the core does that).
  expires: Number.MAX_SAFE_INTEGER,
};

/** The SDK's auth strategy, reduced to handing out the placeholder. */
const placeholderAuth = {
  setConfiguration(): void {},
  async getOrCreateAccessToken(): Promise<AccessToken> {
    return PLACEHOLDER_TOKEN;
  },
  async getAccessToken(): Promise<AccessToken | null> {
    return PLACEHOLDER_TOKEN;
  },
  removeAccessToken(): void {},
};

export function spotifyClient(context: ActionContext): SpotifyApi {
  return new SpotifyApi(placeholderAuth, {
    fetch: context.fetchFor(SDK_BASES.spotify),
    // The SDK's default validator throws plain Errors with canned texts (and says "re-authenticate"
    // for every 401); ours reads Spotify's error body and throws the core's coded error.
    responseValidator: {
      async validateResponse(response: Response): Promise<void> {
        if (response.ok) return;
        throw errorFromStatus(response.status, await response.text(), 'Spotify', PROVIDERS.spotify);
      },
    },
  });
}

function formatMs(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

// The SDK types `type` as a plain string, so tell tracks from episodes by their shape.
function isTrack(item: TrackItem): item is Track {
  return 'artists' in item;
}

/** What is playing, as one row; `null` (HTTP 204) means nothing is. */
export function mapNowPlaying(state: PlaybackState | null): Record<string, Cell>[] {
  if (!state?.item) return [];
  const item = state.item;
  const track = isTrack(item);
  return [
    {
      title: cell(item.name),
      artist: track ? item.artists.map((artist) => artist.name).join(', ') : cell((item as Episode).show?.name),
      album: track ? cell(item.album?.name) : null,
      type: cell(state.currently_playing_type),
      playing: state.is_playing,
      progress: formatMs(state.progress_ms),
      duration: formatMs(item.duration_ms),
      device: cell(state.device?.name),
      link: cell(item.external_urls?.spotify),
    },
  ];
}

/**
 * Spotify renamed a playlist's track summary from `tracks` to `items` for Development Mode apps
 * (February 2026) while the SDK's types still say `tracks`; read whichever is there.
 */
export function mapPlaylist(playlist: SimplifiedPlaylist): Record<string, Cell> {
  const renamed = (playlist as SimplifiedPlaylist & { items?: { total?: number } | null }).items;
  return {
    name: cell(playlist.name),
    owner: cell(playlist.owner?.display_name ?? playlist.owner?.id),
    tracks: cell(playlist.tracks?.total ?? renamed?.total ?? null),
    public: cell(playlist.public),
    collaborative: cell(playlist.collaborative),
    link: cell(playlist.external_urls?.spotify),
    id: cell(playlist.id),
  };
}

const MODIFY = requireAny('user-modify-playback-state');
const deviceParam = z.object({ deviceId: z.string().max(200).optional().describe('Device ID; the active device when empty') });

function playbackAction(
  id: string,
  title: string,
  description: string,
  sends: ActionRequest,
  command: (client: SpotifyApi, deviceId: string) => Promise<void>,
) {
  return defineAction({
    id,
    service: 'spotify',
    title,
    description,
    writes: true,
    sends: [sends],
    scopes: [MODIFY],
    params: deviceParam,
    async run(params, context) {
      // The SDK omits an empty device_id from the query, which targets the active device.
      await command(spotifyClient(context), params.deviceId ?? '');
      return {
        columns: columns(['done', 'Done'], ['device', 'Device']),
        rows: [{ done: title, device: params.deviceId ?? 'active device' }],
        raw: null,
        summary: `${title}: done`,
      };
    },
  });
}

export const spotifyActions = [
  defineAction({
    id: 'spotify.now_playing',
    service: 'spotify',
    title: 'Now playing',
    description: 'The track or episode playing on your account right now.',
    writes: false,
    scopes: [requireAny('user-read-currently-playing', 'user-read-playback-state')],
    params: z.object({}),
    async run(_params, context) {
      const state = await spotifyClient(context).player.getCurrentlyPlayingTrack(undefined, 'episode');
      const rows = mapNowPlaying(state);
      return {
        columns: columns(
          ['title', 'Title'],
          ['artist', 'Artist'],
          ['album', 'Album'],
          ['playing', 'Playing'],
          ['progress', 'Progress'],
          ['duration', 'Length'],
          ['device', 'Device'],
          ['type', 'Type'],
          ['link', 'Link'],
        ),
        rows,
        raw: state,
        summary: rows.length === 0 ? 'Nothing is playing' : `${state?.is_playing ? 'Playing' : 'Paused'}: ${String(rows[0]?.title ?? '')}`,
      };
    },
  }),
  playbackAction(
    'spotify.pause',
    'Pause',
    'Pauses playback (needs Spotify Premium).',
    { method: 'PUT', url: '/me/player/pause' },
    (client, deviceId) => client.player.pausePlayback(deviceId),
  ),
  playbackAction(
    'spotify.resume',
    'Resume',
    'Resumes playback where it stopped (needs Spotify Premium).',
    { method: 'PUT', url: '/me/player/play' },
    (client, deviceId) => client.player.startResumePlayback(deviceId),
  ),
  playbackAction(
    'spotify.next',
    'Next track',
    'Skips to the next track (needs Spotify Premium).',
    { method: 'POST', url: '/me/player/next' },
    (client, deviceId) => client.player.skipToNext(deviceId),
  ),
  defineAction({
    id: 'spotify.my_playlists',
    service: 'spotify',
    title: 'My playlists',
    description: 'The playlists you own or follow.',
    writes: false,
    scopes: [requireAny('playlist-read-private', 'playlist-read-collaborative')],
    params: z.object({
      limit: z.number().int().min(1).max(50).default(20).describe('How many playlists'),
      offset: z.number().int().min(0).max(100_000).default(0).describe('How many to skip'),
    }),
    async run(params, context) {
      const page = await spotifyClient(context).currentUser.playlists.playlists(params.limit as 50, params.offset);
      return {
        columns: columns(
          ['name', 'Name'],
          ['owner', 'Owner'],
          ['tracks', 'Tracks'],
          ['public', 'Public'],
          ['collaborative', 'Collaborative'],
          ['link', 'Link'],
          ['id', 'ID'],
        ),
        rows: page.items.map(mapPlaylist),
        raw: page,
        summary: `${page.items.length} of ${page.total} playlists`,
      };
    },
  }),
];
