// V8's code cache for the main process's chunks (module.enableCompileCache, Node ≥ 22.1; Electron
// 45 has Node 22): a later start deserialises the engine's compiled code instead of compiling its
// ~900 KB again. Measured by `npm run bench` (start-up rows, with and without). The cache lives in
// the profile, per user: V8 trusts what it deserialises, so it must never come from a directory
// another user can write, such as the shared os.tmpdir() Node would pick by default.
import module from 'node:module';
import { join } from 'node:path';

export const COMPILE_CACHE_DIR = 'compile-cache';

interface CompileCacheApi {
  enableCompileCache?: (directory: string) => { status: number; message?: string };
  constants?: { compileCacheStatus?: { FAILED: number } };
}

/** Turns the cache on for every module loaded from now on; a failure only costs speed. */
export function enableCompileCache(dataDir: string, warn: (message: string) => void, api: CompileCacheApi = module): void {
  if (!api.enableCompileCache) return;
  try {
    const result = api.enableCompileCache(join(dataDir, COMPILE_CACHE_DIR));
    if (result.status === api.constants?.compileCacheStatus?.FAILED) warn(`No compile cache: ${result.message ?? 'unknown reason'}.`);
  } catch (error) {
    warn(`No compile cache: ${error instanceof Error ? error.message : String(error)}.`);
  }
}
