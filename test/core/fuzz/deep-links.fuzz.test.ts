// Deep links are another way in from outside: any program can open a
// `junction://` URL. `handleProtocolUrl` must never throw and must answer false for everything but
// the one valid callback of a pending protocol-mode flow — random strings, URLs of every shape, and
// the real callback with its scheme, host or path bent, or its state off by a character.
import fc from 'fast-check';
import { Agent, fetch as poolFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthStartResult } from '../../../src-shared/types';
import { completeAuthorization } from '../../support/browser';
import { removeAllTempDirs } from '../../support/temp-dir';
import { startHarness, type Harness } from '../harness';

const LONG = process.env.JUNCTION_LONG_TESTS === '1';
const RUNS = LONG ? 20_000 : 2_000;

let h: Harness;
let start: OAuthStartResult;
/** Where the provider sent the browser: `junction://oauth/callback?code=…&state=…&iss=…`. */
let callback: string;
const unhandled: unknown[] = [];
// The test browser gets a connection pool of its own. Sharing the global one with the core's token
// request, a keep-alive socket the browser left idle during the fuzz runs (~5 s) could be reused
// just as the peer's server closed it (ECONNRESET, network_error): a race that says nothing about
// deep links, and it made the valid-callback case flaky on a loaded machine.
const browserPool = new Agent();
const browserFetch = ((input: string | URL, init?: RequestInit) =>
  poolFetch(input, { ...(init as object), dispatcher: browserPool })) as unknown as typeof fetch;
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  h = await startHarness({ kind: 'spotify' });
  await h.core.invoke('settings.setProvider', { provider: 'spotify', clientId: h.peer.clientId, redirectMode: 'protocol' });
  start = await h.core.invoke('oauth.start', { service: 'spotify' });
  expect(start.redirectUri).toBe('junction://oauth/callback');
  callback = (await completeAuthorization(start.authUrl, { fetch: browserFetch })).redirectUrl;
  expect(new URL(callback).searchParams.get('state')).toBe(start.state);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await h.close();
  await browserPool.close();
  removeAllTempDirs();
});

/** Resolves false, or fails the property: a throw or a rejection is a bug. */
async function refusedLink(url: string): Promise<void> {
  let answer: unknown;
  try {
    answer = await h.core.handleProtocolUrl(url);
  } catch (error) {
    throw new Error(`handleProtocolUrl threw for ${JSON.stringify(url.slice(0, 200))}: ${String(error)}`);
  }
  expect(answer, url.slice(0, 200)).toBe(false);
}

function stillPending(): void {
  expect(h.events.filter((e) => e.type === 'oauth.finished')).toEqual([]);
  expect(h.peer.stats.tokenRequests.length).toBe(0);
}

/** The real callback with one routing part bent; the state, code and iss stay as the provider sent them. */
function bentCallbacks(): fc.Arbitrary<string> {
  const real = new URL(callback);
  const query = real.search;
  const scheme = fc.constantFrom(
    'junction',
    'junctions',
    'junction2',
    'http',
    'https',
    'file',
    'javascript',
    'x-junction',
    'junctio',
    'spotify',
  );
  const authority = fc.constantFrom(
    'oauth',
    'OAUTH',
    'Oauth',
    'oauth.',
    'oauth:80',
    'user@oauth',
    'evil',
    '',
    'oauth%2e',
    '127.0.0.1',
    'oauth@evil',
  );
  const path = fc.constantFrom(
    '/callback',
    '/callback/',
    '/Callback',
    '/CALLBACK',
    '/%63allback',
    '//callback',
    '',
    '/',
    '/callback;x',
    '/callback%00',
    '/x/../../callback/x',
  );
  return fc.oneof(
    // Exactly one part wrong at a time, so each check is on its own.
    scheme.filter((s) => s !== 'junction').map((s) => `${s}://oauth/callback${query}`),
    authority.filter((a) => a !== 'oauth').map((a) => `junction://${a}/callback${query}`),
    path.filter((p) => p !== '/callback').map((p) => `junction://oauth${p}${query}`),
    fc.constantFrom(
      `junction:/oauth/callback${query}`,
      `junction:oauth/callback${query}`,
      `junction:///oauth/callback${query}`,
      `junction://oauth/callback#${query.slice(1)}`,
    ),
  );
}

/** Well-routed callbacks whose state is anything but the flow's. */
function wrongStates(): fc.Arbitrary<string> {
  const real = new URL(callback);
  const withState = (state: string | null) => {
    const url = new URL(real.href);
    if (state === null) url.searchParams.delete('state');
    else url.searchParams.set('state', state);
    return url.href;
  };
  return fc.oneof(
    fc
      .string({ maxLength: 80 })
      .filter((s) => s !== start.state)
      .map(withState),
    fc
      .constantFrom(
        null,
        '',
        start.state.slice(1),
        `${start.state}=`,
        `${start.state} `,
        start.state.toUpperCase(),
        start.state.toLowerCase(),
      )
      .filter((s) => s !== start.state)
      .map(withState),
    fc
      .string({ maxLength: 40 })
      .map((s) => `${real.href.replace(/state=[^&]*/, `state=${encodeURIComponent(s)}`)}`)
      .filter((u) => new URL(u).searchParams.get('state') !== start.state),
    // A first `state` that is wrong wins: URLSearchParams.get reads the first.
    fc
      .string({ maxLength: 20 })
      .filter((s) => s !== start.state)
      .map((s) => `junction://oauth/callback?state=${encodeURIComponent(s)}&${real.search.slice(1)}`),
  );
}

describe('handleProtocolUrl under fuzzed deep links', () => {
  it(
    'random strings and URLs of every shape: false, never a throw',
    async () => {
      const anyUrl = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.webUrl().map((u) => u.replace(/^https?/, 'junction')),
        fc.tuple(fc.webPath(), fc.webQueryParameters()).map(([p, q]) => `junction://oauth${p}?${q}`),
        fc.webQueryParameters().map((q) => `junction://oauth/callback?${q}`),
        fc.constantFrom(
          '',
          'junction:',
          'junction://',
          'junction://oauth',
          'junction://oauth/callback',
          'junction://oauth/callback?',
          'junction://oauth/callback?state=',
          'junction://oauth/callback?error=access_denied',
          'junction://[::1/callback',
          'junction://oauth:99999/callback',
          '\u0000',
          'junction://oauth/callback?state=%ZZ',
        ),
        fc.nat({ max: 200_000 }).map((n) => `junction://oauth/callback?state=${'s'.repeat(n)}`),
      );
      await fc.assert(fc.asyncProperty(anyUrl, refusedLink), { numRuns: RUNS });
      // The same, all at once.
      await Promise.all(fc.sample(anyUrl, { numRuns: 500 }).map(refusedLink));
      stillPending();
    },
    LONG ? 600_000 : 60_000,
  );

  it(
    'the real callback with its scheme, host or path bent, or its state wrong: false, the flow keeps waiting',
    async () => {
      await fc.assert(fc.asyncProperty(bentCallbacks(), refusedLink), { numRuns: Math.round(RUNS / 4) });
      await fc.assert(fc.asyncProperty(wrongStates(), refusedLink), { numRuns: Math.round(RUNS / 2) });
      stillPending();
    },
    LONG ? 600_000 : 60_000,
  );

  it('the one valid callback completes the flow; after that, it and every variant are false', async () => {
    const waiting = h.core.invoke('oauth.wait', { state: start.state });
    // The OS may hand the same link over twice (a second instance forwarding it), in the middle of
    // junk: exactly one delivery completes the flow, with one code exchange.
    const junk = fc.sample(fc.oneof(bentCallbacks(), wrongStates()), { numRuns: 200 });
    const answers = await Promise.all(
      [...junk.slice(0, 100), callback, callback, ...junk.slice(100)].map((url) => h.core.handleProtocolUrl(url)),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(answers[100] || answers[101]).toBe(true);
    expect(h.peer.stats.token.authorization_code).toBe(1);
    expect((await waiting).status).toBe('connected');
    const tokenRequests = h.peer.stats.tokenRequests.length;
    await refusedLink(callback);
    await fc.assert(fc.asyncProperty(fc.oneof(bentCallbacks(), wrongStates()), refusedLink), { numRuns: 200 });
    // No second code exchange was attempted.
    expect(h.peer.stats.tokenRequests.length).toBe(tokenRequests);
    expect(unhandled).toEqual([]);
  });
  // After the protocol flow above has finished: a start for the same service would replace it.
  it("a loopback flow's state in a deep link: false, and that flow keeps its listener", async () => {
    await h.core.invoke('settings.setProvider', { provider: 'spotify', clientId: h.peer.clientId, redirectMode: 'loopback' });
    const loopback = await h.core.invoke('oauth.start', { service: 'spotify' });
    await h.core.invoke('settings.setProvider', { provider: 'spotify', clientId: h.peer.clientId, redirectMode: 'protocol' });
    const forged = new URL(callback);
    forged.searchParams.set('state', loopback.state);
    await refusedLink(forged.href);
    expect(h.events.filter((e) => e.type === 'oauth.finished' && e.state === loopback.state)).toEqual([]);
    expect((await fetch(loopback.redirectUri)).status).toBe(400);
    expect(await h.core.invoke('oauth.cancel', { state: loopback.state })).toEqual({ cancelled: true });
  });
});
