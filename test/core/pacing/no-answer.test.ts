// A send that gets no answer (the provider unreachable) says nothing about its rate limit: after
// a limit, the rate climbs back only on answers that got through, not on refused connections.
import { afterEach, describe, expect, it } from 'vitest';
import { startForwarder, type Forwarder } from '../../support/tcp-forwarder';
import { removeAllTempDirs } from '../../support/temp-dir';
import { errorOf, startHarness, type Harness } from '../harness';

let h: Harness | undefined;
let gate: Forwarder | undefined;
afterEach(async () => {
  await h?.close();
  await gate?.close();
  h = undefined;
  gate = undefined;
  removeAllTempDirs();
});

const pace = { ratePerSecond: 20, burst: 20, concurrency: 10 };

describe('pacing when the provider cannot be reached', () => {
  it('refused connections after a rate limit do not bring the rate back up; served answers do', async () => {
    h = await startHarness({ kind: 'google' }, { services: { google_gmail: { pace } } });
    const connection = await h.connect('google_gmail');
    const apiBase = new URL(h.peer.apiBaseUrls.google_gmail ?? '');
    gate = await startForwarder({ port: Number(apiBase.port) });
    await h.restart({ services: { google_gmail: { apiBaseUrl: `${gate.origin}${apiBase.pathname}`, pace } } });
    const core = h.core;
    const send = () => core.invoke('api.request', { connectionId: connection.id, url: '/test/echo' });
    const rate = async () => (await core.invoke('connections.pace', { id: connection.id })).ratePerSecond;

    // 15 got through, then a 429: the learned rate is 95 % of the 15, the rate half the 20.
    for (let i = 0; i < 15; i += 1) expect((await send()).status).toBe(200);
    h.peer.api.next(`${apiBase.pathname}/test/echo`, [{ status: 429, retryAfter: '0' }]);
    expect((await send()).status).toBe(200);
    const afterLimit = await rate();
    expect(afterLimit).toBeLessThan(12);

    await gate.down();
    for (let i = 0; i < 5; i += 1) expect((await errorOf(send())).code).toBe('network_error');
    expect(await rate()).toBe(afterLimit);

    // Served answers do climb: the rate had room, and only the refusals were not counted.
    await gate.up();
    for (let i = 0; i < 3; i += 1) expect((await send()).status).toBe(200);
    expect(await rate()).toBeGreaterThan(afterLimit);
  }, 20_000);
});
