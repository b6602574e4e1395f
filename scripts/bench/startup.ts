// Start-up of the built main process for `npm run bench`: cold Node processes load out/main/main.js
// with `electron` replaced by a stand-in (startup-harness/child.mjs), timed from process start to the
// window's construction and to the first services.list answered, median of 10. Each run gets a
// fresh profile; one discarded run first warms the disk cache (and the compile cache).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { BenchRow } from './types';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const child = join(root, 'scripts/bench/startup-harness/child.mjs');
const RUNS = 10;

export interface StartupSample {
  harnessStarted: number;
  bundleEvaluated: number;
  windowConstructed: number;
  servicesListed: number;
  heapUsed: number;
  rss: number;
}

/** One cold process; `env` is added to this process's environment. */
export async function startOnce(entry: string, env: Record<string, string> = {}): Promise<StartupSample> {
  const dataDir = mkdtempSync(join(tmpdir(), 'junction-startup-'));
  try {
    const { stdout } = await run(process.execPath, ['--expose-gc', child, entry], {
      env: { ...process.env, ...env, JUNCTION_DATA_DIR: dataDir },
      timeout: 30_000,
    });
    const line = stdout.trim().split('\n').at(-1) ?? '';
    return JSON.parse(line) as StartupSample;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function startMany(entry: string, runs = RUNS, env: Record<string, string> = {}): Promise<StartupSample[]> {
  await startOnce(entry, env);
  const samples: StartupSample[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await startOnce(entry, env));
  return samples;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const ms = (n: number) => `${Math.round(n)} ms`;
const list = (values: number[]) => values.map((v) => Math.round(v)).join(', ');

export async function benchStartup(): Promise<BenchRow[]> {
  const entry = join(root, 'out/main/main.js');
  if (!existsSync(entry)) {
    const { build } = await import('electron-vite');
    await build({ root, logLevel: 'warn' });
  }
  const samples = await startMany(entry);
  const window = samples.map((s) => s.windowConstructed);
  const ready = samples.map((s) => s.servicesListed);
  const heap = samples.map((s) => s.heapUsed / 2 ** 20);
  const nodeStart = median(samples.map((s) => s.harnessStarted));
  return [
    {
      metric: `Start-up: process start → BrowserWindow constructed (median of ${RUNS} cold processes)`,
      value: ms(median(window)),
      goal: '≤ 150 ms',
      met: median(window) <= 150,
      note: `${list(window)} ms; Node itself and the bench's stand-in take ${ms(nodeStart)} of it before the bundle loads.`,
    },
    {
      metric: `Start-up: process start → first services.list answered (median of ${RUNS})`,
      value: ms(median(ready)),
      goal: '≤ 400 ms',
      met: median(ready) <= 400,
      note: `${list(ready)} ms.`,
    },
    {
      metric: 'Start-up: main-process heap once the core answers (after forced GC)',
      value: `${median(heap).toFixed(1)} MiB`,
      goal: 'report',
      met: null,
      note: `heapUsed; RSS ${(median(samples.map((s) => s.rss)) / 2 ** 20).toFixed(0)} MiB (Node, not Electron: Chromium's own memory is not in it).`,
    },
  ];
}
