import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';

/** Something the person should hear about once, e.g. a damaged file set aside. */
export interface StoreNotice {
  file: string;
  movedTo: string;
  message: string;
}

/**
 * Removes the temporary files of writes a crash cut short (`<name>.json.tmp-…`, atomically's
 * naming): they were never renamed into place, so nothing reads them, yet they may hold the
 * encrypted tokens of a connection deleted since. One Junction runs per data directory (the
 * shell's single-instance lock), so no other writer owns them.
 */
function removeLeftoverTemps(dir: string, name: string): void {
  const prefix = `${name}.json.tmp-`;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) if (entry.startsWith(prefix)) rmSync(join(dir, entry), { force: true });
}

/**
 * Makes the renames into `dir` durable: conf (atomically) fsyncs the temporary file before renaming
 * it over the real one, but the rename itself is an entry in the directory, which reaches the disk
 * only with the directory's own fsync. Without it a power cut soon after a write can bring the
 * previous file back (an old, possibly rotated-away refresh token). Windows cannot open a directory
 * for this, and NTFS journals the rename itself; a file system that refuses (EINVAL) is left as is.
 */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the write itself already succeeded.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/**
 * Whether the file holds a document this store can use: a JSON object whose keys that have a
 * default hold the same kind of value. Checked before conf opens the file, because conf would
 * merge its defaults into anything that parses (an array, a string) and write it back, losing
 * the bytes that were there.
 */
function readable(file: string, defaults: Record<string, unknown>): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  if (kindOf(parsed) !== 'object') return false;
  const document = parsed as Record<string, unknown>;
  return Object.entries(defaults).every(([key, value]) => !(key in document) || kindOf(document[key]) === kindOf(value));
}

/**
 * One JSON document on disk through `conf` (electron-store's engine): atomic write-then-rename,
 * then an fsync of the directory, owner-only file mode. A file that cannot be parsed is kept
 * aside with a timestamp and the store starts empty, rather than refusing to start or silently
 * clearing it.
 */
export class JsonStore<T extends Record<string, unknown>> {
  private readonly conf: Conf<Record<string, unknown>>;
  private readonly dir: string;
  readonly notice: StoreNotice | null;

  constructor(dir: string, name: string, defaults: T, now: () => number) {
    const open = () =>
      new Conf<Record<string, unknown>>({
        cwd: dir,
        configName: name,
        projectName: 'junction',
        defaults,
        configFileMode: 0o600,
        watch: false,
        accessPropertiesByDotNotation: false,
        clearInvalidConfig: false,
      });
    removeLeftoverTemps(dir, name);
    const file = join(dir, `${name}.json`);
    let notice: StoreNotice | null = null;
    const setAside = () => {
      const movedTo = `${file}.damaged-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
      renameSync(file, movedTo);
      notice = {
        file,
        movedTo,
        message: `Junction could not read ${name}.json, so it kept a copy at ${movedTo} and started that part afresh.`,
      };
    };
    if (existsSync(file) && !readable(file, defaults)) setAside();
    let conf: Conf<Record<string, unknown>>;
    try {
      conf = open();
      // conf reads lazily in places; touch the store so a damaged file is found now.
      void conf.store;
    } catch (error) {
      if (!existsSync(file)) throw error;
      setAside();
      conf = open();
    }
    this.conf = conf;
    this.notice = notice;
    this.dir = dir;
    // conf may just have created the file, or a damaged one was set aside.
    syncDirectory(dir);
  }

  get<K extends keyof T & string>(key: K): T[K] {
    return this.conf.get(key) as T[K];
  }

  set<K extends keyof T & string>(key: K, value: T[K]): void {
    this.conf.set(key, value as unknown);
    syncDirectory(this.dir);
  }

  /** Several keys in one write (one atomic rename): a crash leaves all of them or none. */
  setMany(values: Partial<T>): void {
    this.conf.set(values as Record<string, unknown>);
    syncDirectory(this.dir);
  }

  get path(): string {
    return this.conf.path;
  }
}
