import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

async function gmail(options: Parameters<typeof startHarness>[1] = {}): Promise<{ h: Harness; connection: Connection }> {
  h = await startHarness({ kind: 'google' }, options);
  const connection = await h.connect('google_gmail');
  h.peer.api.reset();
  return { h, connection };
}

type Echo = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  authorized: boolean;
};

describe('api.request', () => {
  it('appends a relative URL to the base path, adds query and headers, sends the token', async () => {
    const { h, connection } = await gmail();
    const response = await h.core.invoke('api.request', {
      connectionId: connection.id,
      method: 'POST',
      url: '/test/echo?a=1',
      query: { q: 'is:unread', labelIds: ['INBOX', 'UNREAD'] },
      headers: { 'X-Trace': 'abc' },
      body: { hello: 'world' },
    });
    expect(response.status).toBe(200);
    const echo = response.json as Echo;
    expect(echo.path).toBe('/gmail/v1/test/echo');
    expect(echo.query).toMatchObject({ a: '1', q: 'is:unread' });
    expect(echo.headers['x-trace']).toBe('abc');
    expect(echo.headers['content-type']).toBe('application/json');
    expect(JSON.parse(echo.body)).toEqual({ hello: 'world' });
    expect(echo.authorized).toBe(true);
    expect(response).toMatchObject({ attempts: 1, refreshed: false, truncated: false, bodyEncoding: 'utf8' });
    expect(response.sizeBytes).toBe(Buffer.byteLength(response.body));
    expect(response.durationMs).toBeGreaterThan(0);
    // "//host/x" stays on the API's own host.
    const sneaky = await h.core.invoke('api.request', { connectionId: connection.id, url: '//evil.example/test/echo' });
    expect(new URL(sneaky.url).origin).toBe(new URL(connection.apiBaseUrl).origin);
  });

  it('refuses a foreign host before sending a byte, and does not let the caller set Authorization', async () => {
    const { h, connection } = await gmail();
    let hits = 0;
    const evil = createServer((_req, res) => {
      hits += 1;
      res.end('gotcha');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/steal`;
    try {
      for (const url of [
        evilUrl,
        'https://evil.example/x',
        // A look-alike: the allowlist compares whole origins, not host suffixes.
        'https://evil-www.googleapis.com/gmail/v1/users/me/profile',
        'http://gmail.googleapis.com/gmail/v1/users/me/profile',
        'file:///etc/passwd',
      ]) {
        const error = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url }));
        expect(error.code, url).toBe('host_not_allowed');
      }
      expect(hits).toBe(0);
      const header = await errorOf(
        h.core.invoke('api.request', { connectionId: connection.id, url: '/test/echo', headers: { Authorization: 'Bearer mine' } }),
      );
      expect(header.code).toBe('invalid_input');
      expect(header.message).toMatch(/headers\.Authorization/);
      // A redirect may not carry the token to another host either.
      const redirect = await errorOf(
        h.core.invoke('api.request', { connectionId: connection.id, url: '/test/redirect', query: { to: evilUrl } }),
      );
      expect(redirect.code).toBe('host_not_allowed');
      expect(hits).toBe(0);
    } finally {
      evil.close();
    }
    expect(h.peer.api.requests.filter((r) => r.path.endsWith('/test/echo'))).toHaveLength(0);
  });

  it('follows a redirect on an allowed host, and stops a redirect loop', async () => {
    const { h, connection } = await gmail();
    const followed = await h.core.invoke('api.request', {
      connectionId: connection.id,
      url: '/test/redirect',
      query: { to: `${connection.apiBaseUrl}/test/echo?via=redirect` },
    });
    expect((followed.json as Echo).query).toEqual({ via: 'redirect' });
    h.peer.api.route('GET', '/gmail/v1/test/loop', () => ({ status: 302, headers: { location: '/gmail/v1/test/loop' }, body: '' }));
    const error = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/test/loop' }));
    expect(error.code).toBe('provider_error');
    expect(error.message).toMatch(/redirected more than 5 times/);
    expect(h.peer.api.count('/gmail/v1/test/loop')).toBe(6);
  });

  it('retries 429 with Retry-After and 502/503/504, at most 3 attempts', async () => {
    const { h, connection } = await gmail();
    h.peer.api.next('/gmail/v1/users/me/profile', [{ status: 429, retryAfter: '1' }]);
    const started = Date.now();
    const rateLimited = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(rateLimited.status).toBe(200);
    expect(rateLimited.attempts).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    h.peer.api.next('/gmail/v1/users/me/profile', [{ status: 502 }, { status: 503 }, { status: 504 }]);
    const exhausted = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(exhausted.status).toBe(504);
    expect(exhausted.attempts).toBe(3);
  });

  it('retries a POST only when the server says it did not process it', async () => {
    const { h, connection } = await gmail();
    h.peer.api.next('/gmail/v1/test/echo', [{ status: 503 }]);
    const unsafe = await h.core.invoke('api.request', { connectionId: connection.id, method: 'POST', url: '/test/echo', body: 'x' });
    expect(unsafe.status).toBe(503);
    expect(unsafe.attempts).toBe(1);
    h.peer.api.next('/gmail/v1/test/echo', [
      { status: 503, retryAfter: '0' },
      { status: 429, retryAfter: '0' },
    ]);
    const safe = await h.core.invoke('api.request', { connectionId: connection.id, method: 'POST', url: '/test/echo', body: 'x' });
    expect(safe.status).toBe(200);
    expect(safe.attempts).toBe(3);
  });

  it('does not wait for a Retry-After beyond the cap: the 429 comes back as it is', async () => {
    const { h, connection } = await gmail({ maxRetryAfterMs: 2_000 });
    h.peer.api.next('/gmail/v1/users/me/profile', [
      { status: 429, retryAfter: '3600', body: { error: { code: 429, message: 'slow down' } } },
    ]);
    const started = Date.now();
    const response = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(response.status).toBe(429);
    expect(response.attempts).toBe(1);
    expect(response.headers['retry-after']).toBe('3600');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('times out, and cancels by requestId', async () => {
    const { h, connection } = await gmail();
    const timeout = await errorOf(
      h.core.invoke('api.request', { connectionId: connection.id, url: '/test/slow', query: { ms: '5000' }, timeoutMs: 200 }),
    );
    expect(timeout.code).toBe('timeout');
    const pending = errorOf(
      h.core.invoke('api.request', { connectionId: connection.id, url: '/test/slow', query: { ms: '5000' }, requestId: 'req-1' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await h.core.invoke('api.cancel', { requestId: 'req-1' })).toEqual({ cancelled: true });
    expect((await pending).code).toBe('cancelled');
    expect(await h.core.invoke('api.cancel', { requestId: 'req-1' })).toEqual({ cancelled: false });
  });

  it('cuts bodies over the cap and returns binary as base64', async () => {
    const { h, connection } = await gmail({ maxBodyBytes: 64 * 1024 });
    const big = await h.core.invoke('api.request', {
      connectionId: connection.id,
      url: '/test/big',
      query: { bytes: String(1024 * 1024) },
    });
    expect(big.truncated).toBe(true);
    expect(big.sizeBytes).toBe(64 * 1024);
    expect(big.json).toBeUndefined();
    const binary = await h.core.invoke('api.request', { connectionId: connection.id, url: '/test/binary', query: { bytes: '300' } });
    expect(binary.bodyEncoding).toBe('base64');
    expect(Buffer.from(binary.body, 'base64')).toHaveLength(300);
  });

  it('asks for compressed answers and unpacks gzip, deflate, br and zstd, stacked too, as fetch would', async () => {
    const { h, connection } = await gmail();
    const encoded = (query: Record<string, string>, headers?: Record<string, string>) =>
      h.core.invoke('api.request', { connectionId: connection.id, url: '/test/encoded', query, ...(headers ? { headers } : {}) });
    for (const coding of ['gzip', 'x-gzip', 'deflate', 'br', 'zstd', 'deflate, gzip', 'gzip, br']) {
      const response = await encoded({ coding });
      const json = response.json as { text: string; acceptEncoding: string };
      expect(json.text, coding).toBe('Grüße aus Junction ✓ ');
      expect(json.acceptEncoding.split(/,\s*/)).toEqual(expect.arrayContaining(['gzip', 'deflate', 'br']));
      expect(response.headers['content-encoding']).toBe(coding);
      // The size is the unpacked body's, as the console shows it.
      expect(response.sizeBytes).toBe(Buffer.byteLength(response.body));
      expect(response).toMatchObject({ status: 200, statusText: 'OK', bodyEncoding: 'utf8', truncated: false });
    }
    // A coding Junction does not know is left as it came (here the server did not apply it).
    const unknown = await encoded({ coding: 'x-custom' });
    expect((unknown.json as { text: string }).text).toBe('Grüße aus Junction ✓ ');
    // The caller may ask for no compression.
    const identity = await encoded({ coding: 'identity' }, { 'Accept-Encoding': 'identity' });
    expect((identity.json as { acceptEncoding: string }).acceptEncoding).toBe('identity');
  });

  it('cuts an unpacked body at the cap, and says so when a compressed body is damaged', async () => {
    const { h, connection } = await gmail({ maxBodyBytes: 64 * 1024 });
    const big = await h.core.invoke('api.request', {
      connectionId: connection.id,
      url: '/test/encoded',
      query: { coding: 'gzip', pad: String(1024 * 1024) },
    });
    expect(big).toMatchObject({ truncated: true, sizeBytes: 64 * 1024 });
    for (const coding of ['gzip', 'br', 'zstd']) {
      const damaged = await errorOf(
        h.core.invoke('api.request', { connectionId: connection.id, url: '/test/encoded', query: { coding, damage: '1' } }),
      );
      expect(damaged.code, coding).toBe('network_error');
      expect(damaged.message).toMatch(/compressed answer that could not be unpacked .*Accept-Encoding: identity/);
    }
    // The connection pool survives: the next request is answered.
    const after = await h.core.invoke('api.request', { connectionId: connection.id, url: '/test/encoded', query: { coding: 'br' } });
    expect(after.status).toBe(200);
  });

  it("sends headers as fetch would: Accept and a User-Agent by default, one given twice in different cases joined, a string body as plain text; the caller's own win", async () => {
    const { h, connection } = await gmail();
    const response = await h.core.invoke('api.request', {
      connectionId: connection.id,
      method: 'PUT',
      url: '/test/echo',
      headers: { 'X-Trace': 'a', 'x-trace': 'b' },
      body: 'just text',
    });
    const echo = response.json as Echo;
    expect(echo.headers['x-trace']).toBe('a, b');
    expect(echo.headers).toMatchObject({ accept: '*/*', 'user-agent': 'Junction' });
    expect(echo.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(echo.body).toBe('just text');
    // The caller's own type wins.
    const typed = await h.core.invoke('api.request', {
      connectionId: connection.id,
      method: 'POST',
      url: '/test/echo',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'User-Agent': 'curl/8' },
      body: 'a=1',
    });
    expect((typed.json as Echo).headers).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'user-agent': 'curl/8',
    });
  });

  it('says network_error when the API cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    h = await startHarness({ kind: 'google' }, {});
    const connection = await h.connect('google_gmail');
    await h.restart({ services: { google_gmail: { apiBaseUrl: `http://127.0.0.1:${port}/gmail/v1` } } });
    const error = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' }));
    expect(error.code).toBe('network_error');
    expect(error.message).toMatch(/connection was refused/);
  });
});
