// The bodies of answers, kept in the main process for `api.body` and `api.saveBody`: small ones in
// memory, big ones in spill files under the data directory's cache. Both are bounded in count and
// bytes, oldest released first; spill files go on release, on close and at the next start.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { BodyHandle } from '../../../src-shared/body';
import { CoreError } from '../errors';
import { DATA_DIR_MODE } from '../vault/data-dir';

export interface KeptBody {
  handle: BodyHandle;
  contentType: string;
  /** The request's final URL, for the save dialog's suggested name. */
  url: string;
  bytes?: Buffer;
  file?: string;
}

export interface BodyStoreLimits {
  /** Bodies at most this big stay in memory; bigger ones are spilled to a file. Default 1 MiB. */
  spillThresholdBytes: number;
  maxInMemory: number;
  maxInMemoryBytes: number;
  maxSpilled: number;
  maxSpilledBytes: number;
}

const MiB = 1024 * 1024;
export const DEFAULT_BODY_STORE_LIMITS: BodyStoreLimits = {
  spillThresholdBytes: MiB,
  maxInMemory: 200,
  maxInMemoryBytes: 64 * MiB,
  maxSpilled: 20,
  maxSpilledBytes: 4 * 1024 * MiB,
};

/** What the body worker does alongside: start while a big body downloads, index it once it is in. */
export interface BodyStoreHooks {
  released?(id: string): void;
  spilling?(): void;
  spilled?(kept: KeptBody): void;
}

export const gone = () => new CoreError('not_found', 'This answer is no longer kept. Send the request again.');

/** Where spill files live: `cache/bodies` in the data directory. */
export function spillDir(dataDir: string): string {
  return join(dataDir, 'cache', 'bodies');
}

export class BodyStore {
  /** Insertion order is age: the first entry is the oldest. */
  private readonly memory = new Map<string, KeptBody>();
  private readonly spilled = new Map<string, KeptBody>();
  private memoryBytes = 0;
  private spilledBytes = 0;
  readonly dir: string;

  /** Removes what a previous run left (a crash mid-download, a kill) before anything is kept. */
  constructor(
    dataDir: string,
    readonly limits: BodyStoreLimits,
    private readonly hooks: BodyStoreHooks = {},
  ) {
    this.dir = spillDir(dataDir);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true, mode: DATA_DIR_MODE });
  }

  /** A fresh spill file's path (not created): a big body is on its way. */
  spillPath(): string {
    this.hooks.spilling?.();
    return join(this.dir, `${randomBytes(12).toString('hex')}.body`);
  }

  keep(body: Omit<KeptBody, 'handle'>, handle: Omit<BodyHandle, 'id'>): BodyHandle {
    const id = randomBytes(12).toString('base64url');
    const kept: KeptBody = { ...body, handle: { id, ...handle } };
    if (body.file) {
      this.spilled.set(id, kept);
      this.spilledBytes += handle.sizeBytes;
      this.evict(this.spilled, () => this.spilledBytes > this.limits.maxSpilledBytes || this.spilled.size > this.limits.maxSpilled);
    } else {
      this.memory.set(id, kept);
      this.memoryBytes += handle.sizeBytes;
      this.evict(this.memory, () => this.memoryBytes > this.limits.maxInMemoryBytes || this.memory.size > this.limits.maxInMemory);
    }
    if (body.file) this.hooks.spilled?.(kept);
    return kept.handle;
  }

  get(id: string): KeptBody {
    const kept = this.memory.get(id) ?? this.spilled.get(id);
    if (!kept) throw gone();
    return kept;
  }

  release(id: string): boolean {
    const kept = this.memory.get(id) ?? this.spilled.get(id);
    if (!kept) return false;
    if (kept.file) {
      this.spilled.delete(id);
      this.spilledBytes -= kept.handle.sizeBytes;
      removeQuietly(kept.file);
    } else {
      this.memory.delete(id);
      this.memoryBytes -= kept.handle.sizeBytes;
    }
    this.hooks.released?.(id);
    return true;
  }

  /** Every body released, every spill file removed. */
  close(): void {
    for (const id of [...this.memory.keys(), ...this.spilled.keys()]) this.release(id);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Oldest first, but never the body just kept: the answer being returned stays readable. */
  private evict(map: Map<string, KeptBody>, over: () => boolean): void {
    while (over() && map.size > 1) {
      const oldest = map.keys().next().value as string;
      this.release(oldest);
    }
  }
}

export function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone: nothing to remove.
  }
}
