import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { CoreError } from '../errors';
import { SERVICE_IDS, type LocalApiKey, type LocalApiNewKey, type ServiceId } from '../../../src-shared/types';
import { JsonStore } from '../vault/json-store';

interface StoredKey {
  id: string;
  name: string;
  services: ServiceId[];
  /** base64 of 16 random bytes, one per key. */
  salt: string;
  /** base64 of sha256(salt ‖ key). */
  hash: string;
  createdAt: number;
  lastUsedAt: number | null;
}

type File = { version: number; keys: StoredKey[] };

export const KEY_PREFIX = 'jct_';
/** `jct_` + 32 random bytes in base64url (43 characters). */
const KEY_SHAPE = /^jct_[A-Za-z0-9_-]{43}$/;
export const MAX_KEYS = 50;
/** Last use reaches the disk at most this often per key: a busy script must not mean a write per call. */
const LAST_USE_WRITE_MS = 60_000;

/**
 * A salted SHA-256 is enough here: the key is 256 random bits, so there is nothing to guess and
 * a slow hash (scrypt) would only cost every request tens of milliseconds.
 */
function digest(salt: Buffer, key: string): Buffer {
  return createHash('sha256').update(salt).update(key, 'utf8').digest();
}

function isStoredKey(value: unknown): value is StoredKey {
  const v = value as Partial<StoredKey> | null;
  return (
    !!v &&
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    Array.isArray(v.services) &&
    v.services.every((s) => (SERVICE_IDS as readonly string[]).includes(s)) &&
    typeof v.salt === 'string' &&
    typeof v.hash === 'string' &&
    typeof v.createdAt === 'number'
  );
}

/**
 * The local API's keys (local-api-keys.json, owner-only like every JsonStore file): only a salted
 * hash of each key is kept, so the file alone lets no one call the API.
 */
export class KeyStore {
  private readonly store: JsonStore<File>;
  private keys: StoredKey[];
  /** Last uses not yet written, by key id. */
  private readonly unsaved = new Map<string, number>();
  readonly notices: string[] = [];

  constructor(
    dir: string,
    private readonly now: () => number,
  ) {
    this.store = new JsonStore<File>(dir, 'local-api-keys', { version: 1, keys: [] }, now);
    if (this.store.notice) this.notices.push(this.store.notice.message);
    const saved = this.store.get('keys');
    this.keys = Array.isArray(saved) ? saved.filter(isStoredKey) : [];
  }

  get path(): string {
    return this.store.path;
  }

  list(): LocalApiKey[] {
    return this.keys.map((k) => ({
      id: k.id,
      name: k.name,
      services: [...k.services],
      createdAt: k.createdAt,
      lastUsedAt: this.unsaved.get(k.id) ?? k.lastUsedAt ?? null,
    }));
  }

  create(name: string, services: ServiceId[]): LocalApiNewKey {
    if (this.keys.length >= MAX_KEYS) {
      throw new CoreError('invalid_input', `Junction keeps at most ${MAX_KEYS} local API keys; revoke one you no longer use first.`);
    }
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const salt = randomBytes(16);
    const stored: StoredKey = {
      id: randomUUID(),
      name,
      services: [...new Set(services)],
      salt: salt.toString('base64'),
      hash: digest(salt, key).toString('base64'),
      createdAt: this.now(),
      lastUsedAt: null,
    };
    this.write([...this.keys, stored]);
    return { key, id: stored.id, name: stored.name, services: [...stored.services], createdAt: stored.createdAt };
  }

  revoke(id: string): { revoked: boolean } {
    const next = this.keys.filter((k) => k.id !== id);
    if (next.length === this.keys.length) return { revoked: false };
    this.unsaved.delete(id);
    this.write(next);
    return { revoked: true };
  }

  /** The key a bearer value names, or null. Every stored hash is compared, in constant time each. */
  verify(presented: string): LocalApiKey | null {
    if (!KEY_SHAPE.test(presented)) return null;
    let found: StoredKey | null = null;
    for (const k of this.keys) {
      const expected = Buffer.from(k.hash, 'base64');
      const actual = digest(Buffer.from(k.salt, 'base64'), presented);
      if (expected.length === actual.length && timingSafeEqual(expected, actual)) found = k;
    }
    if (!found) return null;
    this.touch(found);
    return this.list().find((k) => k.id === found.id) ?? null;
  }

  /** Writes last uses still held in memory (on close). */
  flush(): void {
    if (this.unsaved.size === 0) return;
    this.write(this.keys);
  }

  private touch(key: StoredKey): void {
    const at = this.now();
    if (at - (key.lastUsedAt ?? 0) < LAST_USE_WRITE_MS) {
      this.unsaved.set(key.id, at);
      return;
    }
    this.unsaved.set(key.id, at);
    this.write(this.keys);
  }

  private write(keys: StoredKey[]): void {
    const next = keys.map((k) => ({ ...k, lastUsedAt: this.unsaved.get(k.id) ?? k.lastUsedAt }));
    this.store.set('keys', next);
    this.keys = next;
    this.unsaved.clear();
  }
}
