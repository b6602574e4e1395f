import type { ProviderDefinition } from './types';

const SCOPE = 'https://www.googleapis.com/auth/';

/**
 * Google, as a Desktop app OAuth client.
 * @see https://developers.google.com/identity/protocols/oauth2/native-app
 */
export const google: ProviderDefinition = {
  id: 'google',
  name: 'Google',
  issuer: 'https://accounts.google.com',
  authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenEndpoint: 'https://oauth2.googleapis.com/token',
  revocationEndpoint: 'https://oauth2.googleapis.com/revoke',
  userinfoEndpoint: 'https://openidconnect.googleapis.com/v1/userinfo',
  // Google's token endpoint still demands the Desktop client's secret, which it says is not secret.
  clientAuth: 'client_secret_post',
  // Custom URI schemes are no longer accepted for desktop clients: loopback only.
  redirectModes: ['loopback'],
  // Make the refresh token explicit; incremental authorization is not supported for installed apps.
  authorizationParams: { access_type: 'offline', prompt: 'consent' },
  identityScopes: ['openid', 'email', 'profile'],
  identity: { kind: 'userinfo' },
  consoleUrl: 'https://console.cloud.google.com/apis/credentials',
  redirectHelp:
    'Create an OAuth client of type "Desktop app". Desktop clients accept any http://127.0.0.1 port, so there is nothing to register.',
  registersRedirectUri: false,
  manageAccessUrl: 'https://myaccount.google.com/permissions',
  // A 403 with these reasons is a rate limit: paced and sent again, like a 429.
  rateLimitReasons: ['rateLimitExceeded', 'userRateLimitExceeded'],
  // Refresh tokens of a client whose consent screen is in "Testing" end 7 days after sign-in;
  // a published client's live until revoked or unused for 6 months.
  // https://developers.google.com/identity/protocols/oauth2#expiration
  refreshTokenExpiry: (authorizedAt, { testingClient }) => (testingClient ? authorizedAt + 7 * 86_400_000 : null),
  services: [
    {
      id: 'google_gmail',
      name: 'Gmail',
      apiBaseUrl: 'https://gmail.googleapis.com/gmail/v1',
      allowedHosts: ['gmail.googleapis.com', 'www.googleapis.com'],
      // Read-only by default: sending and changing mail are ticks the person chooses.
      scopes: [`${SCOPE}gmail.readonly`],
      optionalScopes: [
        { scope: `${SCOPE}gmail.send`, description: 'Send email as you' },
        { scope: `${SCOPE}gmail.modify`, description: 'Read, label, archive and delete your email (not permanently)' },
        { scope: `${SCOPE}gmail.labels`, description: 'Create and edit your labels' },
      ],
      testPath: '/users/me/profile',
      docsUrl: 'https://developers.google.com/gmail/api/reference/rest',
      // 250 quota units per user per second; list and get cost 5 units each: 50 a second, burst
      // included (a second's sends are at most rate + burst).
      pace: { ratePerSecond: 45, burst: 5, concurrency: 10 },
    },
    {
      id: 'google_calendar',
      name: 'Calendar',
      apiBaseUrl: 'https://www.googleapis.com/calendar/v3',
      allowedHosts: ['www.googleapis.com'],
      scopes: [`${SCOPE}calendar`],
      optionalScopes: [{ scope: `${SCOPE}calendar.settings.readonly`, description: 'Read calendar settings' }],
      testPath: '/users/me/calendarList/primary',
      docsUrl: 'https://developers.google.com/calendar/api/v3/reference',
      // Calendar's per-user quota is per minute (600 queries per minute per user by default).
      pace: { ratePerSecond: 9, burst: 10, concurrency: 5 },
    },
    {
      id: 'google_drive',
      name: 'Drive',
      apiBaseUrl: 'https://www.googleapis.com/drive/v3',
      allowedHosts: ['www.googleapis.com'],
      // Per-file access is the right default; whole-Drive scopes are restricted and opt-in.
      scopes: [`${SCOPE}drive.file`],
      optionalScopes: [
        { scope: `${SCOPE}drive.readonly`, description: 'See all your Drive files' },
        { scope: `${SCOPE}drive`, description: 'See, edit and delete all your Drive files' },
      ],
      testPath: '/about?fields=user',
      docsUrl: 'https://developers.google.com/drive/api/reference/rest/v3',
      // 12,000 queries per 60 seconds per user; Google asks for less than that in bursts.
      pace: { ratePerSecond: 20, burst: 20, concurrency: 10 },
    },
    {
      id: 'google_docs',
      name: 'Docs',
      apiBaseUrl: 'https://docs.googleapis.com/v1',
      allowedHosts: ['docs.googleapis.com'],
      scopes: [`${SCOPE}documents`],
      optionalScopes: [{ scope: `${SCOPE}drive.file`, description: 'Find the documents Junction created' }],
      // The Docs API has no profile call; identity comes from userinfo.
      testPath: null,
      docsUrl: 'https://developers.google.com/docs/api/reference/rest',
      // 300 read requests per minute per user (writes: 60).
      pace: { ratePerSecond: 4.5, burst: 5, concurrency: 4 },
    },
  ],
};
