// Reads an answer's body as it streams in: in memory up to the spill threshold, then into an
// owner-only spill file, so a 200 MB body never sits in the main process's memory. Stops at the
// cap (after decompression) as readBody does.
import { open, type FileHandle } from 'node:fs/promises';
import { readBody } from '../proxy/read-body';
import type { UpstreamResponse } from '../proxy/transport';
import { removeQuietly } from './store';

/** Bytes of a spilled body's start kept in memory: its first page. */
export const FIRST_PAGE_BYTES = 64 * 1024;

export type Received =
  | { where: 'memory'; bytes: Uint8Array; truncated: boolean }
  | { where: 'file'; file: string; sizeBytes: number; head: Buffer; truncated: boolean };

export async function receiveBody(
  response: UpstreamResponse,
  max: number,
  spill: { thresholdBytes: number; path: () => string } | null,
): Promise<Received> {
  const declared = Number(response.headers['content-length'] ?? NaN);
  // A declared length counts only bytes as sent: a compressed body's says nothing of its size.
  if (!spill || (response.raw && Number.isInteger(declared) && declared <= Math.min(max, spill.thresholdBytes))) {
    return { where: 'memory', ...(await readBody(response, max)) };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  let file: { path: string; handle: FileHandle; head: Buffer } | undefined;
  try {
    for await (const piece of response.body as AsyncIterable<Uint8Array>) {
      let chunk = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      if (size + chunk.byteLength > max) {
        chunk = chunk.subarray(0, max - size);
        truncated = true;
      }
      size += chunk.byteLength;
      if (file) {
        await file.handle.write(chunk);
      } else {
        chunks.push(chunk);
        if (size > spill.thresholdBytes) {
          const path = spill.path();
          // 'wx': a new file only, never one someone placed there; 0600: the owner's alone.
          const handle = await open(path, 'wx', 0o600);
          const all = Buffer.concat(chunks);
          chunks.length = 0;
          file = { path, handle, head: Buffer.from(all.subarray(0, FIRST_PAGE_BYTES)) };
          await handle.write(all);
        }
      }
      if (truncated) {
        response.body.destroy();
        break;
      }
    }
  } catch (error) {
    if (file) {
      await file.handle.close().catch(() => undefined);
      removeQuietly(file.path);
    }
    throw error;
  }
  if (!file) return { where: 'memory', bytes: Buffer.concat(chunks), truncated };
  await file.handle.close();
  return { where: 'file', file: file.path, sizeBytes: size, head: file.head, truncated };
}
