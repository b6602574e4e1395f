// The body worker: a worker_thread that reads kept bodies for `api.body`, so a search over 100 MB
// or the parse a JSONPath filter needs never blocks the main thread (worker-client.ts starts it).
// Plain Node, no imports beyond the body readers: it is bundled as an entry of its own.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { BodyRequest } from '../../../src-shared/body';
import { BodyIndex } from './body-index';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

/** Bodies held at once (bytes plus indexes); the least recently read goes first, the one in use never. */
const BUDGET_BYTES = 320 * 1024 * 1024;
const held = new Map<string, BodyIndex>();

function indexFor(message: Extract<WorkerRequest, { type: 'read' }>): BodyIndex {
  let index = held.get(message.handle);
  if (index) {
    held.delete(message.handle);
  } else {
    const bytes = 'file' in message.source ? readFileSync(message.source.file) : Buffer.from(message.source.bytes);
    index = new BodyIndex(bytes, message.kind);
  }
  held.set(message.handle, index);
  let total = 0;
  for (const kept of held.values()) total += kept.bytes.length + kept.overheadBytes;
  for (const [handle, kept] of held) {
    if (total <= BUDGET_BYTES || kept === index) break;
    held.delete(handle);
    total -= kept.bytes.length + kept.overheadBytes;
  }
  return index;
}

function run(index: BodyIndex, request: BodyRequest): unknown {
  switch (request.op) {
    case 'lines':
      return index.lines(request);
    case 'children':
      return index.children(request);
    case 'search':
      return index.search(request);
    case 'filter':
      return index.filter(request);
    case 'release':
      return { op: 'release', released: held.delete(request.handle) };
  }
}

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.type === 'release') {
    held.delete(message.handle);
    return;
  }
  let reply: WorkerReply;
  try {
    reply = { id: message.id, ok: true, result: run(indexFor(message), message.request) };
  } catch (error) {
    const { code, message: text } = error as { code?: unknown; message?: unknown };
    reply = {
      id: message.id,
      ok: false,
      code: typeof code === 'string' ? code : 'internal',
      message: typeof text === 'string' ? text : String(error),
    };
  }
  parentPort?.postMessage(reply);
});
