import { CoreError } from '../errors';
import type { Cipher } from '../options';
import { JsonStore, type StoreNotice } from './json-store';
import { readStore, type ReadStore } from './read-store';
import { secretsSchema, type ConnectionRecord, type Secrets, type StoredGrant, type StoredLink } from './records';
import type { StorageConsent } from './storage-consent';

export type { ConnectionRecord, Secrets, StoredGrant, StoredLink } from './records';
/** The name the rest of the core has always read a connection's record by. */
export type StoredConnection = ConnectionRecord;

type File = { version: number; connections: Record<string, unknown>; grants: Record<string, unknown> };

/** A grant as written, without its secret: the secret is given separately (or kept). */
export type GrantFields = Omit<StoredGrant, 'secret' | 'updatedAt'>;

const join = (link: StoredLink, grant: StoredGrant): ConnectionRecord => {
  const { id: _id, provider: _provider, accountId: _accountId, secret: _secret, updatedAt, ...shared } = grant;
  return { ...link, ...shared, updatedAt: Math.max(link.updatedAt, updatedAt) };
};

/**
 * Connections (links) and the grants they share, with their encrypted tokens, in one file so that
 * every change is one atomic rename. Decrypted secrets are cached in memory only, per grant.
 */
export class ConnectionVault {
  private readonly store: JsonStore<File>;
  private links = new Map<string, StoredLink>();
  private grants = new Map<string, StoredGrant>();
  private readonly plain = new Map<string, Secrets>();
  /** The latest API use per connection; on disk it lags by up to a minute, to spare a write per request. */
  private readonly used = new Map<string, number>();
  /** Entries this version could not read (damaged, or written by a newer Junction): written back as they were. */
  private readonly unreadable: ReadStore['unreadable'];
  readonly notices: string[] = [];

  constructor(
    dir: string,
    private readonly cipher: Cipher,
    private readonly now: () => number,
    /** Checked at every save of new token material, whoever the caller (sign-in, refresh). */
    private readonly consent: StorageConsent,
  ) {
    this.store = new JsonStore<File>(dir, 'connections', { version: 2, connections: {}, grants: {} }, now);
    if (this.store.notice) this.notices.push(this.store.notice.message);
    const read = readStore(this.object('connections'), this.object('grants'));
    this.links = read.links;
    this.grants = read.grants;
    this.unreadable = read.unreadable;
    // Migrated from version 1: written back at once, so it happens only once.
    if (read.migrated) this.write(this.links, this.grants);
    const skipped = read.skipped;
    if (skipped > 0) {
      this.notices.push(
        `Junction skipped ${skipped} unreadable connection record(s) in ${this.store.path}; they are left in the file untouched.`,
      );
    }
  }

  private object(key: 'connections' | 'grants'): Record<string, unknown> {
    const raw = this.store.get(key);
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  }

  get storeNotice(): StoreNotice | null {
    return this.store.notice;
  }

  private joined(link: StoredLink): ConnectionRecord {
    const grant = this.grants.get(link.grantId);
    if (!grant) throw new CoreError('not_found', 'That connection no longer exists. Refresh the list and pick another one.');
    return join(link, grant);
  }

  list(): ConnectionRecord[] {
    return [...this.links.values()].map((link) => this.joined(link)).sort((a, b) => a.createdAt - b.createdAt);
  }

  find(id: string): ConnectionRecord | undefined {
    const link = this.links.get(id);
    return link ? this.joined(link) : undefined;
  }

  get(id: string): ConnectionRecord {
    const record = this.find(id);
    if (!record) throw new CoreError('not_found', 'That connection no longer exists. Refresh the list and pick another one.');
    return record;
  }

  findByAccount(service: string, accountId: string): ConnectionRecord | undefined {
    return this.list().find((r) => r.service === service && r.account.id === accountId && r.disconnectingAt === undefined);
  }

  grant(grantId: string): Omit<StoredGrant, 'secret'> | undefined {
    const grant = this.grants.get(grantId);
    if (!grant) return undefined;
    const { secret: _secret, ...rest } = grant;
    return rest;
  }

  /** Every grant of one provider account, most recently authorized first. */
  grantsOfAccount(provider: string, accountId: string): Omit<StoredGrant, 'secret'>[] {
    return [...this.grants.values()]
      .filter(
        (g) => g.provider === provider && g.accountId === accountId && this.linksOf(g.id).every((l) => l.disconnectingAt === undefined),
      )
      .sort((a, b) => b.lastAuthorizedAt - a.lastAuthorizedAt)
      .map(({ secret: _secret, ...rest }) => rest);
  }

  /** Every grant of a provider that some connection still uses. */
  grantsOfProvider(provider: string): Omit<StoredGrant, 'secret'>[] {
    return [...this.grants.values()]
      .filter((g) => g.provider === provider && this.linksOf(g.id).length > 0)
      .map(({ secret: _s, ...rest }) => rest);
  }

  /** The connections sharing a grant. */
  linksOf(grantId: string): StoredLink[] {
    return [...this.links.values()].filter((link) => link.grantId === grantId);
  }

  /** Decrypts once per grant, then serves from memory. A secret that cannot be decrypted marks the grant's connections. */
  secrets(connectionId: string): Secrets {
    const { grantId } = this.get(connectionId);
    const cached = this.plain.get(grantId);
    if (cached) return cached;
    const grant = this.grants.get(grantId);
    if (!grant) throw new CoreError('not_found', 'That connection no longer exists. Refresh the list and pick another one.');
    let secrets: Secrets;
    try {
      secrets = secretsSchema.parse(JSON.parse(this.cipher.decrypt(Buffer.from(grant.secret, 'base64'))));
    } catch {
      const reason =
        'Junction can no longer read the saved sign-in for this account (the system keyring may have been reset). Reconnect the account to repair it.';
      if (grant.status !== 'needs_reauth' || grant.reauthReason !== reason) {
        try {
          this.updateGrant(grantId, { status: 'needs_reauth', reauthReason: reason });
        } catch {
          // The mark only shows the state; the answer below still says what to do, and the next use marks again.
        }
      }
      throw new CoreError('reauth_required', reason);
    }
    this.plain.set(grantId, secrets);
    return secrets;
  }

  /**
   * One sign-in's outcome in one write: the grant (with new secrets), the links that use it, and
   * older grants of the same account folded into it (their links re-pointed, their tokens
   * forgotten locally but not revoked: at Google revoking one token ends the whole grant).
   */
  commitSignIn(grant: GrantFields, secrets: Secrets, links: StoredLink[], absorb: string[] = []): void {
    this.consent.assert('sign-in');
    const nextGrants = new Map(this.grants);
    const nextLinks = new Map(this.links);
    for (const old of absorb) {
      if (old === grant.id) continue;
      nextGrants.delete(old);
      for (const [id, link] of nextLinks) if (link.grantId === old) nextLinks.set(id, { ...link, grantId: grant.id });
    }
    nextGrants.set(grant.id, { ...grant, updatedAt: this.now(), secret: this.encrypt(secrets) });
    for (const link of links) nextLinks.set(link.id, link);
    this.write(nextLinks, nextGrants);
    for (const old of absorb) this.plain.delete(old);
    this.plain.set(grant.id, secrets);
  }

  /** Changes a grant's metadata, and its secrets when given (a refresh). */
  updateGrant(grantId: string, patch: Partial<GrantFields>, secrets?: Secrets): void {
    // New token material needs consent at this moment; marking a grant needs_reauth does not.
    if (secrets) this.consent.assert('refresh');
    const current = this.grants.get(grantId);
    if (!current) throw new CoreError('not_found', 'That connection no longer exists. Refresh the list and pick another one.');
    const next: StoredGrant = {
      ...current,
      ...patch,
      id: grantId,
      updatedAt: this.now(),
      ...(secrets ? { secret: this.encrypt(secrets) } : {}),
    };
    this.write(this.links, new Map(this.grants).set(grantId, next));
    if (secrets) this.plain.set(grantId, secrets);
  }

  /** Changes one connection's own fields. Bookkeeping (`touch: false`) leaves `updatedAt` alone. */
  updateLink(id: string, patch: Partial<Omit<StoredLink, 'id' | 'grantId'>>, options: { touch?: boolean } = {}): void {
    const current = this.links.get(id);
    if (!current) throw new CoreError('not_found', 'That connection no longer exists. Refresh the list and pick another one.');
    const next = { ...current, ...patch, updatedAt: options.touch === false ? current.updatedAt : this.now() };
    this.write(new Map(this.links).set(id, next), this.grants);
  }

  /** When the connection last sent an API request. */
  lastUsedAt(id: string): number | null {
    return this.used.get(id) ?? this.links.get(id)?.lastUsedAt ?? null;
  }

  /** Notes an API request; persists at most once a minute per connection, without touching `updatedAt`. */
  markUsed(id: string, at: number): void {
    this.used.set(id, at);
    const link = this.links.get(id);
    if (!link || (link.lastUsedAt !== undefined && at - link.lastUsedAt < 60_000)) return;
    try {
      this.write(new Map(this.links).set(id, { ...link, lastUsedAt: at }), this.grants);
    } catch {
      // Only a display field: the next write carries it.
    }
  }

  /** Writes the uses not yet on disk; the core calls it as it closes. */
  flushUsage(): void {
    const next = new Map(this.links);
    let changed = false;
    for (const [id, at] of this.used) {
      const link = next.get(id);
      if (link && link.lastUsedAt !== at) {
        next.set(id, { ...link, lastUsedAt: at });
        changed = true;
      }
    }
    if (!changed) return;
    try {
      this.write(next, this.grants);
    } catch {
      // Only a display field: lost with this run.
    }
  }

  /**
   * Disconnects cut short last time: Junction stopped between marking the record and deleting it,
   * so the provider may or may not have revoked. The core finishes them as it starts.
   */
  interruptedDisconnects(): ConnectionRecord[] {
    return this.list().filter((record) => record.disconnectingAt !== undefined);
  }

  /** Records that the person asked to disconnect, so a crash before the delete still ends in one. */
  markDisconnecting(id: string): void {
    const link = this.links.get(id);
    if (!link) throw new CoreError('not_found', 'That connection no longer exists. Refresh the list and pick another one.');
    this.write(new Map(this.links).set(id, { ...link, disconnectingAt: this.now() }), this.grants);
  }

  /** Removes connections; a grant no connection uses any more goes with them, secrets and all. */
  delete(id: string): void {
    this.remove([id], false);
  }

  /** Deletes finished disconnects; if the file cannot be written, they are gone from memory and the next write drops them. */
  dropDisconnected(ids: string[]): void {
    this.remove(ids, true);
  }

  private remove(ids: string[], tolerateWriteFailure: boolean): void {
    const nextLinks = new Map(this.links);
    for (const id of ids) nextLinks.delete(id);
    const nextGrants = new Map(this.grants);
    const inUse = new Set([...nextLinks.values()].map((link) => link.grantId));
    for (const grantId of this.grants.keys()) if (!inUse.has(grantId)) nextGrants.delete(grantId);
    try {
      this.write(nextLinks, nextGrants);
    } catch (error) {
      if (!tolerateWriteFailure) throw error;
      this.links = nextLinks;
      this.grants = nextGrants;
    }
    for (const grantId of this.plain.keys()) if (!nextGrants.has(grantId)) this.plain.delete(grantId);
  }

  private encrypt(secrets: Secrets): string {
    return this.cipher.encrypt(JSON.stringify(secrets)).toString('base64');
  }

  /** Writes first and swaps memory only once the file is safely on disk. */
  private write(links: Map<string, StoredLink>, grants: Map<string, StoredGrant>): void {
    this.store.setMany({
      version: 2,
      connections: { ...this.unreadable.connections, ...Object.fromEntries(links) },
      grants: { ...this.unreadable.grants, ...Object.fromEntries(grants) },
    });
    this.links = links;
    this.grants = grants;
  }
}
