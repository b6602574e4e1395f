// Big answers for the body store's tests and the bench: a JSON document and binary bytes of a
// given size, built the same way every time (so a test can hash what was served), sent with a
// length, chunked, or gzip-compressed; and one that stops half-way and never ends.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { ApiRequest, ResourceServer } from './resource-server';

const cache = new Map<string, Buffer>();

/**
 * Exactly `bytes` bytes of JSON (UTF-8): `{"items":[{"id":0,"name":"item 0",…},…],"count":n}`, the
 * last item's note padded with spaces to land on the size. Benchmarks label their rows with it.
 */
export function bigJson(bytes: number): Buffer {
  const key = `json:${bytes}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const item = (n: number, pad = 0) =>
    JSON.stringify({
      id: n,
      name: `item ${n}`,
      tags: n % 7 === 0 ? ['needle', 'x'] : ['x'],
      note: `é lorem ipsum dolor sit amet${' '.repeat(pad)}`,
    });
  const close = (n: number) => `],"count":${n}}`;
  const parts: string[] = [];
  // Bytes so far: the opening, the items and their ",\n" separators, and the closing for n items.
  let size = Buffer.byteLength('{"items":[');
  for (let n = 0; ; n++) {
    const next = Buffer.byteLength(item(n)) + (n > 0 ? 2 : 0);
    if (size + next + close(n + 1).length > bytes && n > 0) {
      // The last item takes the bytes that are left (at least its own), as spaces in its note.
      const last = parts.pop() as string;
      size -= Buffer.byteLength(last) + (parts.length > 0 ? 2 : 0);
      const rest = bytes - size - (parts.length > 0 ? 2 : 0) - close(n).length;
      parts.push(item(n - 1, Math.max(0, rest - Buffer.byteLength(item(n - 1)))));
      const body = Buffer.from(`{"items":[${parts.join(',\n')}${close(n)}`);
      cache.set(key, body);
      return body;
    }
    parts.push(item(n));
    size += next;
  }
}

/** `bytes` bytes that are not UTF-8 (every value 0–255, a PDF's or an image's kind). */
export function bigBinary(bytes: number): Buffer {
  const key = `bin:${bytes}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const body = Buffer.alloc(bytes);
  let x = 2463534242;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    body[i] = x & 0xff;
  }
  cache.set(key, body);
  return body;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function send(request: ApiRequest, body: Buffer, type: string, how: string): Promise<undefined> {
  const { res } = request;
  const gzip = how === 'gzip';
  const payload = gzip ? gzipSync(body) : body;
  res.writeHead(200, {
    'content-type': type,
    ...(how === 'chunked' ? {} : { 'content-length': String(payload.length) }),
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  for (let at = 0; at < payload.length && !res.destroyed; at += 256 * 1024) {
    if (!res.write(payload.subarray(at, at + 256 * 1024))) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
  return undefined;
}

/**
 * Under `prefix` (an API base path): `big.json?bytes=&how=length|chunked|gzip`, `big.bin?bytes=&how=`,
 * and `stalled.json?bytes=`, which sends that many bytes and then nothing more, never ending.
 */
export function installBigBodyRoutes(api: ResourceServer, prefix: string): void {
  const size = (request: ApiRequest) => Number(request.query.get('bytes') ?? 2 * 1024 * 1024);
  const how = (request: ApiRequest) => request.query.get('how') ?? 'length';
  api.route('GET', `${prefix}/test/big.json`, (r) => send(r, bigJson(size(r)), 'application/json; charset=utf-8', how(r)), { auth: false });
  api.route('GET', `${prefix}/test/big.bin`, (r) => send(r, bigBinary(size(r)), 'application/pdf', how(r)), { auth: false });
  api.route(
    'GET',
    `${prefix}/test/stalled.json`,
    ({ res, query }) => {
      const body = bigJson(Number(query.get('bytes')) * 2);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(body.subarray(0, Number(query.get('bytes'))));
      return undefined;
    },
    { auth: false },
  );
}
