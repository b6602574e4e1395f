// The packed app's size for `npm run bench`: electron-builder's Linux `dir` target, offline, as
// test/shell/package-dir.test.ts packs it (test/support/pack-dir.ts). app.asar holds the three
// bundles and package.json; the main bundle inlines its dependencies, so no node_modules ship.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listPackage } from '@electron/asar';
import { packDir } from '../../test/support/pack-dir';
import type { BenchRow } from './types';

const root = resolve(import.meta.dirname, '../..');
const MB = 1024 * 1024;
const GOAL_MB = 8;

export async function benchPackageSize(): Promise<BenchRow[]> {
  if (process.platform !== 'linux') return [];
  if (!existsSync(join(root, 'out/main/main.js'))) {
    const { build } = await import('electron-vite');
    await build({ root, logLevel: 'warn' });
  }
  const work = mkdtempSync(join(tmpdir(), 'junction-bench-pack-'));
  try {
    const asar = join(await packDir(work), 'resources', 'app.asar');
    const bytes = statSync(asar).size;
    const files = listPackage(asar, { isPack: false }).map((file) => file.replaceAll('\\', '/'));
    const modules = files.filter((file) => file.startsWith('/node_modules/')).length;
    const size = (prefix: string) =>
      files
        .filter((file) => file.startsWith(prefix))
        .reduce((sum, file) => sum + (statSync(join(root, file)).isFile() ? statSync(join(root, file)).size : 0), 0);
    return [
      {
        metric: 'Packed app.asar (electron-builder dir target, offline)',
        value: `${(bytes / MB).toFixed(2)} MB`,
        goal: `≤ ${GOAL_MB} MB`,
        met: bytes <= GOAL_MB * MB,
        note: `${files.length} entries, ${modules} under node_modules; out/main ${(size('/out/main') / 1024).toFixed(0)} KB, out/renderer ${(size('/out/renderer') / 1024).toFixed(0)} KB, out/preload ${(size('/out/preload') / 1024).toFixed(1)} KB.`,
      },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
