import { isUtf8 } from 'node:buffer';

export interface ReadBody {
  bytes: Uint8Array;
  truncated: boolean;
}

/**
 * Reads at most `max` bytes and stops the stream there, so an oversized body is never held
 * whole in memory.
 */
export async function readBody(response: Response, max: number, headers: Record<string, string>): Promise<ReadBody> {
  if (!response.body) return { bytes: new Uint8Array(0), truncated: false };
  // A declared length under the cap is read in one go (the common case, and the fast one);
  // a lying server still cannot push past the cap, since the stream ends at the declared length.
  const declared = Number(headers['content-length'] ?? NaN);
  if (Number.isInteger(declared) && declared <= max && headers['content-encoding'] === undefined) {
    return { bytes: new Uint8Array(await response.arrayBuffer()), truncated: false };
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > max) {
      chunks.push(value.subarray(0, max - size));
      size = max;
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.byteLength;
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

const TEXTUAL = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|problem\+json|ld\+json)|[^;]*\+(json|xml))/i;
const JSONISH = /^application\/([^;]*\+)?json|^text\/json/i;

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
