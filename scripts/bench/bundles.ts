// Sizes of the built main-process bundles: the preload runs in every page load and is attack
// surface, so it stays a few KB (it carries the shared channel list, no zod).
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchRow } from './types';

const root = resolve(import.meta.dirname, '../..');

export async function benchBundles(): Promise<BenchRow[]> {
  const preload = join(root, 'out/preload/index.cjs');
  if (!existsSync(preload)) {
    const { build } = await import('electron-vite');
    await build({ root, logLevel: 'warn' });
  }
  const bytes = statSync(preload).size;
  return [
    {
      metric: 'Preload bundle (out/preload/index.cjs)',
      value: `${(bytes / 1024).toFixed(1)} KB`,
      goal: '≤ 5 KB',
      met: bytes <= 5 * 1024,
    },
  ];
}
