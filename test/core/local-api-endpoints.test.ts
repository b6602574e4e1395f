// Every endpoint of the local API over real HTTP (curl and fetch), against the oidc-provider peer
// and its resource server: sign-in, connections, both proxy forms, the allowlist, streaming.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import { completeAuthorization } from '../support/browser';
import { removeAllTempDirs } from '../support/temp-dir';
import { curl, errorBody, startLocalApi, type LocalApiWorld } from './local-api-harness';

let world: LocalApiWorld | undefined;
afterEach(async () => {
  await world?.h.close();
  world = undefined;
  removeAllTempDirs();
});

type Echo = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  authorized: boolean;
};

describe('sign-in through the local API', () => {
  it('POST authorize → consent → GET flows/{state} answers the connection; nothing opens a browser unasked', async () => {
    world = await startLocalApi();
    const started = await world.call('/api/oauth/authorize', { method: 'POST', body: JSON.stringify({ service: 'google_gmail' }) });
    expect(started.status).toBe(200);
    const { auth_url, state } = (await started.json()) as { auth_url: string; state: string };
    expect(new URL(auth_url).origin).toBe(world.h.peer.issuer);
    expect(world.h.opened).toEqual([]);
    // Not finished yet: 202 after the (zero-second) wait.
    const early = await world.call(`/api/oauth/flows/${state}?timeout=0`);
    expect(early.status).toBe(202);
    expect(await early.json()).toEqual({ status: 'pending', state });
    const waiting = world.call(`/api/oauth/flows/${state}?timeout=20`);
    await completeAuthorization(auth_url);
    const done = await waiting;
    expect(done.status).toBe(200);
    const { status, connection } = (await done.json()) as { status: string; connection: Connection };
    expect(status).toBe('connected');
    expect(connection).toMatchObject({ service: 'google_gmail', account: { email: 'ada@example.com' }, status: 'connected' });
    expect(await world.h.core.invoke('connections.list', {})).toHaveLength(1);

    // Another key cannot wait for this key's sign-in; a bad timeout is invalid_input.
    const second = await world.h.core.invoke('localApi.keys.create', { name: 'b', services: ['google_gmail'] });
    const foreign = await world.call(`/api/oauth/flows/${state}`, { headers: { authorization: `Bearer ${second.key}` } });
    expect(foreign.status).toBe(404);
    expect((await world.call(`/api/oauth/flows/${state}?timeout=9999`)).status).toBe(400);
  });

  it('a sign-in that finishes between two polls is still there for the next poll', async () => {
    world = await startLocalApi();
    const started = await world.call('/api/oauth/authorize', { method: 'POST', body: JSON.stringify({ service: 'google_gmail' }) });
    const { auth_url, state } = (await started.json()) as { auth_url: string; state: string };
    // Two polls that give up before the person is done: neither may keep a claim on the outcome.
    expect((await world.call(`/api/oauth/flows/${state}?timeout=0`)).status).toBe(202);
    expect((await world.call(`/api/oauth/flows/${state}?timeout=0`)).status).toBe(202);
    await completeAuthorization(auth_url);
    const done = await world.call(`/api/oauth/flows/${state}?timeout=20`);
    expect(done.status).toBe(200);
    expect(((await done.json()) as { connection: Connection }).connection).toMatchObject({ service: 'google_gmail' });
  });

  it('GET authorize answers 302 to the consent screen (curl), open_browser asks Junction to open it, other services are 403', async () => {
    world = await startLocalApi();
    const r = await curl(['-H', `Authorization: Bearer ${world.key.key}`, `${world.base}/api/oauth/authorize?service=google_gmail`]);
    expect(r.status).toBe(302);
    const location = /^location: (.+)$/im.exec(r.headers)?.[1]?.trim() ?? '';
    expect(new URL(location).searchParams.get('code_challenge_method')).toBe('S256');
    const state = /^junction-flow-state: (.+)$/im.exec(r.headers)?.[1]?.trim() ?? '';
    expect(new URL(location).searchParams.get('state')).toBe(state);
    await completeAuthorization(location);
    expect((await world.call(`/api/oauth/flows/${state}?timeout=20`)).status).toBe(200);

    const opened = await world.call('/api/oauth/authorize', {
      method: 'POST',
      body: JSON.stringify({ service: 'google_gmail', open_browser: true }),
    });
    expect(world.h.opened).toEqual([((await opened.json()) as { auth_url: string }).auth_url]);
    const denied = await world.call('/api/oauth/authorize?service=google_drive');
    expect(denied.status).toBe(403);
    const bad = await world.call('/api/oauth/authorize', { method: 'POST', body: '{"service":"google_photos"}' });
    expect(bad.status).toBe(400);
    expect(await errorBody(bad)).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('service:') });
  });
});

describe('connections', () => {
  it('lists, gets (by id or service id) and deletes (revoking at the provider, 204)', async () => {
    world = await startLocalApi();
    const connection = await world.h.connect('google_gmail');
    const list = (await (await world.call('/api/connections')).json()) as Connection[];
    expect(list.map((c) => c.id)).toEqual([connection.id]);
    expect(await (await world.call(`/api/connections/${connection.id}`)).json()).toEqual(connection);
    expect(((await (await world.call('/api/connections/google_gmail')).json()) as Connection).id).toBe(connection.id);
    const deleted = await curl([
      '-X',
      'DELETE',
      '-H',
      `Authorization: Bearer ${world.key.key}`,
      `${world.base}/api/connections/${connection.id}`,
    ]);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBe('');
    expect(world.h.peer.stats.revocations.length).toBeGreaterThan(0);
    expect((await world.call(`/api/connections/${connection.id}`)).status).toBe(404);
    expect((await world.call('/api/connections/google_gmail')).status).toBe(404);
  });
});

describe('the proxy', () => {
  it('body-based: method, url, query, headers and data, answered as the API sent it', async () => {
    world = await startLocalApi();
    const connection = await world.h.connect('google_gmail');
    const request = {
      method: 'POST',
      url: '/test/echo?a=1',
      query: { q: 'is:unread' },
      headers: { 'X-Trace': 'abc' },
      data: { hello: 'world' },
    };
    const r = await curl([
      '-H',
      `Authorization: Bearer ${world.key.key}`,
      '-H',
      'Content-Type: application/json',
      '--data-raw',
      JSON.stringify(request),
      `${world.base}/api/connections/${connection.id}/request`,
    ]);
    expect(r.status).toBe(200);
    const echo = JSON.parse(r.body) as Echo;
    expect(echo).toMatchObject({ method: 'POST', path: '/gmail/v1/test/echo', query: { a: '1', q: 'is:unread' }, authorized: true });
    expect(echo.headers['x-trace']).toBe('abc');
    expect(JSON.parse(echo.body)).toEqual({ hello: 'world' });
    expect(r.body).not.toContain(world.key.key);
    // An API error passes through as the API's own answer, not Junction's error shape.
    const missing = await world.call(`/api/connections/${connection.id}/request`, { method: 'POST', body: '{"url":"/no/such/thing"}' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: unknown } }).error.code).toBe(404);
    const unknownField = await world.call(`/api/connections/${connection.id}/request`, { method: 'POST', body: '{"url":"/x","body":1}' });
    expect(await errorBody(unknownField)).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('body:') });
  });

  it('path-based: any method, query string and raw body passed on; a service id names its one connection', async () => {
    world = await startLocalApi();
    await world.h.connect('google_gmail');
    const put = await curl([
      '-X',
      'PUT',
      '-g',
      '-H',
      `Authorization: Bearer ${world.key.key}`,
      '-H',
      'Content-Type: text/plain',
      '-H',
      'X-Goog-Thing: 1',
      '--data-binary',
      'raw bytes ✓',
      `${world.base}/api/services/google_gmail/request/test/echo?x=1&y=[2]`,
    ]);
    expect(put.status).toBe(200);
    const echo = JSON.parse(put.body) as Echo;
    expect(echo).toMatchObject({ method: 'PUT', path: '/gmail/v1/test/echo', query: { x: '1', y: '[2]' }, body: 'raw bytes ✓' });
    expect(echo.headers).toMatchObject({ 'content-type': 'text/plain', 'x-goog-thing': '1', 'user-agent': 'Junction' });
    const profile = await world.call('/api/services/google_gmail/request/users/me/profile');
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ emailAddress: 'ada@example.com' });
    const head = await world.call('/api/services/google_gmail/request/test/echo', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/json/);
  });

  it('answers 409 naming the choices when a service has two connections', async () => {
    world = await startLocalApi();
    const first = await world.h.connect('google_gmail');
    world.h.peer.setAccount({ sub: 'user-2', email: 'grace@example.com', name: 'Grace Hopper' });
    const second = await world.h.connect('google_gmail');
    const r = await world.call('/api/services/google_gmail/request/users/me/profile');
    expect(r.status).toBe(409);
    const error = await errorBody(r);
    expect(error?.code).toBe('conflict');
    expect(error?.message).toContain(first.id);
    expect(error?.message).toContain(second.id);
    expect(error?.message).toContain('grace@example.com');
    const chosen = await world.call(`/api/connections/${second.id}/request/users/me/profile`);
    expect(await chosen.json()).toMatchObject({ emailAddress: 'grace@example.com' });
  });

  it('refuses a host outside the service allowlist, in either form, before sending a byte', async () => {
    world = await startLocalApi();
    const connection = await world.h.connect('google_gmail');
    let hits = 0;
    const evil = createServer((_req, res) => {
      hits += 1;
      res.end('gotcha');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/steal`;
    try {
      const byBody = await world.call(`/api/connections/${connection.id}/request`, {
        method: 'POST',
        body: JSON.stringify({ url: evilUrl }),
      });
      expect(byBody.status).toBe(403);
      expect((await errorBody(byBody))?.code).toBe('host_not_allowed');
      for (const path of [evilUrl, 'https://evil.example/x', 'https:/evil.example/x']) {
        const byPath = await curl([
          '-H',
          `Authorization: Bearer ${world.key.key}`,
          `${world.base}/api/connections/${connection.id}/request/${path}`,
        ]);
        expect(byPath.status, path).toBe(403);
        expect(JSON.parse(byPath.body).error.code, path).toBe('host_not_allowed');
      }
      expect(hits).toBe(0);
    } finally {
      evil.close();
    }
  });

  it('streams an answer larger than the console cap (30 MB), and undoes gzip with matching headers', async () => {
    world = await startLocalApi();
    await world.h.connect('google_gmail');
    const big = await world.call('/api/services/google_gmail/request/test/big?type=text&bytes=30000000');
    expect(big.status).toBe(200);
    let size = 0;
    for await (const chunk of big.body as unknown as AsyncIterable<Uint8Array>) size += chunk.byteLength;
    expect(size).toBe(30_000_000);
    const encoded = await curl([
      '-H',
      `Authorization: Bearer ${world.key.key}`,
      `${world.base}/api/services/google_gmail/request/test/encoded?coding=gzip`,
    ]);
    expect(encoded.headers).not.toMatch(/content-encoding/i);
    expect(JSON.parse(encoded.body).text).toMatch(/^Grüße aus Junction/);
  });
});
