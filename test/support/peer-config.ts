import { generateKeyPairSync } from 'node:crypto';
import type { ClientMetadata, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { PeerKind } from './api-errors';
import type { PeerStore } from './peer-adapter';
import type { PeerAccount } from './resource-server';

const G = 'https://www.googleapis.com/auth/';

/** The resource-server scopes each provider knows (docs/providers.md); unknown scopes are dropped. */
export const PEER_SCOPES: Record<PeerKind, string[]> = {
  google: [
    'gmail.readonly',
    'gmail.modify',
    'gmail.send',
    'gmail.compose',
    'gmail.metadata',
    'calendar',
    'calendar.readonly',
    'calendar.events',
    'drive.file',
    'drive',
    'drive.readonly',
    'drive.metadata.readonly',
    'documents',
    'documents.readonly',
    'userinfo.email',
    'userinfo.profile',
  ]
    .map((scope) => G + scope)
    .concat('https://mail.google.com/'),
  spotify: [
    'user-read-playback-state',
    'user-modify-playback-state',
    'user-read-currently-playing',
    'playlist-read-private',
    'playlist-read-collaborative',
    'playlist-modify-public',
    'playlist-modify-private',
    'user-read-email',
    'user-read-private',
  ],
};

export const PEER_CLIENTS = {
  google: { clientId: 'junction-google-test.apps.googleusercontent.com', clientSecret: 'GOCSPX-junction-test-secret' },
  spotify: { clientId: 'junction-spotify-test' },
} as const;

/** A second registered client of the same provider (another app): its tokens are not Junction's. */
export const OTHER_CLIENT = { clientId: 'another-app', clientSecret: 'another-app-secret' } as const;

export function clientFor(kind: PeerKind, extraRedirectUris: string[] = []): ClientMetadata {
  const common = {
    // Native: a registered http://127.0.0.1/callback matches any port (RFC 8252 §7.3).
    application_type: 'native' as const,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // Google refuses custom schemes for desktop clients, but the peer accepts one so a test can
    // check that the core itself never offers protocol mode for Google.
    redirect_uris: ['http://127.0.0.1/callback', 'junction://oauth/callback', ...extraRedirectUris],
  };
  if (kind === 'google') {
    return {
      ...common,
      client_id: PEER_CLIENTS.google.clientId,
      client_secret: PEER_CLIENTS.google.clientSecret,
      token_endpoint_auth_method: 'client_secret_post',
    };
  }
  return { ...common, client_id: PEER_CLIENTS.spotify.clientId, token_endpoint_auth_method: 'none' };
}

let signingKey: object | undefined;

/** One RSA key per test process: RS256 ID tokens need one, and generating it per peer is slow. */
function jwks(): { keys: object[] } {
  signingKey ??= {
    ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
    kid: 'junction-test-key',
    use: 'sig',
    alg: 'RS256',
  };
  return { keys: [signingKey] };
}

export function buildConfiguration(options: {
  kind: PeerKind;
  store: PeerStore;
  resource: string;
  accessTokenTtl: number;
  rotateRefreshTokens: boolean;
  extraRedirectUris: string[];
  accountFor: (sub: string) => PeerAccount | undefined;
}): Configuration {
  const { kind, resource, accessTokenTtl } = options;
  return {
    clients: [
      clientFor(kind, options.extraRedirectUris),
      {
        client_id: OTHER_CLIENT.clientId,
        client_secret: OTHER_CLIENT.clientSecret,
        application_type: 'native',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1/callback'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    adapter: (model) => options.store.adapterFor(model),
    jwks: jwks(),
    cookies: { keys: ['junction-test-peer-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name'] },
    responseTypes: ['code'],
    pkce: { required: () => true },
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      Grant: 14 * 86400,
      Interaction: 600,
      Session: 86400,
      RefreshToken: 14 * 86400,
      IdToken: 3600,
    },
    async findAccount(_ctx: KoaContextWithOIDC, sub: string) {
      const account = options.accountFor(sub);
      if (!account) return undefined;
      const [givenName, ...rest] = account.name.split(' ');
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          email_verified: true,
          name: account.name,
          given_name: givenName,
          family_name: rest.join(' '),
        }),
      };
    },
    issueRefreshToken: async () => true,
    rotateRefreshToken: () => options.rotateRefreshTokens,
    // Google's and Spotify's tokens outlive the browser session that created them.
    expiresWithSession: async () => false,
    // At Google revoking either token revokes the whole grant (docs/providers.md).
    revokeGrantPolicy: () => true,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      // Only the token's own client may revoke it; spelled out to silence the provider's notice.
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      introspection: { enabled: true, allowedPolicy: async () => true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => resource,
        useGrantedResource: async () => true,
        async getResourceServerInfo() {
          return { scope: PEER_SCOPES[kind].join(' '), audience: resource, accessTokenFormat: 'opaque', accessTokenTTL: accessTokenTtl };
        },
      },
    },
  };
}
