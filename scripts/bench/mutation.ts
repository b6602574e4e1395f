// The mutation score of the security-critical modules, read from the last `npm run mutate` report
// (reports/mutation/mutation.json): the run itself takes far longer than the bench, so it is not
// repeated here. Score as Stryker counts it: (killed + timed out) / every mutant with a verdict,
// survivors and uncovered ones included; compile and runtime errors and ignored mutants left out.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RUN_FILE, type MutationRun } from '../mutate-run';
import type { BenchRow } from './types';

const root = fileURLToPath(new URL('../..', import.meta.url));
const REPORT = join(root, 'reports', 'mutation', 'mutation.json');
const GOAL = 90;

interface MutationReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

export interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** Static mutants, which this Stryker and Vitest pair cannot run (stryker.config.mjs). */
  ignored: number;
}

export function tally(statuses: string[]): Tally {
  const count = (status: string) => statuses.filter((s) => s === status).length;
  return {
    killed: count('Killed'),
    timeout: count('Timeout'),
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    ignored: count('Ignored'),
  };
}

export function score(t: Tally): number {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  return valid === 0 ? NaN : (100 * (t.killed + t.timeout)) / valid;
}

const percent = (value: number) => `${value.toFixed(1)} %`;
const short = (file: string) => file.split('/').slice(-2).join('/');

export async function benchMutation(): Promise<BenchRow[]> {
  const metric = 'Mutation score of the security-critical modules (last npm run mutate report)';
  if (!existsSync(REPORT)) {
    return [{ metric, value: 'no report', goal: `≥ ${GOAL} %`, met: null, note: 'Run `npm run mutate` first (about an hour on 2 cores).' }];
  }
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as MutationReport;
  const config = (await import(pathToFileURL(join(root, 'stryker.config.mjs')).href)) as { MUTATED: string[] };
  const files = Object.entries(report.files);
  const all = tally(files.flatMap(([, file]) => file.mutants.map((m) => m.status)));
  const total = score(all);
  const listed = config.MUTATED.filter((file) => report.files[file]).length;
  const perFile = files.map(([name, file]) => `${short(name)} ${percent(score(tally(file.mutants.map((m) => m.status))))}`).join(', ');
  // The run's own record (scripts/mutate-run.ts), when it was started through npm run mutate.
  const run = existsSync(RUN_FILE) ? (JSON.parse(readFileSync(RUN_FILE, 'utf8')) as MutationRun) : undefined;
  const minutes = run ? ` in ${(run.durationMs / 60_000).toFixed(1)} min on ${run.machine.cores} × ${run.machine.cpu}` : '';
  const when = (run?.startedAt ?? statSync(REPORT).mtime.toISOString()).slice(0, 10);
  return [
    {
      metric,
      value: `${percent(total)} (${all.killed} killed, ${all.timeout} timed out, ${all.survived} survived, ${all.noCoverage} not covered; ${all.ignored} static ones not run)`,
      goal: `≥ ${GOAL} %`,
      met: total >= GOAL,
      note: `${listed} of the ${config.MUTATED.length} modules of stryker.config.mjs in the report, run on ${when}${minutes}: ${perFile}. Survivors are explained in docs/testing.md.`,
    },
  ];
}
