// Big answers in the main process for `npm run bench`: the core in a child process of its own (so
// its peak RSS is its own, read from /proc), a loopback peer serving 10, 100 and 200 MiB JSON
// answers. Per size: the answer (spilled, first page), the root's children after the last byte,
// a search through the body worker while the main thread keeps answering, and the peak RSS.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BodyResult } from '../../src-shared/body';
import type { ApiResponse } from '../../src-shared/types';
import { installBigBodyRoutes } from '../../test/support/big-bodies';
import { createTestCipher } from '../../test/support/cipher';
import { prepareCoreChild, spawnCoreChild } from '../../test/support/core-child-client';
import { makeTempDir, removeAllTempDirs } from '../../test/support/temp-dir';
import { startHarness } from '../../test/core/harness';
import type { BenchRow } from './types';

const MiB = 1024 * 1024;
const SIZES = process.env.JUNCTION_BENCH_BODY_SIZES ? process.env.JUNCTION_BENCH_BODY_SIZES.split(',').map(Number) : [10, 100, 200];
const WORKER_SOURCE = fileURLToPath(new URL('../../src-main/core/body/worker.ts', import.meta.url));

/** Peak and current resident set of a process, from /proc (Linux). */
function memoryOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) * 1024;
  return { peak: kib('VmHWM'), now: kib('VmRSS') };
}

export async function benchBodies(): Promise<BenchRow[]> {
  // The worker as the app ships it: one bundled file, its libraries inlined.
  const workerDir = makeTempDir('junction-bench-worker-');
  const workerPath = join(workerDir, 'body-worker.mjs');
  await build({
    entryPoints: [WORKER_SOURCE],
    outfile: workerPath,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'silent',
  });

  const key = randomBytes(32);
  const h = await startHarness({ kind: 'google' }, { cipher: createTestCipher({ key }) });
  const connection = await h.connect('google_gmail');
  installBigBodyRoutes(h.peer.api, '/gmail/v1');
  await h.core.close();
  const launch = await prepareCoreChild();
  const rows: BenchRow[] = [];
  try {
    for (const size of SIZES) {
      const child = spawnCoreChild({ launch });
      try {
        await child.start({
          dataDir: h.dataDir,
          cipherKeyHex: key.toString('hex'),
          providers: { google: h.peer.providerOverride },
          services: h.peer.servicesOverride,
          bodyWorkerPath: workerPath,
          maxBodyBytes: 1024 * MiB,
        });
        const before = memoryOf(child.pid);
        const started = performance.now();
        const answer = await child.invoke<ApiResponse>('api.request', {
          connectionId: connection.id,
          url: '/test/big.json',
          query: { bytes: String(size * MiB), how: 'chunked' },
        });
        const lastByte = performance.now();
        const afterDownload = memoryOf(child.pid);
        const handle = answer.bodyHandle?.id ?? '';
        await child.invoke<BodyResult>('api.body', { handle, op: 'children', path: [], offset: 0, limit: 100 });
        await child.invoke<BodyResult>('api.body', { handle, op: 'children', path: ['items'], offset: 0, limit: 100 });
        const firstChildren = performance.now() - lastByte;
        const afterTree = memoryOf(child.pid);
        // While the worker searches, the main thread answers app.info: the slowest answer is how long it was blocked.
        let slowest = 0;
        let searching = true;
        const pings = (async () => {
          while (searching) {
            const sent = performance.now();
            await child.invoke('app.info', {});
            slowest = Math.max(slowest, performance.now() - sent);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        })();
        const searchStarted = performance.now();
        const search = await child.invoke<BodyResult>('api.body', {
          handle,
          op: 'search',
          query: 'NEEDLE',
          mode: 'plain',
          offset: 0,
          limit: 100,
        });
        const searchMs = performance.now() - searchStarted;
        searching = false;
        await pings;
        const total = search.op === 'search' ? search.total : -1;
        const { peak } = memoryOf(child.pid);
        const goal = 1.5 * size * MiB + 150 * MiB;
        const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
        // The issue's goal is for a 200 MB body; the smaller ones are reported against the same formula.
        rows.push({
          metric: `Main-process peak RSS, ${size} MiB JSON answer (download, tree, search)`,
          value: mib(peak),
          goal: size === 200 ? `≤ 1.5 × body + 150 MiB (${mib(goal)})` : `report (the formula gives ${mib(goal)})`,
          met: size === 200 ? peak <= goal : null,
          note: `${mib(before.now)} before the request, peak ${mib(afterDownload.peak)} after the download, ${mib(afterTree.peak)} after the tree; spilled: ${answer.bodyHandle?.partial ? 'yes' : 'no'}; ${Math.round(lastByte - started)} ms to the answer (loopback).`,
        });
        rows.push({
          metric: `Root and first 100 items of a ${size} MiB JSON answer, after the last byte (core side of the first screen)`,
          value: `${Math.round(firstChildren)} ms`,
          goal: size === 100 ? '≤ 1.5 s with the window' : 'report',
          met: size === 100 ? firstChildren <= 1500 : null,
        });
        rows.push({
          metric: `Search over ${size} MiB JSON in the body worker (plain, keys and values)`,
          value: `${Math.round(searchMs)} ms, ${total} matches`,
          goal: size === 100 ? 'main thread free meanwhile' : '—',
          met: null,
          note: `slowest app.info answered meanwhile: ${Math.round(slowest)} ms.`,
        });
        await child.invoke('api.body', { handle, op: 'release' });
      } finally {
        await child.close();
      }
    }
  } finally {
    launch.dispose();
    await h.peer.close();
    removeAllTempDirs();
  }
  return rows;
}

// `npx tsx scripts/bench/bodies.ts` runs this part alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await benchBodies())
    console.log(
      `| ${row.metric} | ${row.value} | ${row.goal} | ${row.met === null ? '—' : row.met ? 'yes' : 'NO'} |${row.note ? ` ${row.note}` : ''}`,
    );
  process.exit(0);
}
