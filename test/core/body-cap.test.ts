// The body cap at its edges: max - 1, max and max + 1 bytes, sent with a declared length, chunked
// (no length) and gzip-compressed (the declared length is the small compressed one). Bodies far
// over the cap are the load test's; here one byte decides.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import type { ApiReply } from '../support/resource-server';
import { removeAllTempDirs } from '../support/temp-dir';
import { startHarness, type Harness } from './harness';

const MAX = 1000;
let h: Harness;
let connection: Connection;

beforeAll(async () => {
  h = await startHarness({ kind: 'google' }, { maxBodyBytes: MAX });
  connection = await h.connect('google_gmail');
  // `n` bytes of "a" (or of random bytes with `binary`), as `how` says: with a length, chunked in
  // 300-byte pieces, or gzip. A handler that writes pieces answers on `res` itself.
  h.peer.api.route(
    'GET',
    '/gmail/v1/test/edge',
    ({ query, res }): ApiReply | undefined => {
      const body = Buffer.alloc(Number(query.get('n')), 'a');
      const how = query.get('how');
      if (how === 'gzip') return { headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' }, body: gzipSync(body) };
      if (how === 'length') return { headers: { 'content-type': 'text/plain' }, body };
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let at = 0; at < body.length; at += 300) res.write(body.subarray(at, at + 300));
      res.end();
      return undefined;
    },
    { auth: false },
  );
});
afterAll(async () => {
  await h.close();
  removeAllTempDirs();
});

const edge = (n: number, how: string) =>
  h.core.invoke('api.request', { connectionId: connection.id, url: '/test/edge', query: { n: String(n), how } });

describe('the body cap', () => {
  it.each(['length', 'chunked', 'gzip'])('keeps a body of max - 1 and of max bytes whole (%s)', async (how) => {
    for (const n of [MAX - 1, MAX]) {
      const response = await edge(n, how);
      expect(response, `${n} bytes`).toMatchObject({ status: 200, truncated: false, sizeBytes: n, bodyEncoding: 'utf8' });
      expect(response.body).toBe('a'.repeat(n));
    }
  });

  it.each(['length', 'chunked', 'gzip'])('cuts a body of max + 1 bytes at max and says so (%s)', async (how) => {
    const response = await edge(MAX + 1, how);
    expect(response).toMatchObject({ status: 200, truncated: true, sizeBytes: MAX });
    expect(response.body).toBe('a'.repeat(MAX));
  });

  it('cuts a chunked body whose last piece straddles the cap, keeping the bytes before it', async () => {
    // Pieces of 300: the fourth (900–1199) crosses 1000 and is cut to its first 100 bytes.
    const response = await edge(1200, 'chunked');
    expect(response).toMatchObject({ truncated: true, sizeBytes: MAX });
    expect(response.body).toBe('a'.repeat(MAX));
  });

  it('an empty body is empty, not truncated', async () => {
    for (const how of ['length', 'chunked', 'gzip']) {
      expect(await edge(0, how), how).toMatchObject({ status: 200, truncated: false, sizeBytes: 0, body: '' });
    }
  });
});
