import { z } from 'zod';
import { CoreError } from '../errors';
import type { Cipher } from '../options';
import type { Connection } from '../../../src-shared/types';
import { PROVIDER_IDS, SERVICE_IDS } from '../../../src-shared/types';
import { JsonStore, type StoreNotice } from './json-store';
import type { StorageConsent } from './storage-consent';

/** What never leaves the core: kept encrypted on disk and decrypted only in memory. */
export interface Secrets {
  accessToken: string;
  refreshToken?: string;
}

type Derived = 'apiBaseUrl' | 'health' | 'refreshTokenIssuedAt' | 'refreshTokenExpiresAt' | 'lastUsedAt';

export type StoredConnection = Omit<Connection, Derived> & {
  /** base64 of cipher.encrypt(JSON of Secrets). */
  secret: string;
  /** Set when the person asked to disconnect, before the provider is asked to revoke. */
  disconnectingAt?: number;
  /** When the refresh token's life began; null: unknown or none. Missing in records older than it: the last sign-in. */
  refreshTokenIssuedAt?: number | null;
  /** The end the provider declared (`refresh_token_expires_in`); null or missing: it said nothing. */
  refreshTokenDeclaredExpiresAt?: number | null;
  /** Written at most once a minute; the latest use is kept in memory. */
  lastUsedAt?: number;
  /** The `actBy` the `connection.expiring` event was last sent for: once per refresh token. */
  expiringNotifiedFor?: number;
};

const storedConnection = z.object({
  id: z.string(),
  service: z.enum(SERVICE_IDS),
  provider: z.enum(PROVIDER_IDS),
  account: z.object({ id: z.string().optional(), email: z.string().optional(), displayName: z.string().optional() }),
  scopes: z.array(z.string()),
  status: z.enum(['connected', 'needs_reauth']),
  reauthReason: z.string().optional(),
  tokenExpiresAt: z.number().nullable(),
  lastAuthorizedAt: z.number(),
  lastRefreshedAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  secret: z.string(),
  disconnectingAt: z.number().optional(),
  refreshTokenIssuedAt: z.number().nullable().optional(),
  refreshTokenDeclaredExpiresAt: z.number().nullable().optional(),
  lastUsedAt: z.number().optional(),
  expiringNotifiedFor: z.number().optional(),
});

const secretsSchema = z.object({ accessToken: z.string().min(1), refreshToken: z.string().min(1).optional() });

type File = { version: number; connections: Record<string, unknown> };

/**
 * Connection records and their encrypted tokens, in one file so that a record and its secrets
 * are always written together (one atomic rename). Decrypted secrets are cached in memory only.
 */
export class ConnectionVault {
  private readonly store: JsonStore<File>;
  private records = new Map<string, StoredConnection>();
  private readonly plain = new Map<string, Secrets>();
  /** The latest API use per connection; on disk it lags by up to a minute, to spare a write per request. */
  private readonly used = new Map<string, number>();
  /** Entries this version could not read (damaged, or written by a newer Junction): written back as they were. */
  private readonly unreadable: Record<string, unknown> = {};
  readonly notices: string[] = [];

  constructor(
    dir: string,
    private readonly cipher: Cipher,
    private readonly now: () => number,
    /** Checked at every save of new token material, whoever the caller (sign-in, refresh). */
    private readonly consent: StorageConsent,
  ) {
    this.store = new JsonStore<File>(dir, 'connections', { version: 1, connections: {} }, now);
    if (this.store.notice) this.notices.push(this.store.notice.message);
    const raw = this.store.get('connections');
    let skipped = 0;
    for (const [id, value] of Object.entries(raw && typeof raw === 'object' ? raw : {})) {
      const parsed = storedConnection.safeParse(value);
      if (parsed.success && parsed.data.id === id) this.records.set(id, parsed.data);
      else {
        this.unreadable[id] = value;
        skipped += 1;
      }
    }
    if (skipped > 0) {
      this.notices.push(
        `Junction skipped ${skipped} unreadable connection record(s) in ${this.store.path}; they are left in the file untouched.`,
      );
    }
  }

  /**
   * Disconnects cut short last time: Junction stopped between marking the record and deleting it,
   * so the provider may or may not have revoked. The core finishes them as it starts.
   */
  interruptedDisconnects(): StoredConnection[] {
    return this.list().filter((record) => record.disconnectingAt !== undefined);
  }

  /** Deletes finished disconnects; if the file cannot be written, they are gone from memory and the next write drops them. */
  dropDisconnected(ids: string[]): void {
    const next = new Map(this.records);
    for (const id of ids) {
      next.delete(id);
      this.plain.delete(id);
    }
    try {
      this.write(next);
    } catch {
      this.records = next;
    }
  }

  get storeNotice(): StoreNotice | null {
    return this.store.notice;
  }

  list(): StoredConnection[] {
    return [...this.records.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  find(id: string): StoredConnection | undefined {
    return this.records.get(id);
  }

  get(id: string): StoredConnection {
    const record = this.records.get(id);
    if (!record) throw new CoreError('not_found', 'That connection no longer exists. Refresh the list and pick another one.');
    return record;
  }

  findByAccount(service: string, accountId: string): StoredConnection | undefined {
    return this.list().find((r) => r.service === service && r.account.id === accountId);
  }

  /** Decrypts once, then serves from memory. A secret that cannot be decrypted marks the connection. */
  secrets(id: string): Secrets {
    const cached = this.plain.get(id);
    if (cached) return cached;
    const record = this.get(id);
    let secrets: Secrets;
    try {
      secrets = secretsSchema.parse(JSON.parse(this.cipher.decrypt(Buffer.from(record.secret, 'base64'))));
    } catch {
      const reason =
        'Junction can no longer read the saved sign-in for this account (the system keyring may have been reset). Reconnect the account to repair it.';
      if (record.status !== 'needs_reauth' || record.reauthReason !== reason) {
        this.write(new Map(this.records).set(id, { ...record, status: 'needs_reauth', reauthReason: reason, updatedAt: this.now() }));
      }
      throw new CoreError('reauth_required', reason);
    }
    this.plain.set(id, secrets);
    return secrets;
  }

  /** Adds or replaces a record together with its secrets; `not_configured` when weaker storage is not accepted at this moment. */
  save(record: Omit<StoredConnection, 'secret'>, secrets: Secrets): StoredConnection {
    this.consent.assert('sign-in');
    const stored: StoredConnection = { ...record, secret: this.cipher.encrypt(JSON.stringify(secrets)).toString('base64') };
    this.write(new Map(this.records).set(stored.id, stored));
    this.plain.set(stored.id, secrets);
    return stored;
  }

  /** When the connection last sent an API request. */
  lastUsedAt(id: string): number | null {
    return this.used.get(id) ?? this.records.get(id)?.lastUsedAt ?? null;
  }

  /** Notes an API request; persists at most once a minute per connection, without touching `updatedAt`. */
  markUsed(id: string, at: number): void {
    this.used.set(id, at);
    const record = this.records.get(id);
    if (!record || (record.lastUsedAt !== undefined && at - record.lastUsedAt < 60_000)) return;
    try {
      this.write(new Map(this.records).set(id, { ...record, lastUsedAt: at }));
    } catch {
      // Only a display field: the next write carries it.
    }
  }

  /** Writes the uses not yet on disk; the core calls it as it closes. */
  flushUsage(): void {
    const next = new Map(this.records);
    let changed = false;
    for (const [id, at] of this.used) {
      const record = next.get(id);
      if (record && record.lastUsedAt !== at) {
        next.set(id, { ...record, lastUsedAt: at });
        changed = true;
      }
    }
    if (!changed) return;
    try {
      this.write(next);
    } catch {
      // Only a display field: lost with this run.
    }
  }

  /** Records that the person asked to disconnect, so a crash before the delete still ends in one. */
  markDisconnecting(id: string): void {
    this.write(new Map(this.records).set(id, { ...this.get(id), disconnectingAt: this.now() }));
  }

  /** Changes metadata only; the secrets stay as they are. Bookkeeping (`touch: false`) leaves `updatedAt` alone. */
  update(id: string, patch: Partial<Omit<StoredConnection, 'id' | 'secret'>>, options: { touch?: boolean } = {}): StoredConnection {
    const current = this.get(id);
    const next = { ...current, ...patch, updatedAt: options.touch === false ? current.updatedAt : this.now() };
    this.write(new Map(this.records).set(id, next));
    return next;
  }

  delete(id: string): void {
    const next = new Map(this.records);
    next.delete(id);
    this.write(next);
    this.plain.delete(id);
  }

  /** Writes first and swaps memory only once the file is safely on disk. */
  private write(next: Map<string, StoredConnection>): void {
    this.store.set('connections', { ...this.unreadable, ...Object.fromEntries(next) });
    this.records = next;
  }
}
