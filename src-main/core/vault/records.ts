// What connections.json holds (version 2): one link per connected service, and one grant per
// provider account and client — the sign-in its services share (one refresh token, one refresh,
// one health). Version 1 (Junction before shared grants) kept a secret in every connection; it is
// migrated on first start by `migrateV1`, below.
import { z } from 'zod';
import type { Account, ConnectionStatus, ProviderId, ServiceId } from '../../../src-shared/types';
import { PROVIDER_IDS, SERVICE_IDS } from '../../../src-shared/types';
import { shortScope } from '../actions/scopes';
import { serviceDefinition } from '../providers/registry';

/** What never leaves the core: kept encrypted on disk and decrypted only in memory. */
export interface Secrets {
  accessToken: string;
  refreshToken?: string;
}

/** The sign-in: tokens and everything that follows them, shared by its connections. */
export interface StoredGrant {
  id: string;
  provider: ProviderId;
  /** The provider's account id; absent when it could not be learned (then the grant is never shared). */
  accountId?: string;
  /** What the provider granted (the token response's `scope`). */
  scopes: string[];
  status: ConnectionStatus;
  reauthReason?: string;
  tokenExpiresAt: number | null;
  lastAuthorizedAt: number;
  lastRefreshedAt: number | null;
  /** When the refresh token's life began; null: unknown (imported) or none. */
  refreshTokenIssuedAt: number | null;
  /** The end the provider declared (`refresh_token_expires_in`); null: it said nothing. */
  refreshTokenDeclaredExpiresAt: number | null;
  updatedAt: number;
  /** base64 of cipher.encrypt(JSON of Secrets). */
  secret: string;
}

/** One connected service of an account, pointing at its grant. Its id is the Connection's. */
export interface StoredLink {
  id: string;
  service: ServiceId;
  provider: ProviderId;
  account: Account;
  grantId: string;
  createdAt: number;
  updatedAt: number;
  /** Set when the person asked to disconnect the last service of a grant, before the provider is asked to revoke. */
  disconnectingAt?: number;
  /** Written at most once a minute; the latest use is kept in memory. */
  lastUsedAt?: number;
  /** The `actBy` the `connection.expiring` event was last sent for: once per refresh token. */
  expiringNotifiedFor?: number;
}

/** A link joined with its grant (no secret): what the rest of the core reads. */
export type ConnectionRecord = StoredLink & Omit<StoredGrant, 'id' | 'provider' | 'accountId' | 'secret' | 'updatedAt'>;

const account = z.object({ id: z.string().optional(), email: z.string().optional(), displayName: z.string().optional() });
const status = z.enum(['connected', 'needs_reauth']);

export const storedGrant = z.object({
  id: z.string(),
  provider: z.enum(PROVIDER_IDS),
  accountId: z.string().optional(),
  scopes: z.array(z.string()),
  status,
  reauthReason: z.string().optional(),
  tokenExpiresAt: z.number().nullable(),
  lastAuthorizedAt: z.number(),
  lastRefreshedAt: z.number().nullable(),
  refreshTokenIssuedAt: z.number().nullable(),
  refreshTokenDeclaredExpiresAt: z.number().nullable(),
  updatedAt: z.number(),
  secret: z.string(),
});

export const storedLink = z.object({
  id: z.string(),
  service: z.enum(SERVICE_IDS),
  provider: z.enum(PROVIDER_IDS),
  account,
  grantId: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  disconnectingAt: z.number().optional(),
  lastUsedAt: z.number().optional(),
  expiringNotifiedFor: z.number().optional(),
});

export const secretsSchema = z.object({ accessToken: z.string().min(1), refreshToken: z.string().min(1).optional() });

/** A version 1 record: every field of a connection and its own encrypted tokens. */
const v1Connection = z.object({
  id: z.string(),
  service: z.enum(SERVICE_IDS),
  provider: z.enum(PROVIDER_IDS),
  account,
  scopes: z.array(z.string()),
  status,
  reauthReason: z.string().optional(),
  tokenExpiresAt: z.number().nullable(),
  lastAuthorizedAt: z.number(),
  lastRefreshedAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  secret: z.string(),
  disconnectingAt: z.number().optional(),
});
type V1Connection = z.infer<typeof v1Connection>;

/** Whether a raw store entry is a version 1 connection (it carries its own secret). */
export const isV1Entry = (value: unknown): boolean => typeof value === 'object' && value !== null && 'secret' in value;

function grantOf(record: V1Connection, id: string): StoredGrant {
  return {
    id,
    provider: record.provider,
    ...(record.account.id ? { accountId: record.account.id } : {}),
    scopes: record.scopes,
    status: record.status,
    ...(record.reauthReason !== undefined ? { reauthReason: record.reauthReason } : {}),
    tokenExpiresAt: record.tokenExpiresAt,
    lastAuthorizedAt: record.lastAuthorizedAt,
    lastRefreshedAt: record.lastRefreshedAt,
    // Version 1 knew only the last sign-in, which is when its refresh token was issued.
    refreshTokenIssuedAt: record.lastAuthorizedAt,
    refreshTokenDeclaredExpiresAt: null,
    updatedAt: record.updatedAt,
    secret: record.secret,
  };
}

function linkOf(record: V1Connection, grantId: string): StoredLink {
  const { id, service, provider, account: who, createdAt, updatedAt, disconnectingAt } = record;
  return {
    id,
    service,
    provider,
    account: who,
    grantId,
    createdAt,
    updatedAt,
    ...(disconnectingAt !== undefined ? { disconnectingAt } : {}),
  };
}

/**
 * Version 1 → 2, nothing lost: every connection keeps its id, account and record. Per provider
 * account, the most recently refreshed (else authorized) connection's tokens become the shared
 * grant, and every other connection of that account whose service's scopes that grant covers
 * joins it. A connection the shared grant does not cover (Gmail's token cannot serve Calendar)
 * keeps its own tokens as a grant of its own, so it goes on working; the next sign-in of the
 * account asks for the union of all its grants' scopes and merges them into one. A connection
 * being disconnected keeps its own grant, so finishing the disconnect revokes only its tokens.
 */
export function migrateV1(
  raw: Record<string, unknown>,
  newId: () => string,
): {
  links: StoredLink[];
  grants: StoredGrant[];
  unreadable: Record<string, unknown>;
} {
  const unreadable: Record<string, unknown> = {};
  const groups = new Map<string, V1Connection[]>();
  for (const [key, value] of Object.entries(raw)) {
    const parsed = v1Connection.safeParse(value);
    if (!parsed.success || parsed.data.id !== key) {
      unreadable[key] = value;
      continue;
    }
    const record = parsed.data;
    const group = record.account.id && record.disconnectingAt === undefined ? `${record.provider}\n${record.account.id}` : `own\n${key}`;
    groups.set(group, [...(groups.get(group) ?? []), record]);
  }
  const links: StoredLink[] = [];
  const grants: StoredGrant[] = [];
  for (const members of groups.values()) {
    const recency = (r: V1Connection) => r.lastRefreshedAt ?? r.lastAuthorizedAt;
    const [shared, ...others] = [...members].sort((a, b) => recency(b) - recency(a));
    if (!shared) continue;
    const sharedGrant = grantOf(shared, newId());
    grants.push(sharedGrant);
    links.push(linkOf(shared, sharedGrant.id));
    const covered = new Set(sharedGrant.scopes.map(shortScope));
    for (const record of others) {
      const needs = serviceDefinition(record.service).service.scopes;
      if (needs.every((scope) => covered.has(shortScope(scope)))) {
        links.push(linkOf(record, sharedGrant.id));
      } else {
        const own = grantOf(record, newId());
        grants.push(own);
        links.push(linkOf(record, own.id));
      }
    }
  }
  return { links, grants, unreadable };
}
