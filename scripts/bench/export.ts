// `api.export` of a 100,000-item paging run: the heap while it runs stays flat (each page is
// written and dropped), next to `api.paginate` of the same run, which holds every item. Figures,
// not assertions.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startHarness } from '../../test/core/harness';
import { makeTempDir, removeAllTempDirs } from '../../test/support/temp-dir';
import type { BenchRow } from './types';

const PAGES = 100;
const PER_PAGE = 1_000;
const MiB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

type Core = Awaited<ReturnType<typeof startHarness>>['core'];

/**
 * Live heap (after a forced GC) above the start, at every page's progress event: what the run
 * holds as it goes, the garbage of each page left out. Its first and last page, and the most.
 */
async function liveHeap<T>(core: Core, work: () => Promise<T>): Promise<{ result: T; first: number; last: number; most: number }> {
  gc();
  const base = process.memoryUsage().heapUsed;
  const samples: number[] = [];
  const off = core.onEvent((event) => {
    if (event.type !== 'api.progress') return;
    gc();
    samples.push(process.memoryUsage().heapUsed - base);
  });
  try {
    const result = await work();
    return { result, first: samples[0] ?? 0, last: samples[samples.length - 1] ?? 0, most: Math.max(0, ...samples) };
  } finally {
    off();
  }
}

export async function benchExport(): Promise<BenchRow[]> {
  const dir = makeTempDir('junction-bench-export-');
  const target = join(dir, 'items.ndjson');
  const h = await startHarness(
    { kind: 'google' },
    {
      chooseSavePath: () => Promise.resolve(target),
      services: { google_gmail: { pace: { ratePerSecond: 10_000, burst: 100, concurrency: 10 } } },
    },
  );
  try {
    const connection = await h.connect('google_gmail');
    const base = new URL(h.peer.apiBaseUrls.google_gmail ?? '').pathname;
    // Pages are built when asked, as a provider would, so the peer holds none of them.
    h.peer.api.route('GET', `${base}/test/pages`, ({ query }) => {
      const page = Number(query.get('pageToken') ?? '0');
      const items = Array.from({ length: PER_PAGE }, (_, i) => ({
        id: `${page}-${i}`,
        threadId: `t-${(page * PER_PAGE + i) % 977}`,
        snippet: `Message ${page * PER_PAGE + i} `.padEnd(120, '.'),
        labelIds: ['INBOX', 'UNREAD'],
      }));
      return { json: { messages: items, ...(page + 1 < PAGES ? { nextPageToken: String(page + 1) } : {}) } };
    });
    const source = { kind: 'pages' as const, connectionId: connection.id, url: '/test/pages', maxPages: PAGES };
    const started = performance.now();
    const exported = await liveHeap(h.core, () => h.core.invoke('api.export', { format: 'ndjson', source }));
    const seconds = (performance.now() - started) / 1000;
    const size = statSync(target).size;
    const csv = await liveHeap(h.core, () => h.core.invoke('api.export', { format: 'csv', source }));
    const held = await liveHeap(h.core, () =>
      h.core.invoke('api.paginate', { connectionId: connection.id, url: '/test/pages', maxPages: PAGES }).then((r) => r.items.length),
    );
    const items = exported.result.items;
    const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
    return [
      {
        metric: `Export of a ${items.toLocaleString('en')}-item paging run (${PAGES} pages) to NDJSON: live heap (after GC) above the start, page 1 → page ${PAGES}`,
        value: `${mib(exported.first)} → ${mib(exported.last)} (most ${mib(exported.most)}) for a ${mib(size)} file`,
        goal: 'flat: grows < 2 MiB from page 1 to the last',
        met: items === PAGES * PER_PAGE && exported.last - exported.first < 2 * MiB,
        note: `CSV of the same run: ${mib(csv.first)} → ${mib(csv.last)}; api.paginate of the same run, which keeps every item: ${mib(held.first)} → ${mib(held.last)} (${held.result.toLocaleString('en')} items); the NDJSON export took ${seconds.toFixed(1)} s with a GC per page and the peer in the same process`,
      },
    ];
  } finally {
    await h.close();
    removeAllTempDirs();
  }
}

if (process.argv[1]?.endsWith('export.ts')) {
  for (const row of await benchExport()) console.log(`${row.metric}: ${row.value} — ${row.note ?? ''}`);
  process.exit(0);
}
