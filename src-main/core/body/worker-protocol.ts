// Messages between the main thread (worker-client.ts) and the body worker (worker.ts).
import type { BodyHandle, BodyRequest } from '../../../src-shared/body';

export type BodySource = { file: string } | { bytes: Uint8Array };

export type WorkerRequest =
  | { type: 'read'; id: number; handle: string; kind: BodyHandle['kind']; source: BodySource; request: BodyRequest }
  | { type: 'release'; handle: string };

export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; code: string; message: string };
