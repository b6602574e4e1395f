// A ConnectionVault on a real data directory (the real JsonStore, real AES-GCM test cipher, real
// consent), with a clock the test moves and records shaped as sign-ins write them. For tests of
// the vault's own rules, which a sign-in through an oauth peer would reach only slowly.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConnectionVault, type GrantFields, type Secrets, type StoredLink } from '../../src-main/core/vault/connection-vault';
import { StorageConsent } from '../../src-main/core/vault/storage-consent';
import { createTestCipher, type TestCipher } from './cipher';
import { makeTempDir } from './temp-dir';

export const T0 = Date.parse('2026-11-20T10:00:00.000Z');

export interface VaultWorld {
  dir: string;
  file: string;
  cipher: TestCipher;
  clock: { now: number };
  consent: { accepted: boolean };
  vault: ConnectionVault;
  /** A new ConnectionVault on the same directory, as after a restart. */
  reopen(): ConnectionVault;
  /** connections.json as it is on disk. */
  disk(): { version: number; connections: Record<string, Record<string, unknown>>; grants: Record<string, Record<string, unknown>> };
  /** Makes every write fail (the file's place taken by a directory) until `healWrites`. */
  breakWrites(): void;
  healWrites(): void;
}

export function vaultWorld(options: { secure?: boolean; dir?: string; cipher?: TestCipher } = {}): VaultWorld {
  const dir = options.dir ?? makeTempDir('junction-vault-');
  const cipher = options.cipher ?? createTestCipher({ secure: options.secure ?? true });
  const clock = { now: T0 };
  const consent = { accepted: false };
  const open = () => new ConnectionVault(dir, cipher, () => clock.now, new StorageConsent(cipher, () => consent.accepted));
  const file = join(dir, 'connections.json');
  let saved = '';
  const world: VaultWorld = {
    dir,
    file,
    cipher,
    clock,
    consent,
    vault: open(),
    reopen: () => (world.vault = open()),
    disk: () => JSON.parse(readFileSync(file, 'utf8')) as ReturnType<VaultWorld['disk']>,
    breakWrites() {
      // conf reads the file before each write; a directory in its place fails that read (EISDIR)
      // for root too, which permissions would not.
      saved = readFileSync(file, 'utf8');
      rmSync(file);
      mkdirSync(file);
    },
    healWrites() {
      rmSync(file, { recursive: true });
      writeFileSync(file, saved, { mode: 0o600 });
    },
  };
  return world;
}

/** A token as long and as random as a real one, so the disk check can look for it. */
export const token = (kind: string) => `${kind}.${randomBytes(24).toString('base64url')}`;

export const secrets = (): Secrets => ({ accessToken: token('ya29'), refreshToken: token('1//0') });

export function grantFields(id: string, over: Partial<GrantFields> = {}): GrantFields {
  return {
    id,
    provider: 'google',
    accountId: 'acct-ada',
    scopes: ['openid', 'https://www.googleapis.com/auth/gmail.readonly'],
    status: 'connected',
    tokenExpiresAt: T0 + 3_600_000,
    lastAuthorizedAt: T0,
    lastRefreshedAt: null,
    refreshTokenIssuedAt: T0,
    refreshTokenDeclaredExpiresAt: null,
    ...over,
  };
}

export function link(id: string, grantId: string, over: Partial<StoredLink> = {}): StoredLink {
  return {
    id,
    service: 'google_gmail',
    provider: 'google',
    account: { id: 'acct-ada', email: 'ada@example.com', displayName: 'Ada' },
    grantId,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}
