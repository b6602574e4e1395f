import { Readable } from 'node:stream';
import type { ProviderDefinition } from '../providers/types';
import type { UpstreamResponse } from './transport';

/** Google's error bodies are small; a 403 larger than this is not a rate limit. */
const PEEK_BYTES = 64 * 1024;

function reasonsOf(text: string): string[] {
  try {
    const errors = (JSON.parse(text) as { error?: { errors?: unknown } } | null)?.error?.errors;
    if (!Array.isArray(errors)) return [];
    return errors.map((entry) => (entry as { reason?: unknown } | null)?.reason).filter((r): r is string => typeof r === 'string');
  } catch {
    return [];
  }
}

/**
 * Whether an answer says "slow down": a 429, or a 403 whose reason the provider lists (Google's
 * `rateLimitExceeded`). A 403's body is read up to 64 KB to find out; the response handed back
 * replays what was read, so the caller still gets the whole body.
 */
export async function checkRateLimit(
  response: UpstreamResponse,
  provider: Pick<ProviderDefinition, 'rateLimitReasons'>,
): Promise<{ rateLimited: boolean; response: UpstreamResponse }> {
  if (response.status === 429) return { rateLimited: true, response };
  const reasons = provider.rateLimitReasons;
  if (response.status !== 403 || !reasons?.length) return { rateLimited: false, response };
  const iterator = (response.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size <= PEEK_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(Buffer.from(next.value));
    size += next.value.byteLength;
  }
  const bytes = Buffer.concat(head);
  const rateLimited = ended && reasonsOf(bytes.toString('utf8')).some((reason) => reasons.includes(reason));
  async function* replay(): AsyncGenerator<Uint8Array> {
    yield* head;
    if (!ended) for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const body = Readable.from(replay(), { objectMode: false });
  return {
    rateLimited,
    response: {
      ...response,
      body,
      // What is replayed is already decoded: not the bytes as sent.
      raw: false,
      bytes: async () => {
        const chunks: Uint8Array[] = [];
        for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(chunk);
        return Buffer.concat(chunks);
      },
      discard: async () => {
        body.destroy();
        await response.discard();
      },
    },
  };
}
