// The edges of a sign-in (src-main/core/oauth/flows.ts) that the happy paths in oauth-flow.test.ts
// do not pin: the exact words and events a flow ends with, the deep links it must refuse, starts
// that race each other, and a browser that cannot be opened. Each against an oidc-provider peer.
import { createHook } from 'node:async_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../src-shared/types';
import { completeAuthorization } from '../support/browser';
import { createTestCipher } from '../support/cipher';
import { removeAllTempDirs } from '../support/temp-dir';
import { MAX_UNREAD_OUTCOMES } from '../../src-main/core/oauth/pending-flows';
import { errorOf, signInWithSlowTokenEndpoint, startHarness, until, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const askedScopes = (authUrl: string) => (new URL(authUrl).searchParams.get('scope') ?? '').split(' ');
const SPOTIFY_SCOPES = [
  'user-read-playback-state',
  'user-modify-playback-state',
  'user-read-currently-playing',
  'playlist-read-private',
  'playlist-read-collaborative',
];
/** The page's accent: green for success, red for an error, amber for a link it ignored (callback-page.ts). */
const GREEN = '#1a7f37';
const RED = '#cf222e';
const AMBER = '#9a6700';

/** Spotify through the custom scheme: its callback comes back as a junction:// link. */
async function protocolSpotify(): Promise<Harness> {
  const harness = await startHarness({ kind: 'spotify' });
  await harness.core.invoke('settings.setProvider', { provider: 'spotify', clientId: harness.peer.clientId, redirectMode: 'protocol' });
  return harness;
}

const finished = (events: CoreEvent[], state: string) => events.filter((e) => e.type === 'oauth.finished' && e.state === state);

describe('how a sign-in ends', () => {
  it('a timeout says how long Junction waited (at least a minute), once, in the wait and in the event', async () => {
    h = await startHarness({ kind: 'google' }, { flowTimeoutMs: 300 });
    const start = await h.core.invoke('oauth.start', { service: 'google_calendar' });
    const error = await errorOf(h.core.invoke('oauth.wait', { state: start.state }));
    const message =
      'The sign-in with Google was not finished within 1 minute(s), so Junction stopped waiting. Connect again when you are ready.';
    expect(error).toMatchObject({ code: 'timeout', message });
    expect(finished(h.events, start.state)).toEqual([
      { type: 'oauth.finished', state: start.state, ok: false, error: { code: 'timeout', message } },
    ]);
  });

  it('a sign-in waiting for the browser holds no timer that keeps the process alive (a plain-Node core can exit)', async () => {
    const FLOW_TIMEOUT_MS = 123_456;
    h = await startHarness({ kind: 'google' }, { flowTimeoutMs: FLOW_TIMEOUT_MS });
    const timers: NodeJS.Timeout[] = [];
    const hook = createHook({
      init(_id, type, _trigger, resource) {
        if (type === 'Timeout') timers.push(resource as NodeJS.Timeout);
      },
    }).enable();
    const start = await h.core.invoke('oauth.start', { service: 'google_gmail' }).finally(() => hook.disable());
    // The flow's deadline, told apart from any other timer by its length.
    const deadline = timers.filter((timer) => (timer as unknown as { _idleTimeout: number })._idleTimeout === FLOW_TIMEOUT_MS);
    expect(deadline).toHaveLength(1);
    expect(deadline[0]?.hasRef()).toBe(false);
    await h.core.invoke('oauth.cancel', { state: start.state });
  });

  it('a cancel ends the flow once: one event, with the reason', async () => {
    h = await startHarness({ kind: 'google' });
    const start = await h.core.invoke('oauth.start', { service: 'google_docs' });
    expect(await h.core.invoke('oauth.cancel', { state: start.state })).toEqual({ cancelled: true });
    expect(await h.core.invoke('oauth.cancel', { state: start.state })).toEqual({ cancelled: false });
    const error = { code: 'cancelled', message: 'You cancelled the sign-in.' };
    // Closing ends every flow it still holds: this one had ended, unread, and says so only once.
    await h.core.close();
    expect(finished(h.events, start.state)).toEqual([{ type: 'oauth.finished', state: start.state, ok: false, error }]);
  });
});

describe('what the browser page and oauth.wait say', () => {
  it('a wait for a state Junction does not know says what to do', async () => {
    h = await startHarness({ kind: 'google' });
    expect(await errorOf(h.core.invoke('oauth.wait', { state: 'a'.repeat(43) }))).toEqual(
      expect.objectContaining({
        code: 'not_found',
        message:
          'No sign-in with that state is in progress (it may have ended more than 5 minutes ago, or been followed by many newer ones). Connect again.',
      }),
    );
  });

  it("pages: success in green with what happened, a stranger's link in amber saying why it was ignored, a refusal in red", async () => {
    h = await startHarness({ kind: 'google' });
    const start = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    const { redirectUrl } = await completeAuthorization(start.authUrl, { deliver: false });
    const stranger = await (await fetch(redirectUrl.replace(/state=[^&]+/, 'state=not-the-state'))).text();
    expect(stranger).toContain('This link does not match the sign-in in progress, so Junction ignored it.');
    expect(stranger).toContain(AMBER);
    const success = await (await fetch(redirectUrl)).text();
    expect(success).toContain('Connected to Google');
    expect(success).toContain('Junction has your sign-in.');
    expect(success).toContain(GREEN);
    h.peer.denyNext('The user clicked Cancel');
    const denied = await completeAuthorization((await h.core.invoke('oauth.start', { service: 'google_drive' })).authUrl);
    expect(denied.body).toContain('Sign-in did not finish');
    expect(denied.body).toContain(RED);
  });

  it('a consent denied through the custom scheme ends the flow: the link was handled', async () => {
    h = await protocolSpotify();
    h.peer.denyNext('The user clicked Cancel');
    const start = await h.core.invoke('oauth.start', { service: 'spotify' });
    const waiting = errorOf(h.core.invoke('oauth.wait', { state: start.state }));
    const { redirectUrl } = await completeAuthorization(start.authUrl);
    expect(await h.core.handleProtocolUrl(redirectUrl)).toBe(true);
    expect((await waiting).code).toBe('access_denied');
  });

  it('a deep-link sign-in cancelled mid-exchange: the link was handled, nothing is stored', async () => {
    h = await protocolSpotify();
    h.peer.faults.token.next(1, { delayMs: 2_000 });
    const start = await h.core.invoke('oauth.start', { service: 'spotify' });
    const waiting = errorOf(h.core.invoke('oauth.wait', { state: start.state }));
    const { redirectUrl } = await completeAuthorization(start.authUrl);
    const handled = h.core.handleProtocolUrl(redirectUrl);
    await until(() => h!.peer.faults.token.pending === 0, 'the token request');
    expect(await h.core.invoke('oauth.cancel', { state: start.state })).toEqual({ cancelled: true });
    expect(await handled).toBe(true);
    expect((await waiting).code).toBe('cancelled');
    expect(await h.core.invoke('connections.list', {})).toEqual([]);
  });
});

describe('weaker storage', () => {
  const accept = (h: Harness, value: boolean) => h.core.invoke('settings.acceptInsecureStorage', { accept: value });

  it('without consent a sign-in does not start, and says why', async () => {
    h = await startHarness({ kind: 'google' }, { cipher: createTestCipher({ secure: false }) });
    const error = await errorOf(h.core.invoke('oauth.start', { service: 'google_gmail' }));
    expect(error.code).toBe('not_configured');
    expect(error.message).toMatch(/saved sign-ins would be only lightly protected\. Accept weaker storage in Settings/);
    expect(h.opened).toEqual([]);
  });

  it('withdrawn mid-exchange: the page says the sign-in did not finish (not that it was cancelled) and that nothing was saved', async () => {
    h = await startHarness({ kind: 'google' }, { cipher: createTestCipher({ secure: false }) });
    await accept(h, true);
    const { waiting, page } = await signInWithSlowTokenEndpoint(h, 'google_gmail', 1_000);
    await accept(h, false);
    expect((await waiting).code).toBe('not_configured');
    const shown = (await page).body ?? '';
    expect(shown).toContain('Sign-in did not finish');
    expect(shown).toContain('Junction did not save this sign-in.');
    expect(shown).toContain(RED);
  });

  it('starts it ended before they returned leave no outcome behind to push out one still to be read', async () => {
    h = await startHarness({ kind: 'google' }, { cipher: createTestCipher({ secure: false }) });
    await accept(h, true);
    const done = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    await completeAuthorization(done.authUrl);
    for (let i = 0; i < MAX_UNREAD_OUTCOMES; i += 1) {
      const starting = errorOf(h.core.invoke('oauth.start', { service: 'google_drive' }));
      await accept(h, false);
      expect((await starting).code).toBe('not_configured');
      await accept(h, true);
    }
    expect((await h.core.invoke('oauth.wait', { state: done.state })).service).toBe('google_gmail');
  });
});

describe('deep links and racing starts', () => {
  it('refuses links that are not exactly the registered redirect URI, or carry no state', async () => {
    h = await protocolSpotify();
    const start = await h.core.invoke('oauth.start', { service: 'spotify' });
    const { redirectUrl } = await completeAuthorization(start.authUrl);
    const refused = [
      'not a url',
      redirectUrl.replace('junction://oauth', 'junction://user@oauth'),
      redirectUrl.replace('junction://oauth', 'junction://:secret@oauth'),
      redirectUrl.replace('junction://oauth', 'junction://other'),
      redirectUrl.replace(/state=[^&]+&?/, ''),
    ];
    for (const link of refused) expect(await h.core.handleProtocolUrl(link), link).toBe(false);
    expect(h.peer.stats.token.authorization_code).toBe(0);
    expect(await h.core.handleProtocolUrl(redirectUrl)).toBe(true);
    expect((await h.core.invoke('oauth.wait', { state: start.state })).status).toBe('connected');
  });

  it('a loopback sign-in does not take its callback as a deep link', async () => {
    h = await startHarness({ kind: 'google' });
    const start = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    const { redirectUrl } = await completeAuthorization(start.authUrl, { deliver: false });
    const link = `junction://oauth/callback${new URL(redirectUrl).search}`;
    expect(await h.core.handleProtocolUrl(link)).toBe(false);
    expect(h.peer.stats.token.authorization_code).toBe(0);
    expect((await fetch(redirectUrl)).status).toBe(200);
    expect((await h.core.invoke('oauth.wait', { state: start.state })).status).toBe('connected');
  });

  it('the same deep link twice at once exchanges the code once', async () => {
    h = await protocolSpotify();
    const start = await h.core.invoke('oauth.start', { service: 'spotify' });
    const { redirectUrl } = await completeAuthorization(start.authUrl);
    const handled = await Promise.all([h.core.handleProtocolUrl(redirectUrl), h.core.handleProtocolUrl(redirectUrl)]);
    expect(handled.sort()).toEqual([false, true]);
    expect(h.peer.stats.token.authorization_code).toBe(1);
    expect((await h.core.invoke('oauth.wait', { state: start.state })).status).toBe('connected');
  });

  it('two starts at once through the custom scheme: the first is replaced, only the second opens the browser', async () => {
    h = await protocolSpotify();
    const first = errorOf(h.core.invoke('oauth.start', { service: 'spotify' }));
    const second = await h.core.invoke('oauth.start', { service: 'spotify' });
    expect((await first).code).toBe('cancelled');
    expect(h.opened).toEqual([second.authUrl]);
  });

  it('a new start does not replace a sign-in already exchanging its code', async () => {
    h = await startHarness({ kind: 'google' });
    h.peer.faults.token.next(1, { delayMs: 1_000 });
    const first = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    const waiting = h.core.invoke('oauth.wait', { state: first.state });
    const page = completeAuthorization(first.authUrl);
    await until(() => h!.peer.faults.token.pending === 0, 'the token request');
    const second = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    expect((await page).body).toContain('Connected to Google');
    expect((await waiting).service).toBe('google_gmail');
    expect(await h.core.invoke('oauth.cancel', { state: second.state })).toEqual({ cancelled: true });
  });
});

describe('the browser', () => {
  it('a browser that cannot be opened, at once or later, still leaves the link to follow by hand', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let calls = 0;
      h = await startHarness(
        { kind: 'google' },
        {
          openExternal: () => {
            calls += 1;
            if (calls === 1) throw new Error('no browser at all');
            return Promise.reject(new Error('the browser refused'));
          },
        },
      );
      for (const service of ['google_gmail', 'google_drive'] as const) {
        const start = await h.core.invoke('oauth.start', { service });
        const waiting = h.core.invoke('oauth.wait', { state: start.state });
        await completeAuthorization(start.authUrl);
        expect((await waiting).service).toBe(service);
      }
      expect(calls).toBe(2);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('asks a single-service provider for its own scopes only, and the extra ones each time they are asked for', async () => {
    h = await startHarness({ kind: 'spotify' });
    const own = ['user-read-email', 'user-read-private', ...SPOTIFY_SCOPES];
    const first = await h.core.invoke('oauth.start', { service: 'spotify', scopes: ['playlist-modify-private'] });
    expect(askedScopes(first.authUrl)).toEqual([...own, 'playlist-modify-private']);
    const waiting = h.core.invoke('oauth.wait', { state: first.state });
    await completeAuthorization(first.authUrl);
    expect((await waiting).scopes).toContain('playlist-modify-private');
    // The new consent replaces the grant whole: no other service needs what the last one held.
    const again = await h.core.invoke('oauth.start', { service: 'spotify' });
    expect(askedScopes(again.authUrl)).toEqual(own);
  });
});

describe('outcomes nobody has read', () => {
  it('starts replaced before they returned do not push out an outcome still to be read', async () => {
    h = await startHarness({ kind: 'google' });
    const done = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    await completeAuthorization(done.authUrl);
    // A burst (a double click, a local API client retrying): all but the last are replaced before their state is handed out.
    const burst = await Promise.allSettled(
      Array.from({ length: MAX_UNREAD_OUTCOMES + 5 }, () => h!.core.invoke('oauth.start', { service: 'google_drive' })),
    );
    expect(burst.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await h.core.invoke('oauth.wait', { state: done.state })).service).toBe('google_gmail');
  });
});
