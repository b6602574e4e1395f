// `npm run mutate:changed [-- --base <ref>] [stryker options]`: mutation-tests only those of
// stryker.config.mjs's modules that differ from <ref> (main by default), committed or not.
// The fast loop while closing survivors; the full `npm run mutate` is what docs/testing.md records.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runStryker } from './mutate-run';

const root = fileURLToPath(new URL('..', import.meta.url));

function parseArgs(argv: string[]): { base: string; rest: string[] } {
  const at = argv.indexOf('--base');
  if (at === -1) return { base: 'main', rest: argv };
  const base = argv[at + 1];
  if (!base) throw new Error('--base needs a git ref, e.g. --base main');
  return { base, rest: [...argv.slice(0, at), ...argv.slice(at + 2)] };
}

const { base, rest } = parseArgs(process.argv.slice(2));
const config = (await import(pathToFileURL(join(root, 'stryker.config.mjs')).href)) as { MUTATED: string[] };
const changed = new Set(
  execFileSync('git', ['diff', '--name-only', base, '--'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean),
);
const files = config.MUTATED.filter((file) => changed.has(file));
if (files.length === 0) {
  console.log(`None of the ${config.MUTATED.length} mutation-tested modules differ from ${base}; nothing to do.`);
  process.exit(0);
}
console.log(`Mutating ${files.length} module(s) changed since ${base}: ${files.join(', ')}`);
process.exit(runStryker(['--mutate', files.join(','), ...rest]));
