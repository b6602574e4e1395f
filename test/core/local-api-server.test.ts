// The local API's server and keys over real HTTP: off by default, on and off at once, a taken
// port reported, and every refusal (Host, Origin, key, service, rate, size) a coded JSON error.
import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { removeAllTempDirs } from '../support/temp-dir';
import { readAllFiles, startHarness, type Harness } from './harness';
import { curl, errorBody, startLocalApi, type LocalApiWorld } from './local-api-harness';

let world: LocalApiWorld | undefined;
let other: Harness | undefined;
afterEach(async () => {
  await world?.h.close();
  await other?.close();
  world = undefined;
  other = undefined;
  removeAllTempDirs();
});

describe('the local API server', () => {
  it('is off by default, on 127.0.0.1:7431 when turned on, and starts again with the app', async () => {
    other = await startHarness({ kind: 'google' });
    const off = await other.core.invoke('localApi.status', {});
    expect(off).toEqual({ enabled: false, port: 7431, address: 'http://127.0.0.1:7431', running: false });

    world = await startLocalApi();
    const on = await world.h.core.invoke('localApi.status', {});
    expect(on).toMatchObject({ enabled: true, running: true });
    expect(on.address).toBe(`http://127.0.0.1:${on.port}`);
    expect((await world.call('/api/connections')).status).toBe(200);

    // Restarted: the setting holds, so the server comes back (on the port the person chose).
    const port = on.port;
    await world.h.restart({ localApi: { defaultPort: port } });
    expect(await world.h.core.invoke('localApi.status', {})).toMatchObject({ enabled: true, running: true, port });
    expect((await world.call('/api/connections')).status).toBe(200);
    // The key survives the restart, as a hash.
    expect((await world.h.core.invoke('localApi.keys.list', {})).map((k) => k.name)).toEqual(['test script']);
  });

  it('turned off, stops at once: an idle keep-alive socket and a request in flight are closed', async () => {
    world = await startLocalApi();
    const { h, key, base } = world;
    const connection = await h.connect('google_gmail');
    // A keep-alive connection left open by fetch's pool, and a slow request through curl.
    expect((await world.call('/api/connections')).status).toBe(200);
    const slow = curl(['-H', `Authorization: Bearer ${key.key}`, `${base}/api/connections/${connection.id}/request/test/slow?ms=20000`]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    const status = await h.core.invoke('localApi.configure', { enabled: false });
    expect(status).toMatchObject({ enabled: false, running: false });
    const result = await slow;
    expect(Date.now() - started).toBeLessThan(10_000);
    // curl: "Empty reply from server" (52) or a reset (56): the request ended, no answer was made up.
    expect([52, 56]).toContain(result.code);
    await expect(fetch(`${base}/api/connections`)).rejects.toThrow();
    // The call log says the request got no answer.
    const log = await h.core.invoke('localApi.log', {});
    expect(log.find((e) => e.path.includes('/test/slow'))?.status).toBe(499);
    // And it comes back.
    expect((await h.core.invoke('localApi.configure', { enabled: true })).running).toBe(true);
  });

  it('reports a port in use in words, and runs once another port is chosen', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as { port: number }).port;
    try {
      other = await startHarness({ kind: 'google' }, { localApi: { defaultPort: taken } });
      const status = await other.core.invoke('localApi.configure', { enabled: true });
      expect(status).toMatchObject({ enabled: true, running: false, port: taken });
      expect(status.error).toMatch(new RegExp(`port ${taken} is already in use.*Choose another port`));
      const free = await freePort();
      const moved = await other.core.invoke('localApi.configure', { port: free });
      expect(moved).toEqual({ enabled: true, running: true, port: free, address: `http://127.0.0.1:${free}` });
    } finally {
      squatter.close();
    }
  });
});

describe('refusals', () => {
  it('refuses a foreign Host (DNS rebinding) and any Origin, before looking at the key', async () => {
    world = await startLocalApi();
    const port = new URL(world.base).port;
    for (const host of [`evil.example:${port}`, '127.0.0.1', `127.0.0.1:${Number(port) + 1}`, `attacker.localhost:${port}`]) {
      const r = await curl(['-H', `Host: ${host}`, '-H', `Authorization: Bearer ${world.key.key}`, `${world.base}/api/connections`]);
      expect(r.status, host).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'forbidden' } });
    }
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${port}`]) {
      const r = await world.call('/api/connections', { headers: { origin } });
      expect(r.status, origin).toBe(403);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
      expect(await errorBody(r)).toMatchObject({ code: 'forbidden' });
    }
    // A preflight gets no CORS answer either.
    const preflight = await curl(['-X', 'OPTIONS', '-H', 'Origin: https://evil.example', `${world.base}/api/connections`]);
    expect(preflight.status).toBe(403);
    expect(preflight.headers).not.toMatch(/access-control/i);
  });

  it('answers 401 without a key or with a wrong or revoked one, 403 for a service the key lacks', async () => {
    world = await startLocalApi({ kind: 'google' }, ['google_gmail']);
    const { h } = world;
    const calendar = await h.connect('google_calendar');
    const noKey = await curl([`${world.base}/api/connections`]);
    expect(noKey.status).toBe(401);
    expect(noKey.headers).toMatch(/www-authenticate: Bearer/i);
    expect(JSON.parse(noKey.body).error.code).toBe('unauthorized');
    const wrong = `jct_${'A'.repeat(43)}`;
    for (const authorization of [`Bearer ${wrong}`, `Basic ${world.key.key}`, 'Bearer', `Bearer ${world.key.key}x`]) {
      const r = await world.call('/api/connections', { headers: { authorization } });
      expect(r.status, authorization).toBe(401);
      expect((await errorBody(r))?.code).toBe('unauthorized');
    }
    const under = await world.call(`/api/connections/${calendar.id}/request/users/me/calendarList/primary`);
    expect(under.status).toBe(403);
    expect(await errorBody(under)).toMatchObject({ code: 'forbidden', message: expect.stringContaining('google_calendar') });
    expect((await world.call('/api/services/google_calendar/request/x')).status).toBe(403);
    // The list shows only the key's services.
    expect(await (await world.call('/api/connections')).json()).toEqual([]);

    expect(await h.core.invoke('localApi.keys.revoke', { id: world.key.id })).toEqual({ revoked: true });
    const revoked = await world.call('/api/connections');
    expect(revoked.status).toBe(401);
    expect((await errorBody(revoked))?.message).toMatch(/revoked/);
  });

  it('limits each key: 429 with Retry-After once the bucket is empty, other keys unaffected', async () => {
    world = await startLocalApi({ kind: 'google' }, ['google_gmail'], {
      localApi: { defaultPort: 0, rateLimit: { perSecond: 1, burst: 3 } },
    });
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await world.call('/api/connections')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await world.call('/api/connections');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await errorBody(limited))?.code).toBe('rate_limited');
    const second = await world.h.core.invoke('localApi.keys.create', { name: 'other', services: ['google_gmail'] });
    expect((await world.call('/api/connections', { headers: { authorization: `Bearer ${second.key}` } })).status).toBe(200);
  });

  it('refuses an oversized body with 413 and an unknown path with 404, as JSON', async () => {
    world = await startLocalApi({ kind: 'google' }, ['google_gmail'], {
      localApi: { defaultPort: 0, maxBodyBytes: 1024, rateLimit: { perSecond: 100, burst: 100 } },
    });
    const connection = await world.h.connect('google_gmail');
    const big = await world.call(`/api/connections/${connection.id}/request/test/echo`, { method: 'POST', body: 'x'.repeat(2048) });
    expect(big.status).toBe(413);
    expect((await errorBody(big))?.code).toBe('too_large');
    // A body that never declares its length is cut too.
    const chunked = await curl([
      '-H',
      `Authorization: Bearer ${world.key.key}`,
      '-H',
      'Transfer-Encoding: chunked',
      '--data-binary',
      'y'.repeat(4096),
      `${world.base}/api/connections/${connection.id}/request/test/echo`,
    ]);
    expect(chunked.status).toBe(413);
    for (const path of ['/api/nothing', '/', '/api/connections/not-a-thing']) {
      const r = await world.call(path);
      expect(r.status, path).toBe(404);
      expect((await errorBody(r))?.code).toBe('not_found');
    }
  });
});

describe('keys', () => {
  it('shows a key once, keeps only a salted hash in an owner-only file, and records last use', async () => {
    world = await startLocalApi();
    const { h, key } = world;
    expect(key.key).toMatch(/^jct_[A-Za-z0-9_-]{43}$/);
    const listed = await h.core.invoke('localApi.keys.list', {});
    expect(listed).toEqual([{ id: key.id, name: 'test script', services: ['google_gmail'], createdAt: key.createdAt, lastUsedAt: null }]);
    expect(JSON.stringify(listed)).not.toContain(key.key);
    await world.call('/api/connections');
    expect((await h.core.invoke('localApi.keys.list', {}))[0]?.lastUsedAt).toEqual(expect.any(Number));
    await h.restart({ localApi: { defaultPort: 0 } });
    expect((await h.core.invoke('localApi.keys.list', {}))[0]?.lastUsedAt).toEqual(expect.any(Number));

    const file = `${h.dataDir}/local-api-keys.json`;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const files = readAllFiles(h.dataDir);
    expect(files).not.toContain(key.key);
    expect(files).not.toContain(key.key.slice(4));
    expect(files).toContain(key.id);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
