import { isUtf8 } from 'node:buffer';
import type { UpstreamResponse } from './transport';

export interface ReadBody {
  bytes: Uint8Array;
  truncated: boolean;
}

/**
 * Reads at most `max` bytes (after decompression) and stops the stream there, so an oversized
 * body is never held whole in memory.
 */
export async function readBody(response: UpstreamResponse, max: number): Promise<ReadBody> {
  // A declared length under the cap is read in one go (the common case, and the fast one);
  // a lying server still cannot push past the cap, since the stream ends at the declared length.
  const declared = Number(response.headers['content-length'] ?? NaN);
  if (response.raw && Number.isInteger(declared) && declared <= max) {
    return { bytes: await response.bytes(), truncated: false };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    if (size + chunk.byteLength > max) {
      chunks.push(chunk.subarray(0, max - size));
      size = max;
      truncated = true;
      response.body.destroy();
      break;
    }
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  if (chunks.length === 1 && chunks[0]) return { bytes: chunks[0], truncated };
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, truncated };
}

export const TEXTUAL = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|problem\+json|ld\+json)|[^;]*\+(json|xml))/i;
export const JSONISH = /^application\/([^;]*\+)?json|^text\/json/i;

/** Text stays text; anything else (images, PDFs, media) goes back base64 so it survives IPC intact. */
export function decodeBody(
  bytes: Uint8Array,
  contentType: string | undefined,
  truncated: boolean,
): { body: string; bodyEncoding: 'utf8' | 'base64'; json?: unknown } {
  const type = contentType ?? '';
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string | null = null;
  if (TEXTUAL.test(type) || type === '') {
    // A body cut in the middle of a character is still text; one that is not UTF-8 at all is not.
    if (isUtf8(buffer)) text = buffer.toString('utf8');
    else if (truncated) text = new TextDecoder('utf-8').decode(buffer);
  }
  if (text === null) return { body: buffer.toString('base64'), bodyEncoding: 'base64' };
  if (!truncated && (JSONISH.test(type) || (type === '' && /^\s*[[{]/.test(text)))) {
    try {
      return { body: text, bodyEncoding: 'utf8', json: JSON.parse(text) };
    } catch {
      // Declared JSON that isn't: show it raw.
    }
  }
  return { body: text, bodyEncoding: 'utf8' };
}
