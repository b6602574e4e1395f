// Messages between a crash test and a Junction core running in its own process
// (test/support/core-child.ts, driven by core-child-client.ts). Types only.
import type { CoreOptions } from '../../src-main/core/options';
import type { CoreEvent } from '../../src-shared/types';

/** What the child builds its core from; the cipher key travels as hex so every child shares it. */
export interface ChildCoreOptions extends Omit<CoreOptions, 'cipher' | 'openExternal' | 'fetch' | 'now' | 'chooseSavePath'> {
  cipherKeyHex: string;
  /** What the save dialog answers every time; absent: the core has no save dialog. */
  savePath?: string;
}

export type ParentMessage =
  | { type: 'start'; options: ChildCoreOptions }
  | { type: 'invoke'; id: number; channel: string; payload: unknown }
  | { type: 'protocol'; id: number; url: string }
  | { type: 'close'; id: number };

export type ChildMessage =
  /** Modules loaded; waiting for `start`. */
  | { type: 'warm' }
  /** createCore resolved on the data directory. */
  | { type: 'ready' }
  | { type: 'result'; id: number; ok: true; data: unknown }
  | { type: 'result'; id: number; ok: false; error: { code?: string; message: string } }
  | { type: 'event'; event: CoreEvent }
  | { type: 'opened'; url: string }
  /** An uncaught exception or unhandled rejection: the core crashed on its own. */
  | { type: 'fatal'; kind: string; message: string };

/**
 * One line per file-system call that can change a file, as the child's fs trace writes them:
 * `{ op, path, to?, flags?, fd? }` as JSON.
 */
export interface FsTraceEntry {
  op:
    | 'open'
    | 'write'
    | 'fsync'
    | 'dirsync'
    | 'close'
    | 'rename'
    | 'writeFile'
    | 'appendFile'
    | 'unlink'
    | 'truncate'
    | 'copyFile'
    | 'createWriteStream'
    | 'rm';
  path: string;
  to?: string;
  flags?: string;
  pid: number;
}
