import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src-main/core/index';
import { signInOutsideJunction, type OutsideTokens } from '../support/outside-sign-in';
import { removeAllTempDirs } from '../support/temp-dir';
import { readAllFiles, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const G = 'https://www.googleapis.com/auth/';
const IDENTITY = ['openid', 'email', 'profile'];
const DAY = 86_400_000;
const PATHS: Record<string, string> = {
  google_gmail: '/users/me/profile',
  google_calendar: '/users/me/calendarList/primary',
  google_drive: '/about?fields=user',
  google_docs: '/test/echo',
};

/**
 * A connections.json exactly as Junction wrote it before shared grants (version 1: every field of
 * the connection and its own encrypted tokens), with real tokens from the peer.
 */
function v1Record(
  h: Harness,
  id: string,
  service: string,
  who: { sub: string; email: string; name: string },
  tokens: OutsideTokens,
  at: number,
) {
  return {
    id,
    service,
    provider: 'google',
    account: { id: who.sub, email: who.email, displayName: who.name },
    scopes: tokens.scope.split(' '),
    status: 'connected',
    tokenExpiresAt: at + 3_600_000,
    lastAuthorizedAt: at,
    lastRefreshedAt: null,
    createdAt: at,
    updatedAt: at,
    secret: h.cipher.encrypt(JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })).toString('base64'),
  };
}

describe('a store written before shared grants', () => {
  it('migrates on first start with nothing lost, and the next sign-in folds the account into one grant', async () => {
    h = await startHarness({ kind: 'google' });
    const ada = h.peer.account;
    const grace = { sub: 'user-2', email: 'grace@example.com', name: 'Grace Hopper' };
    const gmailTokens = await signInOutsideJunction(h.peer, [...IDENTITY, `${G}gmail.readonly`, `${G}gmail.send`, `${G}gmail.modify`]);
    const calendarTokens = await signInOutsideJunction(h.peer, [...IDENTITY, `${G}calendar`]);
    const driveTokens = await signInOutsideJunction(h.peer, [...IDENTITY, `${G}drive.file`]);
    // Docs with its optional drive.file: the most recent sign-in of Ada, whose token also covers Drive.
    const docsTokens = await signInOutsideJunction(h.peer, [...IDENTITY, `${G}documents`, `${G}drive.file`]);
    h.peer.setAccount(grace);
    const graceTokens = await signInOutsideJunction(h.peer, [...IDENTITY, `${G}gmail.readonly`]);
    const t0 = Date.now() - 10 * DAY;
    const records = [
      v1Record(h, '11111111-1111-4111-8111-111111111111', 'google_gmail', ada, gmailTokens, t0),
      v1Record(h, '22222222-2222-4222-8222-222222222222', 'google_calendar', ada, calendarTokens, t0 + DAY),
      v1Record(h, '33333333-3333-4333-8333-333333333333', 'google_drive', ada, driveTokens, t0 + 2 * DAY),
      v1Record(h, '44444444-4444-4444-8444-444444444444', 'google_docs', ada, docsTokens, t0 + 3 * DAY),
      v1Record(h, '55555555-5555-4555-8555-555555555555', 'google_gmail', grace, graceTokens, t0 + 4 * DAY),
    ];
    await h.core.close();
    const file = join(h.dataDir, 'connections.json');
    writeFileSync(file, JSON.stringify({ version: 1, connections: Object.fromEntries(records.map((r) => [r.id, r])) }));
    h.core = await createCore(h.options);

    // Nothing lost: every connection with its id, account, scopes and times.
    const list = await h.core.invoke('connections.list', {});
    expect(list.map((c) => c.id)).toEqual(records.map((r) => r.id));
    for (const [i, c] of list.entries()) {
      const r = records[i]!;
      expect(c).toMatchObject({ service: r.service, account: r.account, status: 'connected', createdAt: r.createdAt });
      // A connection that joined a shared grant reads that grant's scopes, which cover its own.
      expect(c.scopes).toEqual(expect.arrayContaining(r.scopes));
      // Version 1's refresh token came with the last sign-in: Drive's is now the Docs grant's.
      expect(c.refreshTokenIssuedAt).toBe(i === 2 ? records[3]!.lastAuthorizedAt : r.lastAuthorizedAt);
    }
    const migrated = JSON.parse(readFileSync(file, 'utf8')) as {
      version: number;
      connections: Record<string, { grantId: string }>;
      grants: object;
    };
    expect(migrated.version).toBe(2);
    const grantOf = (i: number) => migrated.connections[records[i]!.id]?.grantId;
    // Drive shares the Docs grant (it covers drive.file); Gmail's and Calendar's tokens cover no one else, so they keep theirs.
    expect(grantOf(2)).toBe(grantOf(3));
    expect(new Set([grantOf(0), grantOf(1), grantOf(3), grantOf(4)]).size).toBe(4);
    expect(Object.keys(migrated.grants)).toHaveLength(4);
    // Every connection still works, each with a token that serves it.
    for (const c of list) expect((await h.core.invoke('api.request', { connectionId: c.id, url: PATHS[c.service]! })).status).toBe(200);
    // Nothing readable on disk.
    const disk = readAllFiles(h.dataDir);
    for (const t of [gmailTokens, calendarTokens, driveTokens, docsTokens, graceTokens]) {
      expect(disk).not.toContain(t.refreshToken);
      expect(disk).not.toContain(t.accessToken);
    }

    // Reconnecting any of Ada's services asks for everything her grants hold and folds them into one.
    h.peer.setAccount(ada);
    h.opened.length = 0;
    const again = await h.connect('google_calendar');
    expect(again.id).toBe(records[1]!.id);
    const asked = (new URL(h.opened[0] ?? 'x:').searchParams.get('scope') ?? '').split(' ');
    expect(asked).toEqual(
      expect.arrayContaining([`${G}gmail.send`, `${G}gmail.modify`, `${G}documents`, `${G}drive.file`, `${G}calendar`]),
    );
    const folded = JSON.parse(readFileSync(file, 'utf8')) as { connections: Record<string, { grantId: string }>; grants: object };
    expect(Object.keys(folded.grants)).toHaveLength(2);
    expect(new Set(records.slice(0, 4).map((r) => folded.connections[r.id]?.grantId)).size).toBe(1);
    const after = await h.core.invoke('connections.list', {});
    expect(after.map((c) => c.id)).toEqual(records.map((r) => r.id));
    for (const c of after) expect((await h.core.invoke('api.request', { connectionId: c.id, url: PATHS[c.service]! })).status).toBe(200);
  });
});
