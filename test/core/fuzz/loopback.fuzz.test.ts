// The loopback redirect listener of a pending flow under hostile local clients:
// anything on this machine can connect to it. Raw sockets send random request lines, methods,
// paths, Host headers and header blocks, a 1 MB query string, and clients that never finish their
// headers. Nothing but the one valid callback may be accepted, the socket limits must hold, the
// flow must survive all of it, and the listener must be gone as soon as the flow ends.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import type { OAuthStartResult } from '../../../src-shared/types';
import { completeAuthorization } from '../../support/browser';
import { removeAllTempDirs } from '../../support/temp-dir';
import { errorOf, startHarness, type Harness } from '../harness';
import { collect, openSocket, rawRequest, refuses, type RawAnswer } from './raw-http';

const LONG = process.env.JUNCTION_LONG_TESTS === '1';
const RUNS = LONG ? 5_000 : 400;
/** The listener's header timeout (loopback-listener.ts), and how late a close may come. */
const HEADERS_TIMEOUT_MS = 5_000;
const SLACK_MS = 1_500;

const harnesses: Harness[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  // A request handler that throws leaves a rejection nobody awaits (and, in Node, a dead process).
  expect(unhandled.map(String)).toEqual([]);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  removeAllTempDirs();
});

async function pendingFlow(coreOptions = {}): Promise<{ h: Harness; start: OAuthStartResult; port: number; host: string }> {
  const h = await startHarness({ kind: 'google' }, coreOptions);
  harnesses.push(h);
  const start = await h.core.invoke('oauth.start', { service: 'google_gmail' });
  const port = Number(new URL(start.redirectUri).port);
  return { h, start, port, host: `127.0.0.1:${port}` };
}

/** Never a success or a redirect: only 4xx/5xx or no answer at all, for every response in the stream. */
function refused(answer: RawAnswer): boolean {
  const statuses = [...answer.text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
  return statuses.every((s) => s >= 400 && s < 600) && !/Connected to/.test(answer.text);
}

const token = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_!#'),
  minLength: 1,
  maxLength: 12,
});
const anyText = fc.string({ unit: 'binary-ascii', maxLength: 60 });
const cleanText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });

function requestArbitrary(host: string) {
  const method = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        'GET',
        'GET',
        'GET',
        'POST',
        'PUT',
        'DELETE',
        'HEAD',
        'OPTIONS',
        'PATCH',
        'CONNECT',
        'TRACE',
        'PRI',
        'get',
        'GET GET',
      ),
    },
    { weight: 1, arbitrary: token },
  );
  const path = fc.oneof(
    fc.constantFrom(
      '/callback',
      '/callback/',
      '/CALLBACK',
      '//callback',
      '//',
      '//?x',
      '///callback',
      '/callback/../callback',
      '/%63allback',
      '/callback;x',
      `http://${host}/callback`,
      '*',
      '/',
      '/favicon.ico',
      '',
    ),
    fc.webPath(),
    fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((s) => `/${s}`),
  );
  // States that are not the flow's (nobody else can know it), dressed as real callbacks and errors.
  const query = fc.oneof(
    fc.constant(''),
    fc.webQueryParameters().map((q) => `?${q}`),
    fc
      .tuple(
        fc.string({ minLength: 0, maxLength: 50 }),
        fc.constantFrom('code=abc', 'error=access_denied', 'code=x&iss=http%3A%2F%2F127.0.0.1', ''),
      )
      .map(([state, rest]) => `?state=${encodeURIComponent(state)}&${rest}`),
    fc.string({ unit: 'binary-ascii', maxLength: 80 }).map((s) => `?${s}`),
  );
  const version = fc.oneof(
    { weight: 4, arbitrary: fc.constant('HTTP/1.1') },
    fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1x', 'HTTP/0.9', ''),
  );
  const hostHeader = fc.oneof(
    { weight: 4, arbitrary: fc.constant([`Host: ${host}`]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        [],
        ['Host: localhost'],
        [`Host: localhost:${host.split(':')[1]}`],
        ['Host: evil.example'],
        [`Host: ${host}`, 'Host: evil.example'],
        [`Host:${host}`],
        [`host: ${host} `],
      ),
    },
  );
  const header = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(token, cleanText).map(([n, v]) => `${n}: ${v}`) },
    { weight: 1, arbitrary: fc.tuple(token, anyText).map(([n, v]) => `${n}: ${v}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'Transfer-Encoding: chunked',
        'Content-Length: 5',
        'Content-Length: -1',
        'Content-Length: 1, 2',
        'Expect: 100-continue',
        'Upgrade: websocket',
        'Connection: keep-alive',
        'Connection: upgrade',
        'X-Forwarded-Host: evil.example',
        ' folded: line',
        'Origin: https://evil.example',
        'Cookie: a=b',
        'X: \u0000',
        'Transfer-Encoding: chunked\r\nContent-Length: 3',
      ),
    },
  );
  const tail = fc.constantFrom(
    '\r\n\r\n',
    '\r\n\r\n',
    '\r\n\r\n',
    '\n\n',
    '\r\n\r\n0\r\n\r\n',
    `\r\n\r\nGET /callback?state=z HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
  );
  return fc
    .record({ method, path, query, version, hosts: hostHeader, headers: fc.array(header, { maxLength: 6 }), tail })
    .map(
      ({ method, path, query, version, hosts, headers, tail }) =>
        `${method} ${path}${query} ${version}\r\n${[...hosts, ...headers].join('\r\n')}${tail}`,
    );
}

describe('the loopback listener of a pending flow', () => {
  it(
    'answers random requests with errors only, keeps the flow pending, then accepts the one valid callback',
    async () => {
      const { h, start, port, host } = await pendingFlow();
      const statuses = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(requestArbitrary(host), async (request) => {
          const socket = await openSocket(port);
          const answer = collect(socket, 3_000);
          // Half-close after the request, so an incomplete one ends now instead of at the header timeout.
          socket.end(request);
          const result = await answer;
          // A bare 400 is the parser refusing the bytes; a 400 page is the flow ignoring a wrong state.
          const kind = `${result.status ?? 'none'}${/text\/html/.test(result.text) ? ' page' : ''}`;
          statuses.set(kind, (statuses.get(kind) ?? 0) + 1);
          if (process.env.JUNCTION_FUZZ_DEBUG && kind === '400') console.info('[dbg]', JSON.stringify(request.slice(0, 150)));
          expect(refused(result), JSON.stringify(result.text.slice(0, 200))).toBe(true);
          expect(result.closedByServer).toBe(true);
        }),
        { numRuns: RUNS },
      );
      // Well-formed callbacks with any state but the flow's (nobody else can know it): each one gets
      // the "not the sign-in Junction is waiting for" page, and the flow keeps waiting.
      const callback = fc
        .record({
          state: fc.oneof(
            fc.string({ maxLength: 60 }),
            fc.constant(start.state.slice(0, -1)),
            fc.constant(`${start.state}x`),
            fc.constant(start.state.toUpperCase()),
          ),
          rest: fc.webQueryParameters(),
          error: fc.constantFrom('', '&error=access_denied', '&code=abc', `&iss=${encodeURIComponent(h.peer.issuer)}&code=abc`),
        })
        .filter(({ state }) => state !== start.state);
      await fc.assert(
        fc.asyncProperty(callback, async ({ state, rest, error }) => {
          const query = `state=${encodeURIComponent(state)}${error}${rest ? `&${rest}` : ''}`;
          const result = await rawRequest(port, `GET /callback?${query} HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
          expect(result.status, result.text.slice(0, 200)).toBe(400);
          expect(result.text).toContain('Not the sign-in Junction is waiting for');
          statuses.set('400 page', (statuses.get('400 page') ?? 0) + 1);
        }),
        { numRuns: Math.round(RUNS / 2) },
      );
      console.info(`[fuzz] loopback: ${RUNS + Math.round(RUNS / 2)} requests, statuses ${JSON.stringify([...statuses])}`);
      expect(h.events.some((e) => e.type === 'oauth.finished')).toBe(false);
      expect(await refuses(port)).toBe(false);

      const waiting = h.core.invoke('oauth.wait', { state: start.state });
      const outcome = await completeAuthorization(start.authUrl);
      expect(outcome.status).toBe(200);
      expect((await waiting).status).toBe('connected');
      // The listener is gone as soon as the page is sent.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await refuses(port)).toBe(true);
    },
    LONG ? 600_000 : 60_000,
  );

  it('the valid callback twice at once, among junk: one sign-in, one code exchange, the other refused', async () => {
    const { h, start, port, host } = await pendingFlow();
    const waiting = h.core.invoke('oauth.wait', { state: start.state });
    const { redirectUrl } = await completeAuthorization(start.authUrl, { deliver: false });
    const target = new URL(redirectUrl);
    const valid = `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${host}\r\n\r\n`;
    const junk = fc.sample(requestArbitrary(host), { numRuns: 100 });
    const answers = await Promise.all([...junk.slice(0, 50), valid, valid, ...junk.slice(50)].map((bytes) => rawRequest(port, bytes)));
    const successes = answers.filter((a) => a.status === 200);
    expect(successes).toHaveLength(1);
    expect(successes[0]?.text).toContain('Connected to');
    expect(answers.filter((a) => !refused(a))).toHaveLength(1);
    expect(h.peer.stats.token.authorization_code).toBe(1);
    expect((await waiting).status).toBe('connected');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await refuses(port)).toBe(true);
  });

  it('a 1 MB query string or header block is cut off at the size limit without reading it all', async () => {
    const { h, port, host } = await pendingFlow();
    const big = 'a'.repeat(1 << 20);
    const answers = await Promise.all([
      rawRequest(port, `GET /callback?state=${big} HTTP/1.1\r\nHost: ${host}\r\n\r\n`),
      rawRequest(port, `GET /callback?${big} HTTP/1.1\r\nHost: ${host}\r\n\r\n`),
      rawRequest(
        port,
        `GET /callback HTTP/1.1\r\nHost: ${host}\r\n${Array.from({ length: 1024 }, (_, i) => `X-${i}: ${'b'.repeat(1000)}`).join('\r\n')}\r\n\r\n`,
      ),
    ]);
    for (const answer of answers) {
      expect(answer.closedByServer).toBe(true);
      expect([400, 431, null]).toContain(answer.status);
      expect(answer.ms).toBeLessThan(2_000);
    }
    expect(h.events.some((e) => e.type === 'oauth.finished')).toBe(false);
    expect(await refuses(port)).toBe(false);
  });

  it('clients that never finish their headers are cut off at the header timeout, and do not block the real callback', async () => {
    const { h, start, port, host } = await pendingFlow();
    const t0 = Date.now();
    const silent = await Promise.all(Array.from({ length: 20 }, () => openSocket(port)));
    const slow = await Promise.all(Array.from({ length: 5 }, () => openSocket(port)));
    const nearlyFull = await openSocket(port);
    const answers = [...silent, ...slow, nearlyFull].map((socket) => collect(socket, HEADERS_TIMEOUT_MS + 10_000, t0));
    for (const socket of slow) socket.write(`GET /callback HTTP/1.1\r\nHost: ${host}\r\n`);
    // Just under the 8 KB header limit, then silence.
    nearlyFull.write(`GET /callback HTTP/1.1\r\nHost: ${host}\r\nX-Pad: ${'p'.repeat(7_000)}\r\n`);
    const trickle = setInterval(() => {
      for (const socket of slow) if (socket.writable) socket.write('X-Slow: a\r\n');
    }, 300);
    try {
      // With every socket hanging, a second flow's callback still gets through at once.
      const other = await h.core.invoke('oauth.start', { service: 'google_calendar' });
      const otherWait = h.core.invoke('oauth.wait', { state: other.state });
      expect((await completeAuthorization(other.authUrl)).status).toBe(200);
      expect((await otherWait).service).toBe('google_calendar');

      const results = await Promise.all(answers);
      for (const result of results) {
        expect(result.closedByServer, `held for ${result.ms} ms`).toBe(true);
        expect(result.ms).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);
        expect(refused(result)).toBe(true);
      }
    } finally {
      clearInterval(trickle);
    }
    expect(h.events.filter((e) => e.type === 'oauth.finished' && e.state === start.state)).toEqual([]);
    expect(await refuses(port)).toBe(false);
  }, 30_000);

  it('closes on time: at once on cancel, at the flow timeout, dropping the sockets still open', async () => {
    const a = await pendingFlow();
    const hanging = await openSocket(a.port);
    const dropped = collect(hanging, 5_000);
    const t = Date.now();
    expect(await a.h.core.invoke('oauth.cancel', { state: a.start.state })).toEqual({ cancelled: true });
    expect(await refuses(a.port)).toBe(true);
    const result = await dropped;
    expect(result.closedByServer).toBe(true);
    expect(Date.now() - t).toBeLessThan(500);

    const b = await pendingFlow({ flowTimeoutMs: 1_000 });
    const waiting = errorOf(b.h.core.invoke('oauth.wait', { state: b.start.state }));
    const socket: Socket = await openSocket(b.port);
    socket.write(`GET /callback HTTP/1.1\r\nHost: ${b.host}\r\n`);
    const cut = collect(socket, 5_000);
    expect((await waiting).code).toBe('timeout');
    const at = Date.now();
    expect(await refuses(b.port)).toBe(true);
    const cutResult = await cut;
    expect(cutResult.closedByServer).toBe(true);
    expect(cutResult.ms).toBeLessThan(1_000 + SLACK_MS);
    expect(Date.now() - at).toBeLessThan(500);
  }, 20_000);
});
