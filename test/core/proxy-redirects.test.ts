// How api.request follows a redirect, as fetch does (RFC 9110 §15.4): 303 turns any method into a
// GET without its body, 301 and 302 do so only for a POST, 307 and 308 resend the request as it
// was. Only a 3xx with a Location is followed; the token goes along, on allowed hosts only
// (api-proxy.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import { removeAllTempDirs } from '../support/temp-dir';
import { startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

type Echo = { method: string; path: string; headers: Record<string, string>; body: string; authorized: boolean };

const HOP = '/gmail/v1/test/hop';
const ECHO = '/gmail/v1/test/echo';

/** A Gmail connection whose `/test/hop` answers any method with `?status=` and a Location to the echo. */
async function gmail(): Promise<{ h: Harness; connection: Connection }> {
  h = await startHarness({ kind: 'google' });
  const connection = await h.connect('google_gmail');
  h.peer.api.route('*', HOP, ({ query }) => ({ status: Number(query.get('status')), headers: { location: ECHO }, body: '' }), {
    auth: false,
  });
  h.peer.api.reset();
  return { h, connection };
}

describe('redirects', () => {
  it('303 turns a POST and a PUT into a GET without body or Content-Type; 301 and 302 only a POST', async () => {
    const { h, connection } = await gmail();
    const send = async (method: 'POST' | 'PUT' | 'PATCH', status: number) => {
      const response = await h.core.invoke('api.request', {
        connectionId: connection.id,
        method,
        url: '/test/hop',
        query: { status: String(status) },
        body: { n: 1 },
      });
      expect(response.status, `${method} ${status}`).toBe(200);
      expect(response.url, `${method} ${status}`).toBe(`${new URL(connection.apiBaseUrl).origin}${ECHO}`);
      return response.json as Echo;
    };
    for (const [method, status] of [
      ['POST', 303],
      ['PUT', 303],
      ['POST', 301],
      ['POST', 302],
    ] as const) {
      const echo = await send(method, status);
      expect(echo.method, `${method} ${status}`).toBe('GET');
      expect(echo.body, `${method} ${status}`).toBe('');
      expect(echo.headers['content-type'], `${method} ${status}`).toBeUndefined();
      expect(echo.headers['content-length'] ?? '0', `${method} ${status}`).toBe('0');
      expect(echo.authorized, `${method} ${status}`).toBe(true);
    }
    for (const [method, status] of [
      ['PUT', 301],
      ['PATCH', 302],
      ['POST', 307],
      ['POST', 308],
    ] as const) {
      const echo = await send(method, status);
      expect(echo.method, `${method} ${status}`).toBe(method);
      expect(JSON.parse(echo.body), `${method} ${status}`).toEqual({ n: 1 });
      expect(echo.headers['content-type'], `${method} ${status}`).toBe('application/json');
      expect(echo.authorized, `${method} ${status}`).toBe(true);
    }
    expect(h.peer.api.count(HOP)).toBe(8);
  });

  it('follows any 3xx with a Location (300 names its preferred choice so), and no other status', async () => {
    const { h, connection } = await gmail();
    const followed = await h.core.invoke('api.request', { connectionId: connection.id, url: '/test/hop', query: { status: '300' } });
    expect(followed).toMatchObject({ status: 200, attempts: 2 });
    expect((followed.json as Echo).path).toBe(ECHO);
    // A 201 Created names the new resource in Location, and a 4xx may carry one: both are answers.
    for (const status of [201, 299, 400]) {
      const answer = await h.core.invoke('api.request', {
        connectionId: connection.id,
        url: '/test/hop',
        query: { status: String(status) },
      });
      expect(answer, String(status)).toMatchObject({ status, attempts: 1, headers: { location: ECHO } });
    }
    expect(h.peer.api.count(ECHO)).toBe(1);
  });

  it('hands over a 3xx without a Location as it is', async () => {
    const { h, connection } = await gmail();
    h.peer.api.route('GET', '/gmail/v1/test/bare', () => ({ status: 302, body: 'moved, somewhere' }), { auth: false });
    const answer = await h.core.invoke('api.request', { connectionId: connection.id, url: '/test/bare' });
    expect(answer).toMatchObject({ status: 302, attempts: 1, body: 'moved, somewhere' });
  });

  it('follows exactly five redirects, counting each as an attempt', async () => {
    const { h, connection } = await gmail();
    h.peer.api.route(
      'GET',
      '/gmail/v1/test/chain/:n',
      ({ params }) => {
        const n = Number(params.n);
        return { status: 302, headers: { location: n === 1 ? ECHO : `${n - 1}` }, body: '' };
      },
      { auth: false },
    );
    const answer = await h.core.invoke('api.request', { connectionId: connection.id, url: '/test/chain/5' });
    expect(answer).toMatchObject({ status: 200, attempts: 6 });
    expect((answer.json as Echo).path).toBe(ECHO);
  });

  it('after a 303 the request is a GET in every respect: a 503 on the new address is retried', async () => {
    const { h, connection } = await gmail();
    h.peer.api.next(ECHO, [{ status: 503 }]);
    const answer = await h.core.invoke('api.request', {
      connectionId: connection.id,
      method: 'POST',
      url: '/test/hop',
      query: { status: '303' },
      body: 'x',
    });
    expect(answer).toMatchObject({ status: 200, attempts: 3 });
    expect(h.peer.api.requests.filter((r) => r.path === ECHO).map((r) => r.method)).toEqual(['GET', 'GET']);
  });
});
