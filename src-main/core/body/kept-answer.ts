// An `api.request` answer whose body is kept for `api.body`: a small body keeps today's shape
// (`body`, `json`) plus its handle; a spilled one carries its first page and `partial: true`.
import type { BodyHandle } from '../../../src-shared/body';
import type { ApiResponse } from '../../../src-shared/types';
import { decodeBody, JSONISH, TEXTUAL } from '../proxy/read-body';
import type { UpstreamResponse } from '../proxy/transport';
import { receiveBody } from './receive';
import type { BodyStore } from './store';

type Head = Pick<ApiResponse, 'status' | 'statusText' | 'headers' | 'attempts' | 'refreshed' | 'url' | 'waitedMs'>;

export async function keptAnswer(
  response: UpstreamResponse,
  store: BodyStore,
  max: number,
  head: Head,
): Promise<Omit<ApiResponse, 'durationMs'>> {
  const contentType = response.headers['content-type'] ?? '';
  const received = await receiveBody(response, max, { thresholdBytes: store.limits.spillThresholdBytes, path: () => store.spillPath() });
  if (received.where === 'memory') {
    const { bytes, truncated } = received;
    const decoded = decodeBody(bytes, contentType, truncated);
    const answer = { ...head, ...decoded, sizeBytes: bytes.byteLength, truncated };
    if (bytes.byteLength === 0) return answer;
    const kind: BodyHandle['kind'] = decoded.json !== undefined ? 'json' : decoded.bodyEncoding === 'utf8' ? 'text' : 'binary';
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const bodyHandle = store.keep({ contentType, url: head.url, bytes: buffer }, { sizeBytes: bytes.byteLength, kind, partial: false });
    return { ...answer, bodyHandle };
  }
  const { file, sizeBytes, truncated } = received;
  const page = firstPage(received.head, contentType);
  const kind: BodyHandle['kind'] =
    page.encoding === 'base64'
      ? 'binary'
      : !truncated && (JSONISH.test(contentType) || (contentType === '' && /^\s*[[{]/.test(page.text)))
        ? 'json'
        : 'text';
  const bodyHandle = store.keep({ contentType, url: head.url, file }, { sizeBytes, kind, partial: true });
  return { ...head, body: page.text, bodyEncoding: page.encoding, sizeBytes, truncated, bodyHandle };
}

/** The first page as text when the body is text (cut before a split character), else base64. */
function firstPage(bytes: Buffer, contentType: string): { text: string; encoding: 'utf8' | 'base64' } {
  if (TEXTUAL.test(contentType) || contentType === '') {
    try {
      // `stream`: a character cut at the page's end is held back, not an error.
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true }), encoding: 'utf8' };
    } catch {
      // Not UTF-8: binary after all.
    }
  }
  return { text: bytes.toString('base64'), encoding: 'base64' };
}
