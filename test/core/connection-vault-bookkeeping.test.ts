// ConnectionVault's bookkeeping on a real data directory: the lookups the core picks grants by,
// last use written at most once a minute, disconnects that survive a crash, deletes that take a
// grant's secret with its last connection, and writes that fail.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { removeAllTempDirs } from '../support/temp-dir';
import { grantFields, link, secrets, T0, vaultWorld } from '../support/vault-world';

afterEach(() => removeAllTempDirs());

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    // Every not_found says what to do next, in the same words.
    if (code === 'not_found') expect(message).toBe('That connection no longer exists. Refresh the list and pick another one.');
    return code ?? String(error);
  }
  return undefined;
};
const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('ConnectionVault: lookups', () => {
  it('lists by creation, joins each link with its grant, and finds by id and by account', () => {
    const w = vaultWorld();
    const v = w.vault;
    w.clock.now = T0 + 50;
    v.commitSignIn(grantFields('g1', { scopes: ['a'] }), secrets(), [
      link('c2', 'g1', { createdAt: T0 + 2, updatedAt: T0 + 99 }),
      link('c1', 'g1', { createdAt: T0 + 1, service: 'google_drive' }),
    ]);
    v.commitSignIn(grantFields('g2', { provider: 'spotify', accountId: 'sp-1' }), secrets(), [
      link('c0', 'g2', { createdAt: T0, service: 'spotify', provider: 'spotify', account: { id: 'sp-1' } }),
    ]);
    expect(ids(v.list())).toEqual(['c0', 'c1', 'c2']);
    // The later of the link's and the grant's updatedAt.
    expect(v.get('c2')).toMatchObject({ id: 'c2', grantId: 'g1', scopes: ['a'], status: 'connected', updatedAt: T0 + 99 });
    expect(v.get('c1').updatedAt).toBe(T0 + 50);
    expect(v.find('nope')).toBeUndefined();
    expect(codeOf(() => v.get('nope'))).toBe('not_found');
    expect(v.findByAccount('google_gmail', 'acct-ada')?.id).toBe('c2');
    expect(v.findByAccount('google_gmail', 'acct-grace')).toBeUndefined();
    expect(v.findByAccount('google_calendar', 'acct-ada')).toBeUndefined();
    v.markDisconnecting('c2');
    expect(v.findByAccount('google_gmail', 'acct-ada')).toBeUndefined();
    expect(ids(v.linksOf('g1'))).toEqual(['c2', 'c1']);
    expect(v.linksOf('g3')).toEqual([]);
    expect(v.grant('g2')).toMatchObject({ id: 'g2', provider: 'spotify', accountId: 'sp-1' });
    expect(v.grant('g3')).toBeUndefined();
  });

  it("picks an account's grants newest first, leaving out other accounts, providers, and grants being disconnected", () => {
    const w = vaultWorld();
    const v = w.vault;
    v.commitSignIn(grantFields('old', { lastAuthorizedAt: T0 }), secrets(), [link('c1', 'old')]);
    v.commitSignIn(grantFields('new', { lastAuthorizedAt: T0 + 10 }), secrets(), [link('c2', 'new')]);
    v.commitSignIn(grantFields('mid', { lastAuthorizedAt: T0 + 5 }), secrets(), [link('c3', 'mid')]);
    v.commitSignIn(grantFields('grace', { accountId: 'acct-grace' }), secrets(), [link('c4', 'grace')]);
    v.commitSignIn(grantFields('sp', { provider: 'spotify' }), secrets(), [link('c5', 'sp', { provider: 'spotify', service: 'spotify' })]);
    v.commitSignIn(grantFields('going', { lastAuthorizedAt: T0 + 20 }), secrets(), [link('c6', 'going'), link('c7', 'going')]);
    v.markDisconnecting('c7');
    expect(ids(v.grantsOfAccount('google', 'acct-ada'))).toEqual(['new', 'mid', 'old']);
    expect(ids(v.grantsOfAccount('spotify', 'acct-ada'))).toEqual(['sp']);
    expect(v.grantsOfAccount('google', 'acct-nobody')).toEqual([]);
    expect(ids(v.grantsOfProvider('google')).sort()).toEqual(['going', 'grace', 'mid', 'new', 'old']);
    expect(ids(v.grantsOfProvider('spotify'))).toEqual(['sp']);
    // A grant no connection uses (its only link damaged on disk) is not offered.
    const file = w.disk();
    file.connections.c4 = { ...file.connections.c4, service: 'damaged' };
    writeFileSync(w.file, JSON.stringify(file));
    const reopened = w.reopen();
    expect(reopened.grant('grace')).toBeDefined();
    expect(ids(reopened.grantsOfProvider('google')).sort()).toEqual(['going', 'mid', 'new', 'old']);
  });

  it('changes a link, touching updatedAt unless told not to', () => {
    const w = vaultWorld();
    w.vault.commitSignIn(grantFields('g1'), secrets(), [link('c1', 'g1')]);
    w.clock.now = T0 + 1_000;
    w.vault.updateLink('c1', { expiringNotifiedFor: 7 }, { touch: false });
    expect(w.disk().connections.c1).toMatchObject({ expiringNotifiedFor: 7, updatedAt: T0 });
    w.vault.updateLink('c1', { account: { id: 'acct-ada', email: 'new@example.com' } });
    expect(w.disk().connections.c1).toMatchObject({ updatedAt: T0 + 1_000, account: { email: 'new@example.com' }, grantId: 'g1' });
    expect(codeOf(() => w.vault.updateLink('nope', {}))).toBe('not_found');
  });
});

describe('ConnectionVault: last use', () => {
  it('writes a use at most once a minute, without touching updatedAt, and the latest on close', () => {
    const w = vaultWorld();
    w.vault.commitSignIn(grantFields('g1'), secrets(), [link('c1', 'g1'), link('c2', 'g1')]);
    const onDisk = () => w.disk().connections.c1?.lastUsedAt;
    expect(w.vault.lastUsedAt('c1')).toBeNull();
    expect(w.vault.lastUsedAt('nope')).toBeNull();
    w.vault.markUsed('c1', T0 + 1_000);
    expect(onDisk()).toBe(T0 + 1_000);
    w.vault.markUsed('c1', T0 + 60_999);
    expect(onDisk()).toBe(T0 + 1_000);
    expect(w.vault.lastUsedAt('c1')).toBe(T0 + 60_999);
    w.vault.markUsed('c1', T0 + 61_000);
    expect(onDisk()).toBe(T0 + 61_000);
    expect(w.disk().connections.c1?.updatedAt).toBe(T0);
    w.vault.markUsed('c1', T0 + 62_000);
    expect(w.reopen().lastUsedAt('c1')).toBe(T0 + 61_000);

    w.vault.markUsed('c1', T0 + 70_000);
    w.vault.flushUsage();
    expect(onDisk()).toBe(T0 + 70_000);
    expect(w.disk().connections.c2?.lastUsedAt).toBeUndefined();
    // Nothing new: no write at all (an atomic write is a new inode).
    const ino = statSync(w.file).ino;
    w.vault.flushUsage();
    expect(statSync(w.file).ino).toBe(ino);
    w.vault.markUsed('gone', T0);
    w.vault.flushUsage();
    expect(statSync(w.file).ino).toBe(ino);
    expect(w.disk().connections.gone).toBeUndefined();
  });

  it('a use that cannot be written is kept in memory and written by the next write', () => {
    const w = vaultWorld();
    w.vault.commitSignIn(grantFields('g1'), secrets(), [link('c1', 'g1')]);
    w.breakWrites();
    w.vault.markUsed('c1', T0 + 5_000);
    w.vault.flushUsage();
    expect(w.vault.lastUsedAt('c1')).toBe(T0 + 5_000);
    w.healWrites();
    expect(w.disk().connections.c1?.lastUsedAt).toBeUndefined();
    w.vault.flushUsage();
    expect(w.disk().connections.c1?.lastUsedAt).toBe(T0 + 5_000);
  });
});

describe('ConnectionVault: disconnect and delete', () => {
  it('a disconnect marked on disk is found again after a restart', () => {
    const w = vaultWorld();
    w.vault.commitSignIn(grantFields('g1'), secrets(), [link('c1', 'g1'), link('c2', 'g1')]);
    w.clock.now = T0 + 3_000;
    w.vault.markDisconnecting('c2');
    expect(codeOf(() => w.vault.markDisconnecting('nope'))).toBe('not_found');
    expect(
      w
        .reopen()
        .interruptedDisconnects()
        .map((r) => [r.id, r.disconnectingAt]),
    ).toEqual([['c2', T0 + 3_000]]);
  });

  it("a grant's secret goes with its last connection, and only then", () => {
    const w = vaultWorld();
    const [s1, s2] = [secrets(), secrets()];
    w.vault.commitSignIn(grantFields('g1'), s1, [link('c1', 'g1'), link('c2', 'g1')]);
    w.vault.commitSignIn(grantFields('g2'), s2, [link('c3', 'g2')]);
    const secretOf = (id: string) => w.disk().grants[id]?.secret as string;
    const g1 = secretOf('g1');
    w.vault.delete('c1');
    expect(secretOf('g1')).toBe(g1);
    expect(w.vault.secrets('c2')).toEqual(s1);
    expect(w.vault.secrets('c3')).toEqual(s2);
    // The grants still in use keep their tokens in memory: nothing was decrypted.
    expect(w.cipher.calls.decrypt).toBe(0);
    w.vault.delete('c2');
    expect(Object.keys(w.disk().grants)).toEqual(['g2']);
    expect(readFileSync(w.file, 'utf8')).not.toContain(g1);
    expect(codeOf(() => w.vault.secrets('c2'))).toBe('not_found');
    expect(w.vault.grant('g1')).toBeUndefined();
    expect(w.reopen().secrets('c3')).toEqual(s2);
  });

  it('a delete whose write fails throws and keeps the connection; a finished disconnect is dropped anyway and gone at the next write', () => {
    const w = vaultWorld();
    w.vault.commitSignIn(grantFields('g1'), secrets(), [link('c1', 'g1')]);
    w.vault.commitSignIn(grantFields('g2'), secrets(), [link('c2', 'g2'), link('c3', 'g2')]);
    w.breakWrites();
    expect(codeOf(() => w.vault.delete('c1'))).toBe('EISDIR');
    expect(ids(w.vault.list())).toEqual(['c1', 'c2', 'c3']);
    w.vault.dropDisconnected(['c1', 'c2']);
    expect(ids(w.vault.list())).toEqual(['c3']);
    expect(w.vault.grant('g1')).toBeUndefined();
    expect(codeOf(() => w.vault.secrets('c1'))).toBe('not_found');
    w.healWrites();
    expect(Object.keys(w.disk().grants).sort()).toEqual(['g1', 'g2']);
    w.vault.updateLink('c3', {});
    expect(Object.keys(w.disk().connections)).toEqual(['c3']);
    expect(Object.keys(w.disk().grants)).toEqual(['g2']);
  });
});

describe('ConnectionVault: a version 1 store', () => {
  it('is written back as version 2 as it opens, so the migration happens once', () => {
    const w = vaultWorld();
    const s = secrets();
    const record = {
      ...link('c1', 'unused'),
      scopes: ['openid'],
      status: 'connected',
      tokenExpiresAt: null,
      lastAuthorizedAt: T0,
      lastRefreshedAt: null,
      secret: w.cipher.encrypt(JSON.stringify(s)).toString('base64'),
    };
    writeFileSync(w.file, JSON.stringify({ version: 1, connections: { c1: record } }));
    const vault = w.reopen();
    const disk = w.disk();
    expect(disk.version).toBe(2);
    expect(Object.keys(disk.grants)).toHaveLength(1);
    expect(disk.connections.c1).not.toHaveProperty('secret');
    expect(vault.notices).toEqual([]);
    expect(w.reopen().secrets('c1')).toEqual(s);
    // Once only: opening a version 2 store writes nothing (an atomic write is a new inode).
    const ino = statSync(w.file).ino;
    w.reopen();
    expect(statSync(w.file).ino).toBe(ino);
  });
});
