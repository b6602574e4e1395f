export interface ReadBody {
  bytes: Uint8Array;
  truncated: boolean;
}

/**
 * Reads at most `max` bytes and stops the stream there, so an oversized body is never held
 * whole in memory.
 */
export async function readBody(response: Response, max: number): Promise<ReadBody> {
  if (!response.body) return { bytes: new Uint8Array(0), truncated: false };
  // A declared length under the cap is read in one go (the common case, and the fast one);
  // a lying server still cannot push past the cap, since the stream ends at the declared length.
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isInteger(declared) && declared <= max && !response.headers.has('content-encoding')) {
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
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text stays text; anything else (images, PDFs, media) goes back base64 so it survives IPC intact. */
export function decodeBody(
  bytes: Uint8Array,
  contentType: string | null,
  truncated: boolean,
): { body: string; bodyEncoding: 'utf8' | 'base64'; json?: unknown } {
  const type = contentType ?? '';
  let text: string | null = null;
  if (TEXTUAL.test(type) || type === '') {
    try {
      text = utf8.decode(bytes);
    } catch {
      // A cut in the middle of a character, or not text after all.
      text = truncated ? new TextDecoder('utf-8').decode(bytes) : null;
    }
  }
  if (text === null) return { body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), bodyEncoding: 'base64' };
  if (!truncated && (JSONISH.test(type) || (type === '' && /^\s*[[{]/.test(text)))) {
    try {
      return { body: text, bodyEncoding: 'utf8', json: JSON.parse(text) };
    } catch {
      // Declared JSON that isn't: show it raw.
    }
  }
  return { body: text, bodyEncoding: 'utf8' };
}
