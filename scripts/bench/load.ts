// Heap under load for `npm run bench`: the load test's scenario (test/core/load/), the core in a
// child process under --expose-gc, the peers in this one. Figures, not assertions.
import { CI_PLAN, runLoad } from '../../test/core/load/load-run';
import { GZIP_BOMB_INFLATED, GZIP_BOMB_PATH } from '../../test/core/load/protocol';
import type { BenchRow } from './types';

const MiB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const pct = (before: number, after: number) => ((after - before) / before) * 100;
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)} %`;

export async function benchLoad(): Promise<BenchRow[]> {
  const { report, written, bombBytes } = await runLoad(CI_PLAN);
  const load = pct(report.heapBeforeLoad.heapUsed, report.heapAfterLoad.heapUsed);
  const big = pct(report.big.heapBefore.heapUsed, report.big.heapAfter.heapUsed);
  const rows: BenchRow[] = [
    {
      metric: `Heap growth under load (${report.requests} requests, ${report.peakInFlight} in flight, ${report.connections.length} connections, 2 expiries; after forced GC)`,
      value: `${signed(load)} (${mb(report.heapBeforeLoad.heapUsed)} → ${mb(report.heapAfterLoad.heapUsed)})`,
      goal: '≤ 10 %',
      met: load <= 10 && report.failures === 0,
      note: `${report.failures} wrong answers; ${report.loadMs} ms for the measured requests; refreshes per connection ${[...new Set(report.connections.map((c) => c.refreshes))].join('/')} for 2 expiries.`,
    },
    {
      metric: `Heap growth after ${report.big.rounds} × ${mb(report.big.bytesEach)} answers, each spilled, read once in the body worker and released (after forced GC)`,
      value: `${signed(big)} (${mb(report.big.heapBefore.heapUsed)} → ${mb(report.big.heapAfter.heapUsed)})`,
      goal: '≤ 0 % (none)',
      met: report.big.heapAfter.heapUsed - report.big.heapBefore.heapUsed <= report.big.bytesEach / 100 && report.big.failures.length === 0,
      note: `peak RSS ${mb(report.big.peakRss)} while they were read; ${report.big.ms} ms for all of them.`,
    },
  ];
  for (const answer of report.overCap) {
    if (answer.path === GZIP_BOMB_PATH) {
      rows.push({
        metric: `Gzip bomb (${mb(GZIP_BOMB_INFLATED)} of zeros in ${(bombBytes / 1024).toFixed(0)} KiB, length declared): what the core kept`,
        value: `${mb(answer.sizeBytes)}, truncated: ${answer.truncated ? 'yes' : 'no'}`,
        goal: `≤ cap (${mb(CI_PLAN.maxBodyBytes)}), truncated`,
        met: answer.truncated && answer.sizeBytes <= CI_PLAN.maxBodyBytes,
      });
      continue;
    }
    const sent = written[answer.path] ?? 0;
    rows.push({
      metric: `Body over the ${mb(CI_PLAN.maxBodyBytes)} cap (${answer.path === '/test/endless' ? 'endless, chunked' : '1 GiB declared'}): bytes the server got out before the core stopped`,
      value: `${mb(sent)} (kept ${mb(answer.sizeBytes)}, truncated: ${answer.truncated ? 'yes' : 'no'})`,
      goal: '< 3 × cap, truncated',
      met: answer.truncated && sent < CI_PLAN.maxBodyBytes * 3,
    });
  }
  return rows;
}
