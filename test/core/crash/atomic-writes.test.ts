import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FsTraceEntry } from '../../support/core-child-protocol';
import { checkFsTrace } from '../../support/fs-trace';

// The static half of "every file the core writes is written atomically": the only way into the
// file system is JsonStore (conf → atomically: temporary file, fsync, rename). The dynamic half is
// the fs trace of test/core/crash/sigkill.test.ts, which watches every call of the core processes
// it kills.
const CORE = fileURLToPath(new URL('../../../src-main/core', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** What each core file may take from the file system; anything else is a way around conf. */
const ALLOWED: Record<string, string[]> = {
  // The data directory itself: created, or tightened to 0700 (no file content is written there).
  'vault/data-dir.ts': ['chmodSync', 'mkdirSync', 'statSync'],
  // `saved.export` writes the file the person chose in the save dialog, outside the data directory:
  // no state of the core's, and an export cut short is refused whole by `saved.import`.
  'saved/saved-requests.ts': ['promises.writeFile'],
  'vault/json-store.ts': ['closeSync', 'existsSync', 'fsyncSync', 'openSync', 'readdirSync', 'readFileSync', 'renameSync', 'rmSync'],
  // Answers' bodies: a cache, not state. Spill files under cache/bodies are written as they stream
  // in and removed on release, on close and at every start, so a crash mid-write loses nothing.
  'body/receive.ts': ['promises.open', 'promises.type FileHandle'],
  'body/store.ts': ['mkdirSync', 'rmSync', 'unlinkSync'],
  'body/worker.ts': ['readFileSync'],
  'body/worker-client.ts': ['existsSync'],
  // The person's own file, where the save dialog said: not Junction's state.
  'body/service.ts': ['promises.copyFile', 'promises.writeFile'],
  // `api.export`: the file the person picked in the save dialog, outside the data directory;
  // written as `<name>.partial`, fsynced, then renamed (docs/contract.md, api.export).
  'export/export-file.ts': ['promises.open', 'promises.rename', 'promises.unlink', 'promises.type FileHandle'],
};

describe('every file the core writes goes through an atomic write', () => {
  it('only JsonStore touches the file system, and only to read, set a damaged file aside, remove dead temporary files or fsync its directory', () => {
    const found: Record<string, string[]> = {};
    for (const file of sources(CORE)) {
      const text = readFileSync(file, 'utf8');
      const name = relative(CORE, file);
      for (const match of text.matchAll(/import\s+(type\s+)?([^;]*?)\s+from\s+'(node:)?(fs|fs\/promises)'/g)) {
        if (match[1]) continue;
        const names = /\{([^}]*)\}/
          .exec(match[2] ?? '')?.[1]
          ?.split(',')
          .map((part) => part.trim().split(/\s+as\s+/)[0] ?? '')
          .filter(Boolean) ?? ['* (default import)'];
        (found[name] ??= []).push(...names.map((n) => (match[4] === 'fs/promises' ? `promises.${n}` : n)));
      }
      // require('fs') or a dynamic import would dodge the import scan.
      expect(text, name).not.toMatch(/require\(\s*'(node:)?fs|import\(\s*'(node:)?fs/);
    }
    expect(found).toEqual(ALLOWED);
  });

  it('the trace check itself tells an atomic write from a write in place (so a clean trace means something)', () => {
    const pid = 1;
    /** What conf's atomic write of /d/<name>.json looks like in the trace, up to its rename. */
    const atomicWrite = (name: string): FsTraceEntry[] => {
      const temp = `/d/${name}.json.tmp-1234567890abcdef`;
      return [
        { op: 'open', path: temp, flags: 'w', pid },
        { op: 'write', path: temp, pid },
        { op: 'fsync', path: temp, pid },
        { op: 'close', path: temp, pid },
        { op: 'rename', path: temp, to: `/d/${name}.json`, pid },
      ];
    };
    const atomic = checkFsTrace([...atomicWrite('connections'), { op: 'dirsync', path: '/d', pid }]);
    expect(atomic).toEqual({ atomicWrites: 1, interrupted: 0, setAside: 0, durableWrites: 1, renamedNotSynced: 0, violations: [] });
    const unsynced = checkFsTrace([
      { op: 'open', path: '/d/settings.json.tmp-1234567890abcdef', flags: 'w', pid },
      { op: 'write', path: '/d/settings.json.tmp-1234567890abcdef', pid },
      { op: 'close', path: '/d/settings.json.tmp-1234567890abcdef', pid },
      { op: 'rename', path: '/d/settings.json.tmp-1234567890abcdef', to: '/d/settings.json', pid },
    ]);
    expect(unsynced.violations).toEqual([expect.stringMatching(/renamed before write, fsync and close/)]);
    // A rename whose directory was never fsynced (or fsynced by another process) is not durable.
    const notDurable = checkFsTrace([...atomicWrite('settings'), { op: 'dirsync', path: '/d', pid: pid + 1 }]);
    expect(notDurable).toMatchObject({ atomicWrites: 1, durableWrites: 0, renamedNotSynced: 1 });
    const inPlace = checkFsTrace([
      { op: 'open', path: '/d/connections.json', flags: 'w', pid },
      { op: 'writeFile', path: '/d/settings.json', pid },
      { op: 'unlink', path: '/d/connections.json', pid },
    ]);
    expect(inPlace.violations).toHaveLength(3);
    const cut = checkFsTrace([{ op: 'open', path: '/d/connections.json.tmp-1234567890abcdef', flags: 'w', pid }]);
    expect(cut).toMatchObject({ interrupted: 1, violations: [] });
  });
});
