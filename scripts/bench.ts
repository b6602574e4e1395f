// `npm run bench`: measures, prints a table, and writes docs/benchmarks.md. Figures, not assertions.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchCore } from './bench/core';
import type { BenchRow } from './bench/types';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Optional parts, each owned by its feature: run those that exist. */
const PARTS: { file: string; exportName: string }[] = [
  { file: 'scripts/bench/bundles.ts', exportName: 'benchBundles' },
  { file: 'scripts/bench/renderer.ts', exportName: 'benchRenderer' },
  { file: 'scripts/bench/viewer.ts', exportName: 'benchViewer' },
  { file: 'scripts/bench/install-size.ts', exportName: 'benchInstallSize' },
  { file: 'scripts/bench/load.ts', exportName: 'benchLoad' },
  { file: 'scripts/bench/startup.ts', exportName: 'benchStartup' },
  { file: 'scripts/bench/package-size.ts', exportName: 'benchPackageSize' },
  { file: 'scripts/bench/mutation.ts', exportName: 'benchMutation' },
  { file: 'scripts/bench/pacing.ts', exportName: 'benchPacing' },
  { file: 'scripts/bench/bodies.ts', exportName: 'benchBodies' },
  { file: 'scripts/bench/export.ts', exportName: 'benchExport' },
];

function table(rows: BenchRow[]): string {
  const head = ['Metric', 'Value', 'Goal', 'Met'];
  const body = rows.map((r) => [r.metric, r.value, r.goal, r.met === null ? '—' : r.met ? 'yes' : 'NO']);
  const lines = [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`);
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.metric}: ${r.note}`);
  return [...lines, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  const quick = process.argv.includes('--quick');
  rows.push(...(await benchCore(quick ? { sequential: 300, concurrent: 300 } : {})));
  for (const part of PARTS) {
    const path = join(root, part.file);
    if (!existsSync(path)) continue;
    const module = (await import(pathToFileURL(path).href)) as Record<string, () => Promise<BenchRow[]>>;
    const run = module[part.exportName];
    if (!run) continue;
    try {
      rows.push(...(await run()));
    } catch (error) {
      rows.push({ metric: part.file, value: 'failed', goal: '', met: false, note: error instanceof Error ? error.message : String(error) });
    }
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
  const report = `# Benchmarks\n\nMeasured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; ${machine}.\n\n${table(rows)}\n`;
  console.log(`\n${table(rows)}\n`);
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs', 'benchmarks.md'), report);
  console.log('Written to docs/benchmarks.md');
  // Loopback servers and keep-alive sockets would hold the process open.
  process.exit(0);
}

await main();
