// Where a sign-in's tokens go: the account's one grant, shared by every service connected with
// it (docs/contract.md, "One sign-in per account"). Used by the browser flow and by
// `connections.import`.
import { randomUUID } from 'node:crypto';
import type * as oauth from 'oauth4webapi';
import type { TokenLife } from '../tokens/token-life';
import type { Account, ProviderId, ServiceId } from '../../../src-shared/types';
import type { ConnectionRecord, ConnectionVault, StoredLink } from '../vault/connection-vault';

export interface SignIn {
  provider: ProviderId;
  /** The first is the primary: the connection `oauth.wait` answers with. */
  services: ServiceId[];
  account: Account;
  /** What the provider granted. */
  scopes: string[];
  tokens: oauth.TokenEndpointResponse;
  life: TokenLife;
  /** When this counts as refreshed (an import refreshed just now); null after a code exchange. */
  refreshedAt: number | null;
}

/**
 * Saves the tokens as the account's grant: an existing grant of the account is updated (and any
 * older ones folded into it), its connections kept; each service of the sign-in gets its
 * connection, repaired in place (same id) when the account already had one. Returns every
 * connection the sign-in made or repaired, the primary first.
 */
export function saveSignIn(vault: ConnectionVault, now: () => number, signIn: SignIn): ConnectionRecord[] {
  const { account, provider, tokens } = signIn;
  const at = now();
  const existing = account.id ? vault.grantsOfAccount(provider, account.id) : [];
  const grantId = existing[0]?.id ?? randomUUID();
  const links: StoredLink[] = signIn.services.map((service) => {
    const known = account.id ? vault.findByAccount(service, account.id) : undefined;
    return {
      id: known?.id ?? randomUUID(),
      service,
      provider,
      account: { ...known?.account, ...account },
      grantId,
      createdAt: known?.createdAt ?? at,
      updatedAt: at,
      ...(known?.lastUsedAt !== undefined ? { lastUsedAt: known.lastUsedAt } : {}),
    };
  });
  // A provider that sends no new refresh token leaves the grant's current one in force.
  let refreshToken = tokens.refresh_token;
  const sibling = existing[0] ? vault.linksOf(existing[0].id)[0] : undefined;
  if (!refreshToken && sibling) {
    try {
      refreshToken = vault.secrets(sibling.id).refreshToken;
    } catch {
      // Unreadable: the new access token alone, as for a first sign-in without a refresh token.
    }
  }
  vault.commitSignIn(
    {
      id: grantId,
      provider,
      ...(account.id ? { accountId: account.id } : {}),
      scopes: signIn.scopes,
      status: 'connected',
      tokenExpiresAt: typeof tokens.expires_in === 'number' ? at + tokens.expires_in * 1000 : null,
      lastAuthorizedAt: at,
      lastRefreshedAt: signIn.refreshedAt ?? existing[0]?.lastRefreshedAt ?? null,
      ...signIn.life,
    },
    { accessToken: tokens.access_token, ...(refreshToken ? { refreshToken } : {}) },
    links,
    existing.map((grant) => grant.id),
  );
  return links.map((link) => vault.get(link.id));
}
