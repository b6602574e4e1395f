// What the core asked of the authorization server, so tests can assert on single-flight refresh,
// retries after faults and revocation on disconnect.

type Body = Record<string, string | string[] | undefined> | undefined;

export interface TokenRequestRecord {
  grantType: string;
  /** The refresh token presented (refresh_token grant only). */
  refreshToken?: string;
  /** Whether the request carried a client_secret in its body. */
  sentClientSecret: boolean;
  /** The account whose grant it was, when the provider knew it (not for faulted requests). */
  accountId?: string;
  /** The HTTP status answered; injected faults are marked `faulted`. */
  status: number;
  faulted: boolean;
  at: number;
}

export interface RevocationRecord {
  token: string;
  tokenTypeHint?: string;
  status: number;
  faulted: boolean;
  at: number;
}

export interface PeerStats {
  /** Token requests by grant type, faulted ones included. */
  token: { authorization_code: number; refresh_token: number; other: number };
  tokenRequests: TokenRequestRecord[];
  revocations: RevocationRecord[];
  userinfo: number;
  /** Successful refresh_token grants per account id: how many refreshes each connection made. */
  refreshesByAccount(): Map<string, number>;
  /** Called by the peer; not for tests. */
  record(path: string, body: Body, status: number, accountId?: string): void;
  recordFault(path: string, body: Body): void;
  reset(): void;
}

function field(body: Body, name: string): string | undefined {
  const value = body?.[name];
  return Array.isArray(value) ? value[0] : value;
}

export function createPeerStats(): PeerStats {
  const stats: PeerStats = {
    token: { authorization_code: 0, refresh_token: 0, other: 0 },
    tokenRequests: [],
    revocations: [],
    userinfo: 0,
    refreshesByAccount() {
      const counts = new Map<string, number>();
      for (const request of stats.tokenRequests) {
        if (request.grantType !== 'refresh_token' || request.status !== 200 || !request.accountId) continue;
        counts.set(request.accountId, (counts.get(request.accountId) ?? 0) + 1);
      }
      return counts;
    },
    record(path, body, status, accountId) {
      log(path, body, status, false, accountId);
    },
    recordFault(path, body) {
      log(path, body, 0, true);
    },
    reset() {
      stats.token = { authorization_code: 0, refresh_token: 0, other: 0 };
      stats.tokenRequests = [];
      stats.revocations = [];
      stats.userinfo = 0;
    },
  };

  function log(path: string, body: Body, status: number, faulted: boolean, accountId?: string): void {
    const at = Date.now();
    if (path === '/token') {
      const grantType = field(body, 'grant_type') ?? '';
      if (grantType === 'authorization_code' || grantType === 'refresh_token') stats.token[grantType] += 1;
      else stats.token.other += 1;
      const refreshToken = field(body, 'refresh_token');
      stats.tokenRequests.push({
        grantType,
        ...(refreshToken ? { refreshToken } : {}),
        ...(accountId ? { accountId } : {}),
        sentClientSecret: field(body, 'client_secret') !== undefined,
        status,
        faulted,
        at,
      });
    } else if (path === '/token/revocation') {
      const tokenTypeHint = field(body, 'token_type_hint');
      stats.revocations.push({ token: field(body, 'token') ?? '', ...(tokenTypeHint ? { tokenTypeHint } : {}), status, faulted, at });
    }
  }

  return stats;
}
