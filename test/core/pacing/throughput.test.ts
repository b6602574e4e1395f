// 2,000 requests through 3 connections, 50 in flight from the caller, against a peer
// that rate-limits each token over a rolling window: no rate-limit answer reaches the caller and
// every answer is the one asked for. Throughput is measured by `npm run bench` (pacing.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceId } from '../../../src-shared/types';
import type { Pace } from '../../../src-main/core/providers/types';
import { installRateLimitedRoute, type LimitShape } from '../../support/rate-limited-route';
import { removeAllTempDirs } from '../../support/temp-dir';
import { startHarness, type Harness } from '../harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const SERVICES: ServiceId[] = ['google_gmail', 'google_calendar', 'google_drive'];

/** Three Google connections (one per service, each its own token) behind a limited `/test/limited`. */
async function limitedConnections(shape: LimitShape, perSecond: number, pace: Partial<Pace>) {
  h = await startHarness(
    { kind: 'google' },
    { services: Object.fromEntries(SERVICES.map((id) => [id, { pace }])) as Partial<Record<ServiceId, { pace: Partial<Pace> }>> },
  );
  const harness = h;
  const connections = [];
  const routes = [];
  for (const service of SERVICES) {
    connections.push(await harness.connect(service));
    const base = new URL(harness.peer.apiBaseUrls[service] ?? '').pathname;
    routes.push(installRateLimitedRoute(harness.peer.api, `${base}/test/limited`, { perSecond, windowMs: 1_000, shape }));
  }
  return { harness, connections, routes };
}

/** `total` requests spread over the connections, at most `inFlight` at once. */
async function run(harness: Harness, connectionIds: string[], total: number, inFlight: number) {
  const answers: { n: number; status: number; body: unknown }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const n = next++;
      const connectionId = connectionIds[n % connectionIds.length] ?? '';
      const response = await harness.core.invoke('api.request', { connectionId, url: '/test/limited', query: { n: String(n) } });
      answers.push({ n, status: response.status, body: response.json });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return answers;
}

describe('pacing against a rolling-window rate limit', () => {
  for (const shape of ['google-429', 'google-403'] as const) {
    it(`${shape}: 2,000 requests over 3 connections, 50 in flight, none rate-limited at the caller`, async () => {
      // The pace starts at 4× what the peer allows, with a burst of a whole window, so the peer
      // pushes back however slowly this machine runs and the pacer must find the rate by itself.
      const { harness, connections, routes } = await limitedConnections(shape, 100, { ratePerSecond: 400, burst: 100, concurrency: 10 });
      const answers = await run(
        harness,
        connections.map((c) => c.id),
        2_000,
        50,
      );
      expect(answers).toHaveLength(2_000);
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      for (const answer of answers) expect(answer.body).toEqual({ n: String(answer.n) });
      expect(routes.reduce((sum, r) => sum + r.served(), 0)).toBe(2_000);
      // The peer did push back: the pacer, not luck, kept the 429s and 403s from the caller.
      expect(routes.reduce((sum, r) => sum + r.limited(), 0)).toBeGreaterThan(0);
    }, 60_000);
  }
});
