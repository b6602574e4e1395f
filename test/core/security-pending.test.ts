import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PENDING_FLOWS, MAX_UNREAD_OUTCOMES } from '../../src-main/core/oauth/pending-flows';
import type { OAuthStartResult, ServiceId } from '../../src-shared/types';
import { completeAuthorization } from '../support/browser';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, until, type Harness } from './harness';

// Issue 11, item 8: oauth.start is bounded. One sign-in per service waits for the browser (a new
// start replaces it), and at most MAX_PENDING_FLOWS are under way in all, refused beyond that
// before a socket opens or the browser is asked.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const SERVICES: ServiceId[] = ['google_gmail', 'google_calendar', 'google_drive', 'google_docs', 'spotify'];

/** Listening TCP servers in this process: the peers' and the core's loopback listeners. */
const listeningSockets = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;
const settled = () => new Promise((resolve) => setImmediate(resolve));

/** A Google peer, and Spotify configured with a client ID so all five services can start (no Spotify server is contacted). */
async function allServices(): Promise<Harness> {
  const harness = await startHarness({ kind: 'google' });
  await harness.core.invoke('settings.setProvider', { provider: 'spotify', clientId: 'spotify-client-id' });
  return harness;
}

describe('pending sign-ins are bounded', () => {
  it('2,000 starts at once over the five services: one sign-in per service survives, with one listener each', async () => {
    h = await allServices();
    await settled();
    const baseline = listeningSockets();
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, listeningSockets() - baseline)), 1);
    const results = await Promise.allSettled(
      Array.from({ length: 2_000 }, (_, i) => h!.core.invoke('oauth.start', { service: SERVICES[i % SERVICES.length] ?? 'spotify' })),
    );
    clearInterval(sampler);
    await settled();
    const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code?: string; message: string }] : []));
    // The last start of each service replaced every earlier one before its socket opened.
    expect(started.map((s) => s.service).sort()).toEqual([...SERVICES].sort());
    expect(new Set(refused.map((e) => e.code))).toEqual(new Set(['cancelled']));
    expect(refused[0]?.message).toMatch(/A newer sign-in with .* replaced this one/);
    expect(h.opened).toHaveLength(SERVICES.length);
    expect(listeningSockets() - baseline).toBe(SERVICES.length);
    expect(peak).toBeLessThanOrEqual(MAX_PENDING_FLOWS);
    for (const start of started) await h.core.invoke('oauth.cancel', { state: start.state });
    await settled();
    expect(listeningSockets()).toBe(baseline);
  });

  it('a new start for the same service cancels the one waiting: its wait rejects cancelled and its listener closes', async () => {
    h = await allServices();
    const first = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    const firstWait = errorOf(h.core.invoke('oauth.wait', { state: first.state }));
    const other = await h.core.invoke('oauth.start', { service: 'google_drive' });
    const second = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    await expect(fetch(first.redirectUri)).rejects.toThrow();
    const error = await firstWait;
    expect(error.code).toBe('cancelled');
    expect(error.message).toBe('A newer sign-in with Gmail replaced this one.');
    // The other service's sign-in is untouched, and the new one completes.
    expect(await h.core.invoke('oauth.cancel', { state: other.state })).toEqual({ cancelled: true });
    const waiting = h.core.invoke('oauth.wait', { state: second.state });
    await completeAuthorization(second.authUrl);
    expect((await waiting).service).toBe('google_gmail');
  });

  it(`at ${MAX_PENDING_FLOWS} sign-ins under way, further starts are refused invalid_input before a socket opens or the browser is asked`, async () => {
    h = await startHarness({ kind: 'google' });
    // Sign-ins whose code exchange hangs at the token endpoint are under way, and no start replaces them.
    h.peer.faults.token.next(MAX_PENDING_FLOWS, { hang: true });
    const exchanging: OAuthStartResult[] = [];
    for (let i = 0; i < MAX_PENDING_FLOWS; i += 1) {
      const start = await h.core.invoke('oauth.start', { service: 'google_gmail' });
      const { redirectUrl } = await completeAuthorization(start.authUrl, { deliver: false });
      fetch(redirectUrl).catch(() => undefined);
      await until(() => h!.peer.faults.token.pending === MAX_PENDING_FLOWS - i - 1, 'the token request');
      exchanging.push(start);
    }
    await settled();
    const sockets = listeningSockets();
    const opened = h.opened.length;
    const results = await Promise.allSettled(
      Array.from({ length: 2_000 }, (_, i) => h!.core.invoke('oauth.start', { service: SERVICES[i % 4] ?? 'google_gmail' })),
    );
    const codes = new Set(results.map((r) => (r.status === 'rejected' ? (r.reason as { code?: string }).code : 'started')));
    expect(codes).toEqual(new Set(['invalid_input']));
    const first = results[0];
    expect(first?.status === 'rejected' && (first.reason as Error).message).toMatch(
      new RegExp(`already has ${MAX_PENDING_FLOWS} sign-ins in progress, the most it allows`),
    );
    expect(h.opened).toHaveLength(opened);
    await settled();
    expect(listeningSockets()).toBe(sockets);

    // One ends: there is room for one more.
    expect(await h.core.invoke('oauth.cancel', { state: exchanging[0]?.state ?? '' })).toEqual({ cancelled: true });
    await h.core.invoke('oauth.start', { service: 'google_calendar' });
    expect((await errorOf(h.core.invoke('oauth.start', { service: 'google_drive' }))).code).toBe('invalid_input');
  });

  it(`keeps at most ${MAX_UNREAD_OUTCOMES} outcomes nobody has read: the oldest are dropped`, async () => {
    h = await startHarness({ kind: 'google' });
    const starts: OAuthStartResult[] = [];
    for (let i = 0; i < MAX_UNREAD_OUTCOMES + 5; i += 1) starts.push(await h.core.invoke('oauth.start', { service: 'google_gmail' }));
    // All but the last were replaced, unread: the first four no longer exist, the rest say why they ended.
    expect(h.events.filter((e) => e.type === 'oauth.finished' && !e.ok)).toHaveLength(starts.length - 1);
    for (const dropped of starts.slice(0, 4))
      expect((await errorOf(h.core.invoke('oauth.wait', { state: dropped.state }))).code).toBe('not_found');
    for (const kept of starts.slice(4, -1))
      expect((await errorOf(h.core.invoke('oauth.wait', { state: kept.state }))).code).toBe('cancelled');
  });
});
