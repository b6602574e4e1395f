import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir` with its exact bytes, keyed by relative path. */
export function snapshotDir(dir: string, root = dir, into = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) snapshotDir(path, root, into);
    else into.set(relative(root, path), readFileSync(path));
  }
  return into;
}

/** The first difference between two snapshots, or null when they are byte-identical. */
export function diffSnapshots(before: Map<string, Buffer>, after: Map<string, Buffer>): string | null {
  for (const [path, bytes] of before) {
    const now = after.get(path);
    if (!now) return `${path} was removed`;
    if (!now.equals(bytes)) return `${path} changed`;
  }
  for (const path of after.keys()) if (!before.has(path)) return `${path} was added`;
  return null;
}
