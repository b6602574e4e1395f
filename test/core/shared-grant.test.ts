import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src-shared/types';
import { completeAuthorization } from '../support/browser';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const G = 'https://www.googleapis.com/auth/';
type File = { version: number; connections: Record<string, { grantId: string }>; grants: Record<string, { scopes: string[] }> };
const stored = (dir: string) => JSON.parse(readFileSync(join(dir, 'connections.json'), 'utf8')) as File;
const PATHS = { google_gmail: '/users/me/profile', google_calendar: '/users/me/calendarList/primary', google_drive: '/about' } as const;
const askedScopes = (authUrl: string) => (new URL(authUrl).searchParams.get('scope') ?? '').split(' ');

describe('one Google sign-in per account, shared by its services', () => {
  it('connects Gmail and Calendar with one consent for the union of their scopes, and stores one grant', async () => {
    h = await startHarness({ kind: 'google' });
    const start = await h.core.invoke('oauth.start', { service: 'google_gmail', services: ['google_calendar'] });
    expect(askedScopes(start.authUrl)).toEqual(['openid', 'email', 'profile', `${G}gmail.readonly`, `${G}calendar`]);
    const waiting = h.core.invoke('oauth.wait', { state: start.state });
    await completeAuthorization(start.authUrl);
    const gmail = await waiting;
    expect(gmail.service).toBe('google_gmail');
    const list = await h.core.invoke('connections.list', {});
    expect(list.map((c) => [c.service, c.account.email])).toEqual([
      ['google_gmail', 'ada@example.com'],
      ['google_calendar', 'ada@example.com'],
    ]);
    expect(h.events).toContainEqual(
      expect.objectContaining({ type: 'oauth.finished', connectionId: gmail.id, connectionIds: list.map((c) => c.id) }),
    );
    expect(h.peer.stats.token.authorization_code).toBe(1);
    const file = stored(h.dataDir);
    expect(file.version).toBe(2);
    expect(Object.keys(file.grants)).toHaveLength(1);
    expect(new Set(Object.values(file.connections).map((c) => c.grantId)).size).toBe(1);
    for (const c of list)
      expect((await h.core.invoke('api.request', { connectionId: c.id, url: PATHS[c.service as 'google_gmail'] })).status).toBe(200);
  });

  it('refreshes once for a burst on both services after expiry', async () => {
    h = await startHarness({ kind: 'google', accessTokenTtl: 30 });
    const gmail = await h.connect('google_gmail', { services: ['google_calendar'] });
    const [, calendar] = await h.core.invoke('connections.list', {});
    h.peer.resetStats();
    const burst = (await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? h!.core.invoke('api.request', { connectionId: gmail.id, url: PATHS.google_gmail })
          : h!.core.invoke('api.request', { connectionId: calendar?.id ?? '', url: PATHS.google_calendar }),
      ),
    )) as ApiResponse[];
    expect(burst.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(h.peer.stats.token.refresh_token).toBe(1);
    // One rotation, one health: both read the same refresh.
    const after = await h.core.invoke('connections.list', {});
    expect(after[0]?.lastRefreshedAt).not.toBeNull();
    expect(after[0]?.lastRefreshedAt).toBe(after[1]?.lastRefreshedAt);
    expect(after[0]?.tokenExpiresAt).toBe(after[1]?.tokenExpiresAt);
  });

  it('adding Drive later asks for the union again and keeps the one grant; disconnecting revokes only with the last service', async () => {
    h = await startHarness({ kind: 'google' });
    const gmail = await h.connect('google_gmail', { services: ['google_calendar'] });
    const [, calendar] = await h.core.invoke('connections.list', {});
    const grantBefore = Object.keys(stored(h.dataDir).grants);

    h.opened.length = 0;
    const drive = await h.connect('google_drive');
    expect(askedScopes(h.opened[0] ?? '')).toEqual(
      expect.arrayContaining([`${G}drive.file`, `${G}gmail.readonly`, `${G}calendar`, 'openid', 'email', 'profile']),
    );
    expect(Object.keys(stored(h.dataDir).grants)).toEqual(grantBefore);
    const list = await h.core.invoke('connections.list', {});
    expect(list.map((c) => c.id)).toEqual([gmail.id, calendar?.id, drive.id]);
    expect(drive.scopes).toEqual(expect.arrayContaining([`${G}gmail.readonly`, `${G}calendar`, `${G}drive.file`]));
    for (const c of list) {
      const answer = await h.core.invoke('api.request', {
        connectionId: c.id,
        url: PATHS[c.service as 'google_drive'],
        query: { fields: 'user' },
      });
      expect(answer.status).toBe(200);
    }

    h.peer.resetStats();
    const first = await h.core.invoke('connections.delete', { id: gmail.id });
    expect(first.revoked).toBe(false);
    expect(first.message).toMatch(
      /removed Gmail\. Calendar, Drive still use the same Google sign-in for ada@example\.com, so its access was not revoked/,
    );
    expect(h.peer.stats.revocations).toHaveLength(0);
    expect((await h.core.invoke('api.request', { connectionId: calendar?.id ?? '', url: PATHS.google_calendar })).status).toBe(200);
    expect((await errorOf(h.core.invoke('connections.get', { id: gmail.id }))).code).toBe('not_found');

    expect((await h.core.invoke('connections.delete', { id: drive.id })).revoked).toBe(false);
    expect(await h.core.invoke('connections.delete', { id: calendar?.id ?? '' })).toEqual({ revoked: true });
    expect(h.peer.stats.revocations).toHaveLength(1);
    expect(stored(h.dataDir)).toMatchObject({ connections: {}, grants: {} });
  });

  it('keeps two accounts apart: each its own grant', async () => {
    h = await startHarness({ kind: 'google' });
    await h.connect('google_gmail');
    h.peer.setAccount({ sub: 'user-2', email: 'grace@example.com', name: 'Grace Hopper' });
    await h.connect('google_gmail', { services: ['google_calendar'] });
    const list = await h.core.invoke('connections.list', {});
    expect(list.map((c) => `${c.service} ${c.account.email}`)).toEqual([
      'google_gmail ada@example.com',
      'google_gmail grace@example.com',
      'google_calendar grace@example.com',
    ]);
    expect(Object.keys(stored(h.dataDir).grants)).toHaveLength(2);
  });

  it('refuses services of another provider in one consent', async () => {
    h = await startHarness({ kind: 'google' });
    const error = await errorOf(h.core.invoke('oauth.start', { service: 'google_gmail', services: ['spotify'] }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^services: spotify/);
  });
});
