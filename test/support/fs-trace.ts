// Records every file-system call that can change a file under one directory, one JSON line per
// call, appended synchronously so the record survives a SIGKILL up to the last call made. Install
// it before anything that writes files is imported: libraries such as stubborn-fs (under conf's
// atomic writes) keep references to the fs functions they load with.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FsTraceEntry } from './core-child-protocol';

type Fn = (...args: unknown[]) => unknown;

function pathOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value instanceof URL) return fileURLToPath(value);
  return undefined;
}

/** Whether open() flags can change the file (anything but a plain read). */
export function writesWith(flags: unknown): boolean {
  if (flags === undefined || flags === null) return false;
  if (typeof flags === 'number') {
    const { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND } = fs.constants;
    return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) !== 0;
  }
  return !['r', 'rs', 'sr'].includes(String(flags));
}

/**
 * `slowFsyncMs` makes each fsync under the root take that much longer, as on a slow disk: a kill
 * at a random moment then often lands between a temporary file's write and its rename.
 */
export function installFsTrace(root: string, logFile: string, options: { slowFsyncMs?: number } = {}): void {
  const append = fs.appendFileSync.bind(fs);
  const fdPaths = new Map<number, string>();
  const under = (path: string | undefined): path is string => path !== undefined && (path === root || path.startsWith(`${root}/`));
  const log = (entry: Omit<FsTraceEntry, 'pid'>) => append(logFile, `${JSON.stringify({ ...entry, pid: process.pid })}\n`);

  const wrap = (target: object, name: string, before: (args: unknown[]) => void, after?: (result: unknown, args: unknown[]) => void) => {
    const original = Reflect.get(target, name) as Fn | undefined;
    if (typeof original !== 'function') return;
    Reflect.set(target, name, function traced(this: unknown, ...args: unknown[]) {
      before(args);
      const result = original.apply(this, args);
      after?.(result, args);
      return result;
    });
  };
  const byPath = (op: FsTraceEntry['op']) => (args: unknown[]) => {
    const path = pathOf(args[0]);
    if (under(path)) log({ op, path });
  };
  const byFd = (op: FsTraceEntry['op']) => (args: unknown[]) => {
    const path = typeof args[0] === 'number' ? fdPaths.get(args[0]) : undefined;
    if (path !== undefined) log({ op, path });
  };
  const rename = (args: unknown[]) => {
    const from = pathOf(args[0]);
    const to = pathOf(args[1]);
    if (under(from) || under(to)) log({ op: 'rename', path: from ?? '?', to: to ?? '?' });
  };
  const open = (args: unknown[]) => {
    const path = pathOf(args[0]);
    if (under(path) && writesWith(args[1])) log({ op: 'open', path, flags: String(args[1]) });
  };

  // Synchronous calls: what conf and atomically use. File descriptors are followed to their paths.
  // The data directory itself, opened to fsync it (what makes a rename durable).
  const dirFds = new Map<number, string>();
  wrap(fs, 'openSync', open, (fd, args) => {
    const path = pathOf(args[0]);
    if (typeof fd === 'number' && under(path) && writesWith(args[1])) fdPaths.set(fd, path);
    else if (typeof fd === 'number' && path === root) dirFds.set(fd, path);
  });
  wrap(fs, 'writeSync', byFd('write'));
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const fsync = byFd('fsync');
  const syncOf = (args: unknown[]) => {
    const dir = typeof args[0] === 'number' ? dirFds.get(args[0]) : undefined;
    if (dir !== undefined) log({ op: 'dirsync', path: dir });
    else fsync(args);
  };
  wrap(fs, 'fsyncSync', syncOf, (_result, args) => {
    if (options.slowFsyncMs && typeof args[0] === 'number' && fdPaths.has(args[0])) Atomics.wait(pause, 0, 0, options.slowFsyncMs);
  });
  wrap(fs, 'fdatasyncSync', syncOf);
  wrap(fs, 'closeSync', byFd('close'), (_result, args) => {
    if (typeof args[0] === 'number') {
      fdPaths.delete(args[0]);
      dirFds.delete(args[0]);
    }
  });
  wrap(fs, 'renameSync', rename);
  for (const [name, op] of [
    ['writeFileSync', 'writeFile'],
    ['appendFileSync', 'appendFile'],
    ['unlinkSync', 'unlink'],
    ['truncateSync', 'truncate'],
    ['copyFileSync', 'copyFile'],
    ['rmSync', 'rm'],
  ] as const)
    wrap(fs, name, byPath(op));
  // Asynchronous and stream calls: nothing in the core should use them; recorded so a use shows.
  wrap(fs, 'open', open);
  wrap(fs, 'rename', rename);
  wrap(fs, 'createWriteStream', byPath('createWriteStream'));
  for (const [name, op] of [
    ['writeFile', 'writeFile'],
    ['appendFile', 'appendFile'],
    ['unlink', 'unlink'],
    ['truncate', 'truncate'],
    ['copyFile', 'copyFile'],
    ['rm', 'rm'],
  ] as const) {
    wrap(fs, name, byPath(op));
    wrap(fs.promises, name, byPath(op));
  }
  wrap(fs.promises, 'open', open);
  wrap(fs.promises, 'rename', rename);
  // ESM named imports of node:fs read the patched functions from here on.
  syncBuiltinESMExports();
}

/** atomically's temporary files: `<file>.tmp-<10 digits><6 hex>`. */
const TEMP = /\.tmp-\d{10}[0-9a-f]{6}$/;
/** The body cache (src-main/core/body/store.ts): spill files, no state; emptied at every start. */
const BODY_CACHE = /[/\\]cache[/\\]bodies([/\\]|$)/;

export interface FsTraceVerdict {
  /** Writes that reached their file through write → fsync → close → rename of a temporary file. */
  atomicWrites: number;
  /** Temporary files opened but never renamed: writes a kill cut short (the real file untouched). */
  interrupted: number;
  /** Files set aside as damaged (a rename to `.damaged-…`). */
  setAside: number;
  /** Atomic writes whose rename was made durable by a later fsync of the directory, in the same process. */
  durableWrites: number;
  /** Renames with no directory fsync after them: only the last write of a process killed right after it. */
  renamedNotSynced: number;
  /** Anything else that changed a file in place: each one breaks the atomic-write rule. */
  violations: string[];
}

/**
 * Checks a trace against the rule "every file is replaced whole, never written in place": a
 * file's bytes are only ever written to a fresh temporary file, which is fsynced, closed and then
 * renamed over the file.
 */
export function checkFsTrace(entries: FsTraceEntry[]): FsTraceVerdict {
  const verdict: FsTraceVerdict = { atomicWrites: 0, interrupted: 0, setAside: 0, durableWrites: 0, renamedNotSynced: 0, violations: [] };
  const temps = new Map<string, { written: boolean; synced: boolean; closed: boolean }>();
  /** Per process: directories with renames not yet made durable, and how many. */
  const unsynced = new Map<number, Map<string, number>>();
  for (const entry of entries) {
    const where = `${entry.op} ${entry.path}${entry.to ? ` → ${entry.to}` : ''} (pid ${entry.pid})`;
    if (BODY_CACHE.test(entry.path)) continue;
    switch (entry.op) {
      case 'open':
        if (!TEMP.test(entry.path)) verdict.violations.push(`opened for writing in place: ${where}`);
        else temps.set(`${entry.pid}:${entry.path}`, { written: false, synced: false, closed: false });
        break;
      case 'write':
      case 'fsync':
      case 'close': {
        const temp = temps.get(`${entry.pid}:${entry.path}`);
        if (!temp) {
          verdict.violations.push(`${entry.op} on a file not opened as a temporary file: ${where}`);
          break;
        }
        if (entry.op === 'write') temp.written = true;
        if (entry.op === 'fsync') temp.synced = temp.written;
        if (entry.op === 'close') temp.closed = true;
        break;
      }
      case 'rename': {
        const to = entry.to ?? '';
        if (/\.damaged-[0-9TZ-]+$/.test(to) && !TEMP.test(entry.path)) {
          verdict.setAside += 1;
          break;
        }
        const key = `${entry.pid}:${entry.path}`;
        const temp = temps.get(key);
        if (!temp) verdict.violations.push(`rename from something other than a fresh temporary file: ${where}`);
        else if (!temp.written || !temp.synced || !temp.closed) verdict.violations.push(`renamed before write, fsync and close: ${where}`);
        else if (to !== entry.path.replace(TEMP, '')) verdict.violations.push(`temporary file renamed to another name: ${where}`);
        else {
          verdict.atomicWrites += 1;
          const dirs = unsynced.get(entry.pid) ?? new Map<string, number>();
          const dir = to.slice(0, to.lastIndexOf('/'));
          dirs.set(dir, (dirs.get(dir) ?? 0) + 1);
          unsynced.set(entry.pid, dirs);
        }
        temps.delete(key);
        break;
      }
      case 'dirsync': {
        const dirs = unsynced.get(entry.pid);
        verdict.durableWrites += dirs?.get(entry.path) ?? 0;
        dirs?.delete(entry.path);
        break;
      }
      case 'unlink':
      case 'rm':
        // atomically removes its own temporary files after a failed write; nothing else may go.
        if (!TEMP.test(entry.path)) verdict.violations.push(`deleted: ${where}`);
        else temps.delete(`${entry.pid}:${entry.path}`);
        break;
      case 'writeFile':
      case 'appendFile':
      case 'truncate':
      case 'copyFile':
      case 'createWriteStream':
        verdict.violations.push(`written in place: ${where}`);
        break;
    }
  }
  verdict.interrupted = temps.size;
  for (const dirs of unsynced.values()) for (const count of dirs.values()) verdict.renamedNotSynced += count;
  return verdict;
}
