import type { ProviderDefinition } from './types';
import { nonEmptyString as str } from '../net';

/**
 * Spotify: PKCE without a client secret.
 * @see https://developer.spotify.com/documentation/web-api/tutorials/code-pkce-flow
 */
export const spotify: ProviderDefinition = {
  id: 'spotify',
  name: 'Spotify',
  issuer: 'https://accounts.spotify.com',
  authorizationEndpoint: 'https://accounts.spotify.com/authorize',
  tokenEndpoint: 'https://accounts.spotify.com/api/token',
  // Spotify offers no revocation: disconnect deletes locally and says where to remove the app.
  revocationEndpoint: null,
  // "based on the number of calls that your app makes to Spotify in a rolling 30 second window":
  // the person's app, whichever account the call is for.
  // https://developer.spotify.com/documentation/web-api/concepts/rate-limits
  rateLimitPerApp: true,
  userinfoEndpoint: null,
  clientAuth: 'none',
  redirectModes: ['loopback', 'protocol'],
  authorizationParams: {},
  identityScopes: ['user-read-email', 'user-read-private'],
  identity: {
    kind: 'api',
    service: 'spotify',
    path: '/me',
    map: (me) => ({ id: str(me.id), displayName: str(me.display_name), email: str(me.email) }),
  },
  consoleUrl: 'https://developer.spotify.com/dashboard',
  redirectHelp:
    'In your app\'s settings, add the redirect URI exactly as shown. Spotify refuses "localhost": use 127.0.0.1. Registered without a port, the loopback URI accepts any port.',
  registersRedirectUri: true,
  manageAccessUrl: 'https://www.spotify.com/account/apps/',
  // A refresh token ends six months after the person's authorization; the rotated tokens a refresh
  // hands out inherit that end rather than restarting it.
  // https://developer.spotify.com/documentation/web-api/tutorials/refreshing-tokens
  refreshTokenExpiry(authorizedAt) {
    const end = new Date(authorizedAt);
    end.setUTCMonth(end.getUTCMonth() + 6);
    return end.getTime();
  },
  services: [
    {
      id: 'spotify',
      name: 'Spotify',
      apiBaseUrl: 'https://api.spotify.com/v1',
      allowedHosts: ['api.spotify.com'],
      scopes: [
        'user-read-playback-state',
        'user-modify-playback-state',
        'user-read-currently-playing',
        'playlist-read-private',
        'playlist-read-collaborative',
      ],
      optionalScopes: [
        { scope: 'playlist-modify-public', description: 'Edit your public playlists' },
        { scope: 'playlist-modify-private', description: 'Edit your private playlists' },
      ],
      testPath: '/me',
      docsUrl: 'https://developer.spotify.com/documentation/web-api',
      // Spotify publishes no number, only a rolling 30-second window: start modestly and let
      // the pacer adapt to its 429s.
      pace: { ratePerSecond: 5, burst: 10, concurrency: 4 },
    },
  ],
  explainApiError(status, body) {
    if (status === 403) {
      return 'Spotify refused this account. Apps in development mode serve at most 5 allow-listed users: add this account under "User Management" in the Spotify dashboard.';
    }
    const reason = (body as { error?: { reason?: unknown } } | null)?.error?.reason;
    if (status === 429 && reason === 'QUOTA_EXCEEDED') {
      return 'Spotify says this app has used up its quota. Wait before trying again.';
    }
    return undefined;
  },
};
