// Answers past the spill threshold: streamed to an owner-only file in the data directory's cache
// (length, chunked, gzip), answered with their first page, read through the body worker, saved
// byte for byte, and their files removed on release, on close and at the next start.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import { spillDir } from '../../src-main/core/body/store';
import { bigBinary, bigJson, installBigBodyRoutes, sha256 } from '../support/big-bodies';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, type Harness } from './harness';

const MiB = 1024 * 1024;
let h: Harness;
let connection: Connection;
let saveTo: string | null = null;

beforeAll(async () => {
  h = await startHarness({ kind: 'google' }, { chooseSavePath: () => Promise.resolve(saveTo) });
  connection = await h.connect('google_gmail');
  installBigBodyRoutes(h.peer.api, '/gmail/v1');
});
afterAll(async () => {
  await h.close();
  removeAllTempDirs();
});

const get = (url: string, query: Record<string, string>) => h.core.invoke('api.request', { connectionId: connection.id, url, query });
const spilled = () => readdirSync(spillDir(h.dataDir));

describe('a body past the spill threshold', () => {
  it.each(['length', 'chunked', 'gzip'])('goes to an owner-only file; the answer carries its first page (%s)', async (how) => {
    const served = bigJson(3 * MiB);
    const response = await get('/test/big.json', { bytes: String(3 * MiB), how });
    expect(response).toMatchObject({ status: 200, truncated: false, sizeBytes: served.length, bodyEncoding: 'utf8' });
    expect(response.bodyHandle).toMatchObject({ kind: 'json', partial: true, sizeBytes: served.length });
    expect(response.json).toBeUndefined();
    expect(response.body.length).toBeGreaterThan(60_000);
    expect(served.toString('utf8').startsWith(response.body)).toBe(true);
    const files = spilled();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(statSync(join(spillDir(h.dataDir), file)).mode & 0o777).toBe(0o600);
    expect(statSync(spillDir(h.dataDir)).mode & 0o777).toBe(0o700);
    await h.core.invoke('api.body', { handle: response.bodyHandle!.id, op: 'release' });
  });

  it('is read through the worker: children, lines, search with n of N, filter', async () => {
    const served = bigJson(5 * MiB);
    const doc = JSON.parse(served.toString('utf8')) as { items: { id: number; tags: string[] }[]; count: number };
    const handle = (await get('/test/big.json', { bytes: String(5 * MiB), how: 'chunked' })).bodyHandle!.id;
    const root = await h.core.invoke('api.body', { handle, op: 'children', path: [], offset: 0, limit: 10 });
    expect(root).toMatchObject({
      type: 'object',
      total: 2,
      children: [
        { key: 'items', type: 'array', size: doc.count },
        { key: 'count', preview: String(doc.count) },
      ],
    });
    // The last item but one: the last one's note is padded to the size asked for.
    const late = await h.core.invoke('api.body', { handle, op: 'children', path: ['items', doc.count - 2], offset: 0, limit: 10 });
    expect(late).toMatchObject({
      type: 'object',
      children: [{ key: 'id', preview: String(doc.count - 2) }, {}, {}, { key: 'note', preview: '"é lorem ipsum dolor sit amet"' }],
    });
    const lines = await h.core.invoke('api.body', { handle, op: 'lines', start: 1, count: 2 });
    expect(lines).toMatchObject({ totalLines: doc.count, lines: served.toString('utf8').split('\n').slice(1, 3) });
    const needles = doc.items.filter((item) => item.tags.includes('needle')).length;
    const search = await h.core.invoke('api.body', { handle, op: 'search', query: 'NEEDLE', mode: 'plain', offset: 1, limit: 2 });
    expect(search).toMatchObject({
      total: needles,
      offset: 1,
      matches: [{ path: ['items', 7, 'tags', 0], in: 'value', preview: 'needle' }, { path: ['items', 14, 'tags', 0] }],
    });
    const filter = await h.core.invoke('api.body', { handle, op: 'filter', expression: '$.items[?(@.id % 1000 === 0)].id' });
    expect(filter.op === 'filter' && JSON.parse(filter.json)).toEqual(
      doc.items.filter((item) => item.id % 1000 === 0).map((item) => item.id),
    );
    expect(
      await errorOf(h.core.invoke('api.body', { handle, op: 'search', query: '[', mode: 'regex', offset: 0, limit: 1 })),
    ).toMatchObject({
      code: 'invalid_input',
    });
    await h.core.invoke('api.body', { handle, op: 'release' });
  });

  it.each(['length', 'gzip'])('is saved byte for byte, binary too (%s)', async (how) => {
    const dir = makeTempDir();
    for (const [url, served] of [
      ['/test/big.json', bigJson(3 * MiB)],
      ['/test/big.bin', bigBinary(3 * MiB)],
    ] as const) {
      const response = await get(url, { bytes: String(3 * MiB), how });
      expect(response.bodyHandle).toMatchObject({ partial: true, kind: url.endsWith('bin') ? 'binary' : 'json' });
      if (url.endsWith('bin')) expect(Buffer.from(response.body, 'base64').equals(served.subarray(0, 64 * 1024))).toBe(true);
      saveTo = join(dir, `saved-${how}${url.slice(-5)}`);
      expect(await h.core.invoke('api.saveBody', { handle: response.bodyHandle!.id })).toMatchObject({ saved: true, bytes: served.length });
      expect(sha256(readFileSync(saveTo))).toBe(sha256(served));
      await h.core.invoke('api.body', { handle: response.bodyHandle!.id, op: 'release' });
    }
  });

  it('its file goes on release, on close, and a leftover at the next start', async () => {
    const before = new Set(spilled());
    const handle = (await get('/test/big.json', { bytes: String(2 * MiB), how: 'length' })).bodyHandle!.id;
    const mine = spilled().filter((file) => !before.has(file));
    expect(mine).toHaveLength(1);
    await h.core.invoke('api.body', { handle, op: 'release' });
    expect(existsSync(join(spillDir(h.dataDir), mine[0]!))).toBe(false);
    expect(await errorOf(h.core.invoke('api.body', { handle, op: 'lines', start: 0, count: 1 }))).toMatchObject({ code: 'not_found' });

    await get('/test/big.json', { bytes: String(2 * MiB), how: 'length' });
    expect(spilled().length).toBeGreaterThan(0);
    await h.core.close();
    expect(existsSync(spillDir(h.dataDir))).toBe(false);

    // As a crash would leave it: a spill file nobody removed.
    const dir = spillDir(h.dataDir);
    await import('node:fs').then(({ mkdirSync }) => mkdirSync(dir, { recursive: true }));
    writeFileSync(join(dir, 'leftover.body'), 'x');
    await h.restart();
    expect(spilled()).toEqual([]);
    connection = (await h.core.invoke('connections.list', {}))[0]!;
  });
});
