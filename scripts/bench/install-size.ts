// Install size of the production dependency tree on disk (package.json `dependencies` and what they
// pull in, then a du-style walk), and how much the quick actions' typed clients bring. The main
// bundle inlines every dependency (electron.vite.config.ts), so `dependencies` is empty and no
// node_modules ship; package-size.ts reports the packed app.asar. The per-API @googleapis packages
// were chosen over `googleapis` (~230 MB installed) for this.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './types';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The whole production tree must stay well under what `googleapis` alone would add. */
const TOTAL_GOAL_MB = 100;
/** The four Google clients together, with everything they pull in. */
const GOOGLE_GOAL_MB = 40;

const MB = 1024 * 1024;

/** Bytes on disk (allocated blocks, as du counts them) of one package, without nested node_modules. */
export function diskUsage(dir: string): number {
  let total = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        // Nested packages are listed by npm ls on their own; counting them here would double them.
        if (entry.name !== 'node_modules') stack.push(path);
        continue;
      }
      const stat = lstatSync(path);
      // Windows reports no blocks; fall back to the apparent size there.
      total += stat.blocks !== undefined && stat.blocks > 0 ? stat.blocks * 512 : stat.size;
    }
  }
  return total;
}

function readDependencies(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  return [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.optionalDependencies ?? {})];
}

/** Where Node would find `name` from `fromDir`: the nearest node_modules up the tree. */
function resolvePackage(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Every package `names` pull in, themselves included. */
function closure(names: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = names.flatMap((name) => resolvePackage(name, root) ?? []);
  while (queue.length > 0) {
    const dir = queue.pop() as string;
    if (seen.has(dir)) continue;
    seen.add(dir);
    for (const dependency of readDependencies(dir)) {
      const found = resolvePackage(dependency, dir);
      if (found) queue.push(found);
    }
  }
  return seen;
}

function sum(dirs: Iterable<string>, sizes: Map<string, number>): number {
  let total = 0;
  for (const dir of dirs) total += sizes.get(dir) ?? diskUsage(dir);
  return total;
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const count = (n: number) => `${n} package${n === 1 ? '' : 's'}`;

export async function benchInstallSize(): Promise<BenchRow[]> {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const packages = [...closure(Object.keys(manifest.dependencies ?? {}))];
  const sizes = new Map(packages.map((dir) => [dir, diskUsage(dir)]));
  const total = sum(packages, sizes);
  const largest = [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([dir, bytes]) => `${dir.slice(dir.lastIndexOf('node_modules') + 'node_modules/'.length)} ${mb(bytes)}`)
    .join(', ');
  const google = closure(['@googleapis/gmail', '@googleapis/calendar', '@googleapis/drive', '@googleapis/docs']);
  const spotify = closure(['@spotify/web-api-ts-sdk']);
  const googleBytes = sum(google, sizes);
  const spotifyBytes = sum(spotify, sizes);
  return [
    {
      metric: 'Production dependencies on disk',
      value: `${mb(total)} (${count(packages.length)})`,
      goal: `< ${TOTAL_GOAL_MB} MB`,
      met: total < TOTAL_GOAL_MB * MB,
      note: `package.json dependencies and their own, allocated blocks like du${largest ? `. Largest: ${largest}` : ': none, the main bundle inlines what it uses'}.`,
    },
    {
      metric: 'Google API clients (4 × @googleapis/*, with their dependencies)',
      value: `${mb(googleBytes)} (${count(google.size)})`,
      goal: `< ${GOOGLE_GOAL_MB} MB`,
      met: googleBytes < GOOGLE_GOAL_MB * MB,
      note: 'The same generated clients as the all-in-one `googleapis` package, which is quoted at ~230 MB installed (not installed or measured here).',
    },
    {
      metric: 'Spotify SDK (@spotify/web-api-ts-sdk, with its dependencies)',
      value: `${mb(spotifyBytes)} (${count(spotify.size)})`,
      goal: '—',
      met: null,
    },
  ];
}
