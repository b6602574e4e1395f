// Throughput of paced requests against a peer that rate-limits each token over a
// rolling window, as a share of what the peer allows. 2,000 requests, 3 connections, 50 in flight.
import { performance } from 'node:perf_hooks';
import type { ServiceId } from '../../src-shared/types';
import type { Pace } from '../../src-main/core/providers/types';
import { startHarness } from '../../test/core/harness';
import { installRateLimitedRoute, type LimitShape } from '../../test/support/rate-limited-route';
import { removeAllTempDirs } from '../../test/support/temp-dir';
import type { BenchRow } from './types';

const SERVICES: ServiceId[] = ['google_gmail', 'google_calendar', 'google_drive'];
const TOTAL = 2_000;
const IN_FLIGHT = 50;

async function measure(shape: LimitShape, perSecond: number, windowMs: number, pace: Partial<Pace>) {
  const services = Object.fromEntries(SERVICES.map((id) => [id, { pace }]));
  const h = await startHarness({ kind: 'google' }, { services });
  try {
    const ids: string[] = [];
    const routes = [];
    for (const service of SERVICES) {
      ids.push((await h.connect(service)).id);
      const base = new URL(h.peer.apiBaseUrls[service] ?? '').pathname;
      routes.push(installRateLimitedRoute(h.peer.api, `${base}/test/limited`, { perSecond, windowMs, shape }));
    }
    let next = 0;
    let failed = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < TOTAL) {
        const n = next++;
        const response = await h.core.invoke('api.request', {
          connectionId: ids[n % ids.length] ?? '',
          url: '/test/limited',
          query: { n: String(n) },
          timeoutMs: 300_000,
        });
        if (response.status !== 200 || (response.json as { n?: string }).n !== String(n)) failed += 1;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - started) / 1000;
    const limited = routes.reduce((sum, r) => sum + r.limited(), 0);
    // The share of the peer's sustained rate (perSecond × t). Its window starts empty, so a run of
    // t s may be served one window's worth more than that: values near 100 % read a little high.
    const share = TOTAL / seconds / (perSecond * SERVICES.length);
    return { seconds, share, limited, failed };
  } finally {
    await h.close();
    removeAllTempDirs();
  }
}

export async function benchPacing(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const cases: { label: string; shape: LimitShape; pace: Partial<Pace> }[] = [
    {
      // As the providers' paces are set: rate + burst within the limit's window.
      label: "pace set to the peer's limit (95/s + burst 5), 429 + Retry-After",
      shape: 'google-429',
      pace: { ratePerSecond: 95, burst: 5, concurrency: 10 },
    },
    {
      label: 'pace at 2× the peer rate (adapts), 429 + Retry-After',
      shape: 'google-429',
      pace: { ratePerSecond: 200, burst: 20, concurrency: 10 },
    },
    {
      label: "pace at 2× the peer rate (adapts), Google's 403",
      shape: 'google-403',
      pace: { ratePerSecond: 200, burst: 20, concurrency: 10 },
    },
  ];
  for (const c of cases) {
    const r = await measure(c.shape, 100, 1_000, c.pace);
    rows.push({
      metric: `Pacing throughput, ${c.label} (${TOTAL} requests, 3 connections, 50 in flight, peer 100/s each over a rolling 1 s window)`,
      value: `${(r.share * 100).toFixed(0)} % (${r.seconds.toFixed(1)} s)`,
      goal: '≥ 80 % of the allowed rate, no rate limit at the caller',
      met: r.share >= 0.8 && r.failed === 0,
      note: `${r.limited} rate-limit answers absorbed by the pacer, ${r.failed} wrong or failed answers at the caller`,
    });
  }
  return rows;
}

if (process.argv[1]?.endsWith('pacing.ts')) {
  for (const row of await benchPacing()) console.log(`${row.metric}: ${row.value} — ${row.note ?? ''}`);
  process.exit(0);
}
