// JsonStore when the file system misbehaves in ways a root-run CI cannot bring about for real: the
// directory cannot be opened for its fsync (EMFILE, EACCES), a leftover temporary file vanishes
// between the listing and its removal, a file that reads once and then fails (EIO), and Windows,
// where a directory cannot be opened at all.
// node:fs is patched for one call at a time and put back after each test (syncBuiltinESMExports
// carries the patch to the module's named imports).
import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonStore } from '../../src-main/core/vault/json-store';

type Doc = { version: number; note: string };
const DEFAULTS: Doc = { version: 1, note: '' };
let dir = '';
const restores: (() => void)[] = [];

function patch<K extends 'openSync' | 'readdirSync' | 'closeSync' | 'readFileSync' | 'watch' | 'watchFile'>(
  name: K,
  replacement: (original: (typeof fs)[K]) => (typeof fs)[K],
) {
  const original = fs[name];
  (fs as Record<K, unknown>)[name] = replacement(original.bind(fs) as (typeof fs)[K]);
  syncBuiltinESMExports();
  restores.push(() => {
    (fs as Record<K, unknown>)[name] = original;
    syncBuiltinESMExports();
  });
}

function setPlatform(platform: NodeJS.Platform) {
  const original = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { ...original, value: platform });
  restores.push(() => Object.defineProperty(process, 'platform', original));
}

const opensOfDir = (log: string[]) => log.filter((path) => path === dir).length;

function traceOpens(fail?: NodeJS.ErrnoException['code']): string[] {
  const log: string[] = [];
  patch(
    'openSync',
    (open) =>
      ((path: fs.PathLike, ...rest: unknown[]) => {
        log.push(String(path));
        if (fail && String(path) === dir) throw Object.assign(new Error(`${fail}: cannot open ${String(path)}`), { code: fail });
        return (open as (...args: unknown[]) => number)(path, ...rest);
      }) as typeof fs.openSync,
  );
  return log;
}

/** Every fd closeSync is given, in order (an fd never opened shows as undefined). */
function traceCloses(): unknown[] {
  const closed: unknown[] = [];
  patch(
    'closeSync',
    (close) =>
      ((fd: number) => {
        closed.push(fd);
        close(fd);
      }) as typeof fs.closeSync,
  );
  return closed;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'junction-json-store-faults-'));
});
afterEach(() => {
  while (restores.length) restores.pop()!();
  rmSync(dir, { recursive: true, force: true });
});

describe('JsonStore on a misbehaving file system', () => {
  it('a directory that cannot be opened for its fsync leaves the writes standing (best effort), and no fd is closed that was never opened', () => {
    const closed = traceCloses();
    const log = traceOpens('EMFILE');
    const store = new JsonStore<Doc>(dir, 'things', DEFAULTS, () => 0);
    store.set('note', 'kept');
    store.setMany({ version: 2 });
    expect(opensOfDir(log)).toBe(3);
    expect(closed).not.toContain(undefined);
    expect(JSON.parse(readFileSync(join(dir, 'things.json'), 'utf8'))).toEqual({ version: 2, note: 'kept' });
  });

  it('opens and closes the directory for each fsync where it can', () => {
    const closed = traceCloses();
    const log = traceOpens();
    const store = new JsonStore<Doc>(dir, 'things', DEFAULTS, () => 0);
    store.set('note', 'x');
    expect(opensOfDir(log)).toBe(2);
    expect(closed.filter((fd) => typeof fd === 'number').length).toBeGreaterThanOrEqual(2);
  });

  it('on Windows it does not try to open the directory (it cannot), and the writes stand', () => {
    setPlatform('win32');
    const log = traceOpens();
    const store = new JsonStore<Doc>(dir, 'things', DEFAULTS, () => 0);
    store.set('note', 'windows');
    expect(opensOfDir(log)).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'things.json'), 'utf8'))).toMatchObject({ note: 'windows' });
  });

  it('a leftover temporary file that is gone by the time it is removed does not stop the start', () => {
    writeFileSync(join(dir, 'things.json.tmp-1-real'), 'old secret');
    patch(
      'readdirSync',
      (readdir) =>
        ((path: fs.PathLike, ...rest: unknown[]) => {
          const entries = (readdir as (...args: unknown[]) => string[])(path, ...rest);
          return String(path) === dir ? [...entries, 'things.json.tmp-2-vanished'] : entries;
        }) as typeof fs.readdirSync,
    );
    const store = new JsonStore<Doc>(dir, 'things', DEFAULTS, () => 0);
    expect(store.get('version')).toBe(1);
    expect(fs.existsSync(join(dir, 'things.json.tmp-1-real'))).toBe(false);
  });
});

describe('JsonStore when a read fails', () => {
  const NOW = Date.parse('2026-11-23T12:34:56.789Z');

  it('a file that passes the check but then cannot be read (EIO) is set aside with the notice, and the store starts afresh', () => {
    const file = join(dir, 'things.json');
    const content = JSON.stringify({ version: 5, note: 'before' });
    writeFileSync(file, content);
    let reads = 0;
    patch(
      'readFileSync',
      (read) =>
        ((path: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
          // The first read is the check; the second is conf opening the file.
          if (String(path) === file && ++reads === 2) throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
          return (read as (...args: unknown[]) => unknown)(path, ...rest);
        }) as typeof fs.readFileSync,
    );
    const store = new JsonStore<Doc>(dir, 'things', DEFAULTS, () => NOW);
    const movedTo = join(dir, 'things.json.damaged-2026-11-23T12-34-56-789Z');
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(store.notice).toEqual({
      file,
      movedTo,
      message: `Junction could not read things.json, so it kept a copy at ${movedTo} and started that part afresh.`,
    });
    expect(readFileSync(movedTo, 'utf8')).toBe(content);
    expect(store.get('version')).toBe(1);
    store.set('note', 'afresh');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, note: 'afresh' });
  });

  it('a directory that cannot be made fails the start with its own cause (there is no file to set aside)', () => {
    const notADir = join(dir, 'plain-file');
    writeFileSync(notADir, 'x');
    const error = (() => {
      try {
        new JsonStore<Doc>(join(notADir, 'data'), 'things', DEFAULTS, () => NOW);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    // conf's own open of the file, not a rename of a file that is not there.
    expect(error).toMatchObject({ code: 'ENOTDIR', syscall: 'open', path: join(notADir, 'data', 'things.json') });
    expect(fs.readdirSync(dir)).toEqual(['plain-file']);
  });

  it('watches nothing: no other process writes these files, and a watcher would poll the disk for as long as Junction runs', () => {
    const watched: string[] = [];
    for (const name of ['watch', 'watchFile'] as const) {
      patch(
        name,
        (original) =>
          ((path: fs.PathLike, ...rest: unknown[]) => {
            watched.push(String(path));
            return (original as (...args: unknown[]) => unknown)(path, ...rest);
          }) as never,
      );
    }
    const store = new JsonStore<Doc>(dir, 'things', DEFAULTS, () => NOW);
    store.set('note', 'x');
    expect(store.get('note')).toBe('x');
    expect(watched).toEqual([]);
  });
});
