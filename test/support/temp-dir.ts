import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created = new Set<string>();

/** A fresh empty directory under the OS temp dir; each test gets its own data directory. */
export function makeTempDir(prefix = 'junction-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  created.delete(dir);
}

/** Removes every directory makeTempDir made in this process (call from afterAll/afterEach). */
export function removeAllTempDirs(): void {
  for (const dir of [...created]) removeTempDir(dir);
}
