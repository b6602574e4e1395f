import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../src-shared/channels';
import type { Connection, OAuthStartResult } from '../../src-shared/types';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, readAllFiles, startHarness, type Harness } from './harness';

const UUID = '00000000-0000-4000-8000-000000000000';
const long = (n: number) => 'a'.repeat(n);
const FORM_ROW = { key: 'a', value: 'b', enabled: true };
const FORM = { method: 'GET', url: '/users/me/profile', query: [], headers: [], body: '' };

/** Malformed payloads for every channel, and the field the error must name. */
const BAD: Record<Channel, [payload: unknown, field: string][]> = {
  'app.info': [
    [{ extra: 1 }, 'extra'],
    ['x', 'payload'],
  ],
  'settings.acceptInsecureStorage': [
    [{}, 'accept'],
    [{ accept: 'yes' }, 'accept'],
  ],
  'services.list': [
    [{ x: 1 }, 'x'],
    [[], 'payload'],
  ],
  'settings.getProviders': [
    [{ provider: 'google' }, 'provider'],
    [42, 'payload'],
  ],
  'settings.setProvider': [
    [{ provider: 'github', clientId: 'x' }, 'provider'],
    [{ provider: 'google' }, 'clientId'],
    [{ provider: 'google', clientId: 'has space' }, 'clientId'],
    [{ provider: 'google', clientId: long(600) }, 'clientId'],
    [{ provider: 'spotify', clientId: 'x', redirectMode: 'telepathy' }, 'redirectMode'],
    [{ provider: 'google', clientId: 'x', clientSecret: 7 }, 'clientSecret'],
    [{ provider: 'google', clientId: 'x', testingClient: 'yes' }, 'testingClient'],
    [{ provider: 'google', clientId: 'x', __proto__: { polluted: true }, constructor: 1 }, 'constructor'],
  ],
  'oauth.start': [
    [{}, 'service'],
    [{ service: 'google_photos' }, 'service'],
    [{ service: 'spotify', scopes: 'user-read-email' }, 'scopes'],
    [{ service: 'spotify', scopes: ['has space'] }, 'scopes.0'],
    [{ service: 'spotify', scopes: ['a"b'] }, 'scopes.0'],
    [{ service: 'spotify', scopes: Array(51).fill('x') }, 'scopes'],
    [{ service: 'google_gmail', services: 'google_calendar' }, 'services'],
    [{ service: 'google_gmail', services: ['google_photos'] }, 'services.0'],
    [{ service: 'google_gmail', services: Array(6).fill('google_drive') }, 'services'],
  ],
  'oauth.wait': [
    [{}, 'state'],
    [{ state: '' }, 'state'],
    [{ state: long(300) }, 'state'],
    [null, 'payload'],
  ],
  'oauth.cancel': [
    [{ state: 5 }, 'state'],
    [{ state: 'x y' }, 'state'],
  ],
  'connections.list': [[{ all: true }, 'all']],
  'connections.get': [
    [{}, 'id'],
    [{ id: 'not-a-uuid' }, 'id'],
    [{ id: '../../etc/passwd' }, 'id'],
  ],
  'connections.pace': [
    [{}, 'id'],
    [{ id: 'not-a-uuid' }, 'id'],
    [{ id: UUID, extra: 1 }, 'extra'],
  ],
  'connections.delete': [
    [{ id: 1 }, 'id'],
    [{ id: UUID, force: true }, 'force'],
  ],
  'connections.import': [
    [{ refreshToken: 'x' }, 'service'],
    [{ service: 'google_photos', refreshToken: 'x' }, 'service'],
    [{ service: 'spotify' }, 'refreshToken'],
    [{ service: 'spotify', refreshToken: '' }, 'refreshToken'],
    [{ service: 'spotify', refreshToken: 'has space' }, 'refreshToken'],
    [{ service: 'spotify', refreshToken: 'line\nbreak' }, 'refreshToken'],
    [{ service: 'spotify', refreshToken: long(2049) }, 'refreshToken'],
    [{ service: 'spotify', refreshToken: 42 }, 'refreshToken'],
    [{ service: 'spotify', refreshToken: 'x', accessToken: 'y' }, 'accessToken'],
  ],
  'api.request': [
    [{ url: '/x' }, 'connectionId'],
    [{ connectionId: UUID }, 'url'],
    [{ connectionId: UUID, url: '' }, 'url'],
    [{ connectionId: UUID, url: '/a b' }, 'url'],
    [{ connectionId: UUID, url: '/x\r\nHost: evil' }, 'url'],
    [{ connectionId: UUID, url: '/x', method: 'TRACE' }, 'method'],
    [{ connectionId: UUID, url: '/x', headers: { 'X-A': 'ok\r\nInjected: 1' } }, 'headers.X-A'],
    [{ connectionId: UUID, url: '/x', headers: { 'bad header': 'v' } }, 'headers.bad header'],
    [{ connectionId: UUID, url: '/x', headers: { a: 1 } }, 'headers.a'],
    [{ connectionId: UUID, url: '/x', headers: { a: 'Ā' } }, 'headers.a'],
    [{ connectionId: UUID, url: '/x', query: { q: 1 } }, 'query.q'],
    [{ connectionId: UUID, url: '/x', timeoutMs: -1 }, 'timeoutMs'],
    [{ connectionId: UUID, url: '/x', requestId: '' }, 'requestId'],
    [{ connectionId: UUID, url: '/x', body: () => 1 }, 'body'],
  ],
  'api.cancel': [
    [{}, 'requestId'],
    [{ requestId: 'a b' }, 'requestId'],
  ],
  'actions.list': [
    [{}, 'service'],
    [{ service: 'google' }, 'service'],
  ],
  'actions.run': [
    [{ actionId: 'x' }, 'connectionId'],
    [{ connectionId: UUID }, 'actionId'],
  ],
  'api.paginate': [
    [{ connectionId: UUID }, 'url'],
    [{ connectionId: UUID, url: '/x', maxPages: 0 }, 'maxPages'],
  ],
  'api.body': [
    [{ handle: 'h1', op: 'lines', start: 0 }, 'count'],
    [{ handle: 'h1', op: 'lines', start: 0, count: 1001 }, 'count'],
    [{ handle: '../etc/passwd', op: 'release' }, 'handle'],
    [{ handle: 'h1', op: 'search', query: long(1001), mode: 'plain', offset: 0, limit: 10 }, 'query'],
    [{ handle: 'h1', op: 'search', query: 'x', mode: 'glob', offset: 0, limit: 10 }, 'mode'],
    [{ handle: 'h1', op: 'children', path: Array.from({ length: 65 }, () => 'a'), offset: 0, limit: 10 }, 'path'],
    [{ handle: 'h1', op: 'delete' }, 'op'],
  ],
  'settings.getBodyCap': [[{ bytes: 1 }, 'bytes']],
  'settings.setBodyCap': [
    [{}, 'maxBodyBytes'],
    [{ maxBodyBytes: 1024 }, 'maxBodyBytes'],
    [{ maxBodyBytes: 2 * 1024 * 1024 * 1024 }, 'maxBodyBytes'],
    [{ maxBodyBytes: 1.5 * 1024 * 1024 + 0.5 }, 'maxBodyBytes'],
  ],
  'api.saveBody': [
    [{}, 'handle'],
    [{ handle: long(65) }, 'handle'],
  ],
  'saved.list': [
    [{ service: 'github' }, 'service'],
    [{ all: true }, 'all'],
  ],
  'saved.save': [
    [{ name: 'x', request: FORM }, 'service'],
    [{ service: 'google_gmail', request: FORM }, 'name'],
    [{ service: 'google_gmail', name: '   ', request: FORM }, 'name'],
    [{ service: 'google_gmail', name: long(101), request: FORM }, 'name'],
    [{ service: 'google_gmail', name: 'a\nb', request: FORM }, 'name'],
    [{ service: 'google_gmail', name: 'x', request: { ...FORM, method: 'FETCH' } }, 'request.method'],
    [{ service: 'google_gmail', name: 'x', request: { ...FORM, body: long(256 * 1024 + 1) } }, 'request.body'],
    [{ service: 'google_gmail', name: 'x', request: { ...FORM, headers: Array.from({ length: 101 }, () => FORM_ROW) } }, 'request.headers'],
    [{ service: 'google_gmail', name: 'x', request: { ...FORM, query: [{ key: 'a' }] } }, 'request.query.0.value'],
    [{ service: 'google_gmail', name: 'x', request: { ...FORM, token: 'x' } }, 'request.token'],
  ],
  'saved.rename': [
    [{ name: 'x' }, 'id'],
    [{ id: 'not-a-uuid', name: 'x' }, 'id'],
    [{ id: UUID, name: '' }, 'name'],
  ],
  'saved.delete': [
    [{}, 'id'],
    [{ id: 7 }, 'id'],
  ],
  'saved.export': [
    [{ service: 'google' }, 'service'],
    [{ path: '/tmp/x.json' }, 'path'],
  ],
  'saved.import': [
    [{}, 'text'],
    [{ text: '' }, 'text'],
    [{ text: long(1024 * 1024 + 1) }, 'text'],
    [{ text: { format: 'junction.saved-requests' } }, 'text'],
  ],
  'api.export': [
    [{ source: { kind: 'rows', columns: [{ key: 'a', label: 'A' }], rows: [] } }, 'format'],
    [{ format: 'xlsx', source: { kind: 'rows', columns: [{ key: 'a', label: 'A' }], rows: [] } }, 'format'],
    [{ format: 'csv', source: { kind: 'pages', connectionId: UUID } }, 'source.url'],
    [{ format: 'csv', source: { kind: 'file', path: '/etc/passwd' } }, 'source.kind'],
    [{ format: 'csv', source: { kind: 'rows', columns: [], rows: [] } }, 'source.columns'],
    [
      { format: 'csv', source: { kind: 'rows', columns: Array.from({ length: 201 }, (_, i) => ({ key: `k${i}`, label: 'x' })), rows: [] } },
      'source.columns',
    ],
    [
      { format: 'csv', source: { kind: 'rows', columns: [{ key: 'a', label: 'A' }], rows: Array.from({ length: 100_001 }, () => ({})) } },
      'source.rows',
    ],
    [{ format: 'csv', source: { kind: 'rows', columns: [{ key: 'a', label: 'A' }], rows: [{ a: { nested: 1 } }] } }, 'source.rows.0.a'],
    [{ format: 'csv', name: '../../.bashrc', source: { kind: 'rows', columns: [{ key: 'a', label: 'A' }], rows: [] } }, 'name'],
  ],
  'localApi.status': [[{ verbose: true }, 'verbose']],
  'localApi.configure': [
    [{ enabled: 'yes' }, 'enabled'],
    [{ port: 80 }, 'port'],
    [{ port: 70_000 }, 'port'],
    [{ port: 8080.5 }, 'port'],
    [{ port: '8080' }, 'port'],
    [{ enabled: true, host: '0.0.0.0' }, 'host'],
  ],
  'localApi.keys.list': [[{ secret: true }, 'secret']],
  'localApi.keys.create': [
    [{ services: ['spotify'] }, 'name'],
    [{ name: '  ', services: ['spotify'] }, 'name'],
    [{ name: long(65), services: ['spotify'] }, 'name'],
    [{ name: 'a\nb', services: ['spotify'] }, 'name'],
    [{ name: 'cron' }, 'services'],
    [{ name: 'cron', services: [] }, 'services'],
    [{ name: 'cron', services: ['github'] }, 'services.0'],
  ],
  'localApi.keys.revoke': [
    [{}, 'id'],
    [{ id: 'jct_abc' }, 'id'],
  ],
  'localApi.log': [
    [{ limit: 0 }, 'limit'],
    [{ limit: 501 }, 'limit'],
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ kind: 'google' });
  await h.connect('google_gmail');
});
afterAll(async () => {
  await h.close();
  removeAllTempDirs();
});

describe('the channel table', () => {
  it('has bad-input cases for every channel of the contract', () => {
    expect(Object.keys(BAD).sort()).toEqual([...CHANNELS].sort());
  });

  for (const channel of CHANNELS) {
    it(`${channel}: rejects malformed payloads with invalid_input naming the field, and changes nothing`, async () => {
      const before = readAllFiles(h.dataDir);
      for (const [payload, field] of BAD[channel]) {
        const error = await errorOf(h.core.invokeUntrusted(channel, payload));
        expect(error.code, JSON.stringify(payload)).toBe('invalid_input');
        expect(error.message, JSON.stringify(payload)).toContain(`${field}:`);
        expect(error.message).not.toMatch(/\[object Object\]/);
      }
      expect(readAllFiles(h.dataDir)).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('rejects unknown channels with unknown_channel', async () => {
    for (const channel of ['oauth.steal', '', 'constructor', '__proto__', 'toString', 42, null]) {
      expect((await errorOf(h.core.invokeUntrusted(channel as string, {}))).code).toBe('unknown_channel');
    }
  });

  it('refuses a request for a connection that does not exist with not_found', async () => {
    const error = await errorOf(h.core.invoke('api.request', { connectionId: UUID, url: '/users/me/profile' }));
    expect(error.code).toBe('not_found');
  });
});

describe('nothing that leaves the core holds a secret', () => {
  it('no token or client secret in any invoke result or event across connect, refresh, call and disconnect', async () => {
    const g = await startHarness({ kind: 'google', accessTokenTtl: 30 });
    const s = await startHarness({ kind: 'spotify', accessTokenTtl: 30 });
    try {
      const seen: unknown[] = [];
      const call = async (harness: Harness, channel: string, payload: unknown) => {
        const result = await harness.core.invokeUntrusted(channel, payload);
        seen.push(result);
        return result;
      };
      for (const harness of [g, s]) {
        const service = harness === g ? 'google_calendar' : 'spotify';
        const path = harness === g ? '/users/me/calendarList/primary' : '/me';
        await call(harness, 'settings.setProvider', {
          provider: harness.peer.kind,
          clientId: harness.peer.clientId,
          ...(harness.peer.clientSecret ? { clientSecret: harness.peer.clientSecret } : {}),
        });
        const start = (await call(harness, 'oauth.start', { service })) as OAuthStartResult;
        const { completeAuthorization } = await import('../support/browser');
        await completeAuthorization(start.authUrl);
        const connection = (await call(harness, 'oauth.wait', { state: start.state })) as Connection;
        await call(harness, 'api.request', { connectionId: connection.id, url: path });
        await call(harness, 'api.request', { connectionId: connection.id, url: '/test/echo' });
        await call(harness, 'connections.list', {});
        await call(harness, 'settings.getProviders', {});
        await call(harness, 'services.list', {});
        await call(harness, 'app.info', {});
        await call(harness, 'connections.delete', { id: connection.id });
      }
      const out = JSON.stringify([seen, g.events, s.events]);
      const secrets = [
        ...g.peer.api.seenTokens,
        ...s.peer.api.seenTokens,
        ...g.peer.stats.tokenRequests.flatMap((r) => (r.refreshToken ? [r.refreshToken] : [])),
        ...s.peer.stats.tokenRequests.flatMap((r) => (r.refreshToken ? [r.refreshToken] : [])),
        ...g.peer.stats.revocations.map((r) => r.token),
        g.peer.clientSecret ?? '',
      ];
      expect(secrets.length).toBeGreaterThanOrEqual(6);
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(10);
        expect(out).not.toContain(secret);
      }
      // Whole words: Connection's refreshTokenIssuedAt / refreshTokenExpiresAt are times, not tokens.
      expect(out).not.toMatch(/access_token|refresh_token|\baccessToken\b|\brefreshToken\b/);
    } finally {
      await g.close();
      await s.close();
    }
  });
});
