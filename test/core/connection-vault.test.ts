// ConnectionVault on a real data directory: tokens only as ciphertext on disk and never in an
// answer, consent checked at each save of token material, a grant that no longer decrypts marked
// for reconnecting without touching the others, sign-ins folding older grants, and a damaged
// vault that keeps every connection it can read and writes the rest back untouched.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptVault, secretsReadableOnDisk } from '../support/disk-secrecy';
import { removeAllTempDirs } from '../support/temp-dir';
import { grantFields, link, secrets, T0, vaultWorld } from '../support/vault-world';

afterEach(() => removeAllTempDirs());

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

const codeOf = (run: () => unknown): string | undefined => {
  const error = thrown(run) as { code?: string; message: string } | undefined;
  if (error === undefined) return undefined;
  // Every not_found says what to do next, in the same words.
  if (error.code === 'not_found') expect(error.message).toBe('That connection no longer exists. Refresh the list and pick another one.');
  return error.code ?? String(error);
};

describe('ConnectionVault: secrets', () => {
  it('keeps tokens only as ciphertext on disk, decrypts each grant once, and keeps them out of every answer', () => {
    const w = vaultWorld();
    const s = secrets();
    w.vault.commitSignIn(grantFields('g1'), s, [link('c1', 'g1'), link('c2', 'g1', { service: 'google_drive', createdAt: T0 + 1 })]);
    // The sign-in's own tokens are kept in memory: no decryption to use them.
    expect(w.vault.secrets('c2')).toEqual(s);
    expect(w.cipher.calls.decrypt).toBe(0);
    expect(secretsReadableOnDisk(w.dir, [s.accessToken, s.refreshToken!])).toEqual([]);
    expect(decryptVault(w.dir, w.cipher)).toEqual({ c1: s, c2: s });
    expect(statSync(w.file).mode & 0o777).toBe(0o600);

    const vault = w.reopen();
    const answers = JSON.stringify([
      vault.list(),
      vault.find('c1'),
      vault.get('c2'),
      vault.grant('g1'),
      vault.grantsOfAccount('google', 'acct-ada'),
      vault.grantsOfProvider('google'),
      vault.linksOf('g1'),
      vault.findByAccount('google_gmail', 'acct-ada'),
    ]);
    expect(answers).toContain('g1');
    for (const secret of [s.accessToken, s.refreshToken!, w.disk().grants.g1!.secret as string]) expect(answers).not.toContain(secret);
    expect(answers).not.toMatch(/"secret"/);

    const before = w.cipher.calls.decrypt;
    expect(vault.secrets('c1')).toEqual(s);
    expect(vault.secrets('c2')).toEqual(s);
    expect(vault.secrets('c1')).toEqual(s);
    expect(w.cipher.calls.decrypt - before).toBe(1);
  });

  it('a refresh replaces the ciphertext and the cached tokens; a change without tokens keeps both', () => {
    const w = vaultWorld();
    const first = secrets();
    w.vault.commitSignIn(grantFields('g1'), first, [link('c1', 'g1')]);
    const ciphertext = w.disk().grants.g1!.secret;
    w.clock.now = T0 + 5_000;
    w.vault.updateGrant('g1', { scopes: ['openid'], lastRefreshedAt: T0 + 5_000 });
    expect(w.disk().grants.g1).toMatchObject({ secret: ciphertext, scopes: ['openid'], updatedAt: T0 + 5_000, id: 'g1' });
    expect(w.vault.secrets('c1')).toEqual(first);
    // Still served from memory: a change without tokens leaves the cached ones in place.
    expect(w.cipher.calls.decrypt).toBe(0);

    const second = secrets();
    w.clock.now = T0 + 9_000;
    w.vault.updateGrant('g1', { lastRefreshedAt: T0 + 9_000 }, second);
    expect(w.vault.secrets('c1')).toEqual(second);
    expect(w.disk().grants.g1!.secret).not.toBe(ciphertext);
    expect(decryptVault(w.dir, w.cipher)).toEqual({ c1: second });
    expect(secretsReadableOnDisk(w.dir, [first.accessToken, second.accessToken, second.refreshToken!])).toEqual([]);
    expect(w.vault.get('c1')).toMatchObject({ updatedAt: T0 + 9_000, lastRefreshedAt: T0 + 9_000, scopes: ['openid'] });
    // The grant keeps its own id whatever the patch says.
    w.vault.updateGrant('g1', { id: 'other' } as never);
    expect(Object.keys(w.disk().grants)).toEqual(['g1']);
    expect(w.disk().grants.g1!.id).toBe('g1');
    expect(w.reopen().secrets('c1')).toEqual(second);
    expect(codeOf(() => w.vault.updateGrant('nope', { status: 'needs_reauth' }))).toBe('not_found');
  });

  it('asks for consent at every save of token material on insecure storage, and not to mark a grant', () => {
    const w = vaultWorld({ secure: false });
    const s = secrets();
    expect(codeOf(() => w.vault.commitSignIn(grantFields('g1'), s, [link('c1', 'g1')]))).toBe('not_configured');
    expect(w.vault.list()).toEqual([]);
    w.consent.accepted = true;
    w.vault.commitSignIn(grantFields('g1'), s, [link('c1', 'g1')]);
    w.consent.accepted = false;
    const disk = readFileSync(w.file, 'utf8');
    const refusal = thrown(() => w.vault.updateGrant('g1', {}, secrets()));
    expect(refusal).toMatchObject({ code: 'not_configured', message: expect.stringMatching(/renewed sign-in/) });
    expect(readFileSync(w.file, 'utf8')).toBe(disk);
    expect(w.vault.secrets('c1')).toEqual(s);
    w.vault.updateGrant('g1', { status: 'needs_reauth', reauthReason: 'revoked' });
    expect(w.vault.get('c1')).toMatchObject({ status: 'needs_reauth', reauthReason: 'revoked' });
  });

  it('a grant that no longer decrypts marks its connections once and answers reauth_required; other grants work on', () => {
    const w = vaultWorld();
    const ada = secrets();
    const grace = secrets();
    w.vault.commitSignIn(grantFields('g1'), ada, [link('c1', 'g1'), link('c2', 'g1', { service: 'google_drive' })]);
    w.vault.commitSignIn(grantFields('g2', { accountId: 'acct-grace' }), grace, [link('c3', 'g2')]);
    const file = w.disk();
    file.grants.g1!.secret = w.cipher.encrypt('not the secrets').subarray(0, 20).toString('base64');
    writeFileSync(w.file, JSON.stringify(file));
    const vault = w.reopen();
    w.clock.now = T0 + 1_000;
    const reason = /can no longer read the saved sign-in.*Reconnect the account/;
    const error = thrown(() => vault.secrets('c2'));
    expect(error).toMatchObject({ code: 'reauth_required', message: expect.stringMatching(reason) });
    expect(vault.get('c1')).toMatchObject({ status: 'needs_reauth', reauthReason: expect.stringMatching(reason) });
    expect(w.disk().grants.g1).toMatchObject({ status: 'needs_reauth', updatedAt: T0 + 1_000 });
    // Marked once: asking again fails the same way and writes nothing.
    w.clock.now = T0 + 2_000;
    const ino = statSync(w.file).ino;
    expect(codeOf(() => vault.secrets('c1'))).toBe('reauth_required');
    expect(statSync(w.file).ino).toBe(ino);
    expect(w.disk().grants.g1!.updatedAt).toBe(T0 + 1_000);
    expect(vault.secrets('c3')).toEqual(grace);
    expect(vault.get('c3').status).toBe('connected');
    // A grant marked for another reason gets this one.
    vault.updateGrant('g2', { status: 'needs_reauth', reauthReason: 'The provider revoked it.' });
    const marked = w.disk();
    marked.grants.g2!.secret = 'AAAA';
    writeFileSync(w.file, JSON.stringify(marked));
    expect(codeOf(() => w.reopen().secrets('c3'))).toBe('reauth_required');
    expect(w.disk().grants.g2!.reauthReason).toMatch(reason);
    // The status is what counts: a connected grant that still carries the reason is marked too.
    marked.grants.g2 = { ...marked.grants.g2, status: 'connected', reauthReason: w.disk().grants.g2!.reauthReason };
    writeFileSync(w.file, JSON.stringify(marked));
    expect(codeOf(() => w.reopen().secrets('c3'))).toBe('reauth_required');
    expect(w.vault.get('c3').status).toBe('needs_reauth');
    // A ciphertext that decrypts to something other than tokens is no better.
    file.grants.g2!.secret = w.cipher.encrypt(JSON.stringify({ accessToken: '' })).toString('base64');
    writeFileSync(w.file, JSON.stringify(file));
    expect(codeOf(() => w.reopen().secrets('c3'))).toBe('reauth_required');
  });

  it('a grant that no longer decrypts answers reauth_required even when its mark cannot be written', () => {
    const w = vaultWorld();
    w.vault.commitSignIn(grantFields('g1'), secrets(), [link('c1', 'g1')]);
    w.cipher.rotateKey();
    const vault = w.reopen();
    w.breakWrites();
    const error = thrown(() => vault.secrets('c1'));
    // Not the disk's EISDIR, which the person could do nothing about: what to do next.
    expect(error).toMatchObject({ code: 'reauth_required', message: expect.stringMatching(/Reconnect the account/) });
    w.healWrites();
    expect(codeOf(() => vault.secrets('c1'))).toBe('reauth_required');
    expect(w.disk().grants.g1!.status).toBe('needs_reauth');
  });
});

describe('ConnectionVault: sign-ins', () => {
  it('folds older grants of the account into the new one: their links follow it, their secrets leave the disk', () => {
    const w = vaultWorld();
    const [s1, s2, s3] = [secrets(), secrets(), secrets()];
    w.vault.commitSignIn(grantFields('g1'), s1, [link('c1', 'g1')]);
    w.vault.commitSignIn(grantFields('g2'), s2, [link('c2', 'g2', { service: 'google_calendar' })]);
    w.vault.commitSignIn(grantFields('g9', { accountId: 'acct-grace' }), secrets(), [link('c9', 'g9')]);
    const old = [w.disk().grants.g1!.secret, w.disk().grants.g2!.secret] as string[];
    w.clock.now = T0 + 60_000;
    w.vault.commitSignIn(
      grantFields('g3', { lastAuthorizedAt: T0 + 60_000 }),
      s3,
      [link('c4', 'g3', { service: 'google_docs' })],
      ['g1', 'g2', 'g3'],
    );
    const disk = w.disk();
    expect(Object.keys(disk.grants).sort()).toEqual(['g3', 'g9']);
    expect(disk.grants.g3).toMatchObject({ updatedAt: T0 + 60_000, lastAuthorizedAt: T0 + 60_000 });
    expect(Object.fromEntries(Object.entries(disk.connections).map(([id, l]) => [id, l.grantId]))).toEqual({
      c1: 'g3',
      c2: 'g3',
      c4: 'g3',
      c9: 'g9',
    });
    const file = readFileSync(w.file, 'utf8');
    for (const secret of old) expect(file).not.toContain(secret);
    for (const vault of [w.vault, w.reopen()]) {
      for (const id of ['c1', 'c2', 'c4']) expect(vault.secrets(id)).toEqual(s3);
    }
    expect(decryptVault(w.dir, w.cipher)).toMatchObject({ c1: s3, c2: s3, c4: s3 });
  });

  it('a sign-in whose write fails changes nothing, in memory or on disk', () => {
    const w = vaultWorld();
    const s1 = secrets();
    w.vault.commitSignIn(grantFields('g1'), s1, [link('c1', 'g1')]);
    const before = w.vault.list();
    w.breakWrites();
    expect(codeOf(() => w.vault.commitSignIn(grantFields('g2'), secrets(), [link('c2', 'g2')], ['g1']))).toBe('EISDIR');
    expect(codeOf(() => w.vault.updateGrant('g1', {}, secrets()))).toBe('EISDIR');
    expect(codeOf(() => w.vault.updateLink('c1', { service: 'google_drive' }))).toBe('EISDIR');
    expect(codeOf(() => w.vault.markDisconnecting('c1'))).toBe('EISDIR');
    expect(w.vault.list()).toEqual(before);
    expect(w.vault.secrets('c1')).toEqual(s1);
    w.healWrites();
    expect(w.reopen().list()).toEqual(before);
  });
});

describe('ConnectionVault: a damaged vault', () => {
  it('keeps every connection it can read, says how many it skipped, and writes the others back untouched', () => {
    const w = vaultWorld();
    const [s1, s2] = [secrets(), secrets()];
    w.vault.commitSignIn(grantFields('g1'), s1, [link('c1', 'g1')]);
    w.vault.commitSignIn(grantFields('g2', { accountId: 'acct-grace' }), s2, [link('c2', 'g2')]);
    const file = w.disk();
    const damaged = {
      connections: { bad: { id: 'bad', service: 'nope' }, orphan: { ...file.connections.c1, id: 'orphan', grantId: 'gbad' } },
      grants: { gbad: { ...file.grants.g1, id: 'gbad', status: 'weird' }, gx: [1, 2] },
    };
    writeFileSync(
      w.file,
      JSON.stringify({
        ...file,
        connections: { ...file.connections, ...damaged.connections },
        grants: { ...file.grants, ...damaged.grants },
      }),
    );
    const vault = w.reopen();
    expect(vault.notices).toEqual([
      `Junction skipped 4 unreadable connection record(s) in ${w.file}; they are left in the file untouched.`,
    ]);
    expect(vault.storeNotice).toBeNull();
    expect(vault.list().map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(vault.secrets('c1')).toEqual(s1);
    vault.updateLink('c2', { expiringNotifiedFor: 5 });
    vault.delete('c1');
    const after = w.disk();
    expect(after.connections).toMatchObject(damaged.connections);
    expect(after.grants).toMatchObject(damaged.grants);
    expect(Object.keys(after.connections).sort()).toEqual(['bad', 'c2', 'orphan']);
    expect(Object.keys(after.grants).sort()).toEqual(['g2', 'gbad', 'gx']);
    expect(w.reopen().secrets('c2')).toEqual(s2);
  });

  it('a file whose connections or grants are not a map is set aside too, not written over', () => {
    for (const [key, value] of [
      ['connections', []],
      ['grants', 'x'],
    ] as const) {
      const w = vaultWorld();
      w.vault.commitSignIn(grantFields('g1'), secrets(), [link('c1', 'g1')]);
      const content = JSON.stringify({ ...w.disk(), [key]: value });
      writeFileSync(w.file, content);
      const vault = w.reopen();
      expect(vault.storeNotice?.message).toMatch(/could not read connections\.json/);
      expect(readFileSync(vault.storeNotice!.movedTo, 'utf8')).toBe(content);
      vault.commitSignIn(grantFields('g2'), secrets(), [link('c2', 'g2')]);
      expect(readFileSync(vault.storeNotice!.movedTo, 'utf8')).toBe(content);
    }
  });

  it('an unparsable file is set aside with a notice, and the vault starts empty', () => {
    const w = vaultWorld();
    w.vault.commitSignIn(grantFields('g1'), secrets(), [link('c1', 'g1')]);
    writeFileSync(w.file, '{"version":2,"connections":{"c1":');
    const vault = w.reopen();
    expect(vault.notices).toHaveLength(1);
    expect(vault.notices[0]).toBe(vault.storeNotice?.message);
    expect(vault.notices[0]).toMatch(/could not read connections\.json/);
    expect(vault.list()).toEqual([]);
  });
});
