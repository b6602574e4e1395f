// `npx tsx scripts/mutate-merge.ts <run dir>... [--survivors]`: merges the reports of module-by-module
// runs (each dir a copy of reports/mutation/ after one `npm run mutate -- --mutate …`) into
// reports/mutation/, so `npm run bench` and docs/testing.md read one report. For each module the
// latest run that mutated it wins; the durations add up. Prints the per-module table, and with
// --survivors every surviving or uncovered mutant (line, mutator, replacement) for the docs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUN_FILE, type MutationRun } from './mutate-run';
import { score, tally } from './bench/mutation';

interface Mutant {
  status: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
  [key: string]: unknown;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const dirs = args.filter((arg) => !arg.startsWith('--'));
if (dirs.length === 0) throw new Error('usage: tsx scripts/mutate-merge.ts <run dir>... [--survivors]');
const runs = dirs
  .map((dir) => ({
    dir,
    report: JSON.parse(readFileSync(join(dir, 'mutation.json'), 'utf8')) as Report,
    run: JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as MutationRun,
  }))
  .sort((a, b) => a.run.startedAt.localeCompare(b.run.startedAt));

const merged: Report = { ...runs.at(-1)!.report, files: {} };
const from: Record<string, string> = {};
for (const { dir, report } of runs) {
  for (const [file, result] of Object.entries(report.files)) {
    merged.files[file] = result;
    from[file] = dir;
  }
}
const out = join(root, 'reports', 'mutation');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'mutation.json'), JSON.stringify(merged));
const last = runs.at(-1)!.run;
const run: MutationRun = {
  ...last,
  startedAt: runs[0]!.run.startedAt,
  durationMs: runs.reduce((sum, r) => sum + r.run.durationMs, 0),
  args: runs.flatMap((r) => ['[', ...r.run.args, ']']),
};
writeFileSync(RUN_FILE, `${JSON.stringify(run, null, 2)}\n`);

const row = (name: string, statuses: string[], extra = '') => {
  const t = tally(statuses);
  return `| ${name} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | **${score(t).toFixed(1)} %** | ${t.ignored} |${extra}`;
};
console.log('| module | killed | timed out | survived | not covered | score | static (not run) | run |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
const files = Object.entries(merged.files).sort(([a], [b]) => a.localeCompare(b));
for (const [file, result] of files) {
  console.log(
    row(
      file.replace(/^src-main\/(core\/)?|^src-renderer\//, ''),
      result.mutants.map((m) => m.status),
      ` ${basename(from[file]!)} |`,
    ),
  );
}
console.log(
  row(
    `**${files.length} modules**`,
    files.flatMap(([, r]) => r.mutants.map((m) => m.status)),
    ' |',
  ),
);
console.log(`${(run.durationMs / 60_000).toFixed(1)} min of Stryker over ${runs.length} runs`);
if (args.includes('--survivors')) {
  for (const [file, result] of files) {
    const left = result.mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage');
    if (left.length === 0) continue;
    console.log(`\n${file}`);
    // The source as it is now: a module changed since its run may show other text than was mutated.
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    for (const m of left.sort((a, b) => a.location.start.line - b.location.start.line)) {
      const { start, end } = m.location;
      const original =
        start.line === end.line
          ? lines[start.line - 1]?.slice(start.column - 1, end.column - 1)
          : `${lines[start.line - 1]?.slice(start.column - 1)}…`;
      const short = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').slice(0, 80);
      console.log(`  ${start.line} ${m.status} ${m.mutatorName}: ${short(original)} → ${short(m.replacement)}`);
    }
  }
}
