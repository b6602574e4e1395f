// Runs Stryker with the given arguments and records the run beside its report
// (reports/mutation/run.json: when, how long, on what machine, with which arguments), because
// Stryker's JSON report says none of that and docs/testing.md and `npm run bench` quote it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface MutationRun {
  startedAt: string;
  durationMs: number;
  args: string[];
  exitCode: number;
  machine: { cores: number; cpu: string; node: string; platform: string };
}

export const RUN_FILE = join(root, 'reports', 'mutation', 'run.json');

export function runStryker(args: string[]): number {
  const started = Date.now();
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const result = spawnSync(npx, ['stryker', 'run', ...args], { cwd: root, stdio: 'inherit' });
  const run: MutationRun = {
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    args,
    exitCode: result.status ?? 1,
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform },
  };
  mkdirSync(join(root, 'reports', 'mutation'), { recursive: true });
  writeFileSync(RUN_FILE, `${JSON.stringify(run, null, 2)}\n`);
  console.log(
    `Mutation run took ${(run.durationMs / 60_000).toFixed(1)} min on ${run.machine.cores} × ${run.machine.cpu}, Node ${run.machine.node}.`,
  );
  return run.exitCode;
}
