// Starts the body worker (worker.ts) on first use and sends it `api.body` reads. A read that takes
// too long (a regular expression that backtracks for ever) ends the worker, not the main thread;
// the next read starts a new one.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BodyHandle, BodyRequest } from '../../../src-shared/body';
import { ERROR_CODES, type ErrorCode } from '../../../src-shared/types';
import { CoreError } from '../errors';
import type { BodySource, WorkerReply, WorkerRequest } from './worker-protocol';

interface Pending {
  resolve(value: unknown): void;
  reject(error: CoreError): void;
  timer: NodeJS.Timeout;
}

/** From source (tests, tsx) the worker is the .ts file beside this one; the app passes its bundled path. */
const SOURCE_ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));

export class BodyWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly entry: string = SOURCE_ENTRY,
    private readonly timeoutMs: number = 60_000,
  ) {}

  read(handle: string, kind: BodyHandle['kind'], source: BodySource, request: BodyRequest): Promise<unknown> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        void this.stop(new CoreError('cancelled', 'Another read of this answer was stopped: a search ran too long.'));
        reject(
          new CoreError(
            'timeout',
            `Reading this answer took over ${Math.round(this.timeoutMs / 1000)} s, so Junction stopped; try a simpler search or filter.`,
          ),
        );
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ type: 'read', id, handle, kind, source, request } satisfies WorkerRequest);
    });
  }

  /** Starts the worker ahead of its first read (a big body is downloading); a failure shows at that read. */
  warm(): void {
    try {
      this.start();
    } catch {
      // Reported by the read that needs the worker.
    }
  }

  release(handle: string): void {
    this.worker?.postMessage({ type: 'release', handle } satisfies WorkerRequest);
  }

  close(): Promise<void> {
    return this.stop(new CoreError('cancelled', 'Junction is closing.'));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    if (!existsSync(this.entry)) throw new CoreError('internal', `Junction's body reader is missing (${this.entry}); reinstall Junction.`);
    const worker = new Worker(this.entry, {
      execArgv: this.entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
      // A filter parses the body whole: room for a 300 MB one. A small young generation keeps a
      // search's short-lived strings from piling up (200 MiB body: peak RSS 603 → 453 MiB).
      resourceLimits: { maxOldGenerationSizeMb: 4096, maxYoungGenerationSizeMb: 8 },
    });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      clearTimeout(waiting.timer);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new CoreError(asCode(reply.code), reply.message));
    });
    const fail = (error: unknown) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const out = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.rejectAll(
        out
          ? new CoreError('invalid_input', 'This answer is too big to read this way here; search it or save it to a file instead.')
          : new CoreError('internal', "Junction's body reader stopped; try again.", { cause: error }),
      );
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit ${code}`)));
    this.worker = worker;
    return worker;
  }

  private async stop(reason: CoreError): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.rejectAll(reason);
    await worker?.terminate();
  }

  private rejectAll(reason: CoreError): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(reason);
      this.pending.delete(id);
    }
  }
}

function asCode(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal';
}
