// The test side of core-child.ts: spawn a core process, keep it warm, start it on a data
// directory, call it like an in-process core, and SIGKILL it.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CoreEvent } from '../../src-shared/types';
import type { ChildCoreOptions, ChildMessage, FsTraceEntry, ParentMessage } from './core-child-protocol';

const CHILD = fileURLToPath(new URL('./core-child.ts', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./fs-trace-preload.ts', import.meta.url));

/** How to start a core process: an entry module and the flags that load it. */
export interface ChildLaunch {
  entry: string;
  /** Flags that load `preload` (the fs trace) before the entry. */
  execArgv(withTrace: boolean): string[];
  how: 'bundle' | 'tsx';
  /** Removes the bundle, if one was built. */
  dispose(): void;
}

/**
 * Bundles the child's own code (the core, the test cipher) into one module beside node_modules,
 * so a process starts in ~0.3 s instead of ~0.8 s through tsx; packages stay external. Falls back
 * to tsx where esbuild (installed with tsx) cannot be loaded.
 */
export async function prepareCoreChild(): Promise<ChildLaunch> {
  const tsx: ChildLaunch = {
    entry: CHILD,
    execArgv: (withTrace) => ['--import', 'tsx', ...(withTrace ? ['--import', pathToFileURL(PRELOAD).href] : []), '--no-warnings'],
    how: 'tsx',
    dispose: () => undefined,
  };
  try {
    const { build } = await import('esbuild');
    const outdir = fileURLToPath(new URL(`../../node_modules/.cache/junction-core-child/${process.pid}`, import.meta.url));
    await build({
      entryPoints: { 'core-child': CHILD, 'fs-trace-preload': PRELOAD },
      outdir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      target: 'node22',
      logLevel: 'silent',
    });
    const preload = pathToFileURL(join(outdir, 'fs-trace-preload.mjs')).href;
    return {
      entry: join(outdir, 'core-child.mjs'),
      execArgv: (withTrace) => [...(withTrace ? ['--import', preload] : []), '--no-warnings'],
      how: 'bundle',
      dispose: () => rmSync(outdir, { recursive: true, force: true }),
    };
  } catch {
    return tsx;
  }
}

export interface ChildError extends Error {
  code?: string;
}

export interface CoreChild {
  readonly pid: number;
  /** Resolves once the core is built on the data directory; rejects if the process dies first. */
  start(options: ChildCoreOptions): Promise<void>;
  invoke<T = unknown>(channel: string, payload?: unknown): Promise<T>;
  handleProtocolUrl(url: string): Promise<boolean>;
  /** close() inside the core, then the process ends. */
  close(): Promise<void>;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
  readonly events: CoreEvent[];
  /** Uncaught exceptions, unhandled rejections and start failures the child reported. */
  readonly fatal: string[];
  /** Everything the child wrote to stderr. */
  stderr(): string;
  /** Resolves with the exit code and signal once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  launch: ChildLaunch;
  /** Log every file-changing fs call under this directory to `traceLog` (fs-trace.ts). */
  traceRoot?: string;
  traceLog?: string;
  /** With the trace: each fsync under `traceRoot` takes this much longer (a slow disk). */
  slowFsyncMs?: number;
  /** Node's on-disk compile cache, shared by every child of a test: each starts faster. */
  compileCacheDir?: string;
}

/** Forks a core process; it loads its modules at once and waits for `start`. */
export function spawnCoreChild(options: SpawnOptions): CoreChild {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const withTrace = Boolean(options.traceRoot && options.traceLog);
  if (options.traceRoot && options.traceLog) {
    env.JUNCTION_FS_TRACE_ROOT = options.traceRoot;
    env.JUNCTION_FS_TRACE_LOG = options.traceLog;
    if (options.slowFsyncMs) env.JUNCTION_FS_SLOW_FSYNC_MS = String(options.slowFsyncMs);
  }
  if (options.compileCacheDir) env.NODE_COMPILE_CACHE = options.compileCacheDir;
  const child: ChildProcess = fork(options.launch.entry, [], {
    execArgv: options.launch.execArgv(withTrace),
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const pid = child.pid ?? -1;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const events: CoreEvent[] = [];
  const fatal: string[] = [];
  const calls = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let warm = false;
  let onWarm: (() => void) | undefined;
  let onReady: (() => void) | undefined;
  let onGone: ((error: Error) => void)[] = [];

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      const gone: ChildError = Object.assign(new Error(`the core process ended (${signal ?? code})`), { code: 'child_exited' });
      for (const call of calls.values()) call.reject(gone);
      calls.clear();
      for (const reject of onGone.splice(0)) reject(gone);
      resolve({ code, signal });
    });
  });

  child.on('message', (message: ChildMessage) => {
    switch (message.type) {
      case 'warm':
        warm = true;
        onWarm?.();
        break;
      case 'ready':
        onReady?.();
        break;
      case 'result': {
        const call = calls.get(message.id);
        calls.delete(message.id);
        if (!call) break;
        if (message.ok) call.resolve(message.data);
        else call.reject(Object.assign(new Error(message.error.message), { code: message.error.code }) as ChildError);
        break;
      }
      case 'event':
        events.push(message.event);
        break;
      case 'opened':
        break;
      case 'fatal':
        fatal.push(`${message.kind}: ${message.message}`);
        break;
    }
  });

  const post = (message: ParentMessage) => {
    if (child.connected) child.send(message);
  };
  const call = <T>(message: (id: number) => ParentMessage): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        reject(Object.assign(new Error('the core process has ended'), { code: 'child_exited' }));
        return;
      }
      const id = nextId++;
      calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      post(message(id));
    });

  return {
    pid,
    async start(coreOptions) {
      await new Promise<void>((resolve, reject) => {
        onGone.push(reject);
        const go = () => {
          onReady = () => {
            onGone = onGone.filter((r) => r !== reject);
            resolve();
          };
          post({ type: 'start', options: coreOptions });
        };
        if (warm) go();
        else onWarm = go;
      });
    },
    invoke: (channel, payload = {}) => call((id) => ({ type: 'invoke', id, channel, payload })),
    handleProtocolUrl: (url) => call<boolean>((id) => ({ type: 'protocol', id, url })),
    async close() {
      await call((id) => ({ type: 'close', id })).catch(() => undefined);
      child.disconnect?.();
      await exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    events,
    fatal,
    stderr: () => stderr,
    exited,
  };
}

/** Keeps `size` processes loading in the background, so a restart after a kill takes milliseconds. */
export class WarmPool {
  private readonly ready: CoreChild[] = [];
  private readonly all: CoreChild[] = [];

  constructor(
    private readonly size: number,
    private readonly options: SpawnOptions,
  ) {
    for (let i = 0; i < size; i += 1) this.add();
  }

  private add(): void {
    const child = spawnCoreChild(this.options);
    this.ready.push(child);
    this.all.push(child);
  }

  /** A process (maybe still loading), replaced at once by a new one. */
  take(): CoreChild {
    const child = this.ready.shift() ?? spawnCoreChild(this.options);
    if (!this.all.includes(child)) this.all.push(child);
    this.add();
    return child;
  }

  /** Every process this pool spawned, for crash reports. */
  spawned(): readonly CoreChild[] {
    return this.all;
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((child) => child.kill()));
  }
}

export function readFsTrace(logFile: string): FsTraceEntry[] {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return [];
  }
  // A kill can cut the last line short; every complete line parses.
  return text
    .split('\n')
    .filter((line) => line.endsWith('}'))
    .map((line) => JSON.parse(line) as FsTraceEntry);
}
