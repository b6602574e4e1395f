// Answers under the spill threshold: kept in memory with a handle, read with `api.body` (lines,
// children, search, filter, release) and saved byte for byte with `api.saveBody`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import { BODY_LINE_CHARS } from '../../src-shared/body';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';
import { installBigBodyRoutes } from '../support/big-bodies';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness;
let connection: Connection;
let saveTo: string | null = null;
const asked: { defaultName: string }[] = [];

const doc = {
  messages: [
    { id: 'm1', snippet: 'Lunch on Friday?', labels: ['INBOX', 'UNREAD'] },
    { id: 'm2', snippet: 'Invoice 42', labels: [] },
    { id: 'm3', snippet: 'lunch moved', nested: { deep: { value: 'LUNCH' } } },
  ],
  'key "quoted"': 'x\ny',
  total: 3,
  ok: true,
  none: null,
};
const binary = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 37) % 256));

beforeAll(async () => {
  h = await startHarness(
    { kind: 'google' },
    { bodyStore: { maxInMemory: 3 }, chooseSavePath: (request) => (asked.push(request), Promise.resolve(saveTo)) },
  );
  connection = await h.connect('google_gmail');
  h.peer.api.route('GET', '/gmail/v1/test/doc', () => ({ json: doc }), { auth: false });
  h.peer.api.route(
    'GET',
    '/gmail/v1/test/text',
    () => ({ headers: { 'content-type': 'text/plain' }, body: `one\r\ntwo\n${'é'.repeat(BODY_LINE_CHARS + 10)}\nlast` }),
    { auth: false },
  );
  h.peer.api.route('GET', '/gmail/v1/test/photo.png', () => ({ headers: { 'content-type': 'image/png' }, body: binary }), { auth: false });
  h.peer.api.route('GET', '/gmail/v1/test/empty', () => ({ headers: { 'content-type': 'text/plain' }, body: '' }), { auth: false });
});
afterAll(async () => {
  await h.close();
  removeAllTempDirs();
});

const get = (url: string) => h.core.invoke('api.request', { connectionId: connection.id, url });

describe('answers kept in memory', () => {
  it("carry a handle and keep today's shape", async () => {
    const response = await get('/test/doc');
    expect(response.json).toEqual(doc);
    expect(response.bodyHandle).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
      sizeBytes: response.sizeBytes,
      kind: 'json',
      partial: false,
    });
    expect((await get('/test/text')).bodyHandle).toMatchObject({ kind: 'text', partial: false });
    expect((await get('/test/photo.png')).bodyHandle).toMatchObject({ kind: 'binary', partial: false, sizeBytes: 5000 });
    expect((await get('/test/empty')).bodyHandle).toBeUndefined();
  });

  it("read a JSON node's children by path, in pages", async () => {
    const handle = (await get('/test/doc')).bodyHandle!.id;
    const root = await h.core.invoke('api.body', { handle, op: 'children', path: [], offset: 0, limit: 10 });
    expect(root).toMatchObject({ op: 'children', type: 'object', total: 5, offset: 0 });
    expect(root.op === 'children' && root.children.map((c) => [c.key, c.type, c.size])).toEqual([
      ['messages', 'array', 3],
      ['key "quoted"', 'string', undefined],
      ['total', 'number', undefined],
      ['ok', 'boolean', undefined],
      ['none', 'null', undefined],
    ]);
    expect(root.op === 'children' && root.children[1]?.preview).toBe('"x\\ny"');
    const page = await h.core.invoke('api.body', { handle, op: 'children', path: ['messages'], offset: 1, limit: 1 });
    expect(page).toMatchObject({
      total: 3,
      offset: 1,
      children: [{ key: 1, type: 'object', size: 3, preview: '{"id":"m2","snippet":"Invoice 42","labels":[]}' }],
    });
    const deep = await h.core.invoke('api.body', { handle, op: 'children', path: ['messages', 2, 'nested', 'deep'], offset: 0, limit: 5 });
    expect(deep).toMatchObject({ type: 'object', children: [{ key: 'value', type: 'string', preview: '"LUNCH"' }] });
    const missing = await errorOf(h.core.invoke('api.body', { handle, op: 'children', path: ['messages', 7], offset: 0, limit: 5 }));
    expect(missing).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('path.1: 7 is not in') });
  });

  it("are searched in keys and values: plain ignores case, case does not, regex is JavaScript's", async () => {
    const handle = (await get('/test/doc')).bodyHandle!.id;
    const plain = await h.core.invoke('api.body', { handle, op: 'search', query: 'lunch', mode: 'plain', offset: 0, limit: 10 });
    expect(plain).toMatchObject({ total: 3 });
    expect(plain.op === 'search' && plain.matches.map((m) => [m.path, m.in])).toEqual([
      [['messages', 0, 'snippet'], 'value'],
      [['messages', 2, 'snippet'], 'value'],
      [['messages', 2, 'nested', 'deep', 'value'], 'value'],
    ]);
    const paged = await h.core.invoke('api.body', { handle, op: 'search', query: 'lunch', mode: 'plain', offset: 2, limit: 1 });
    expect(paged).toMatchObject({ total: 3, offset: 2, matches: [{ preview: 'LUNCH' }] });
    expect(await h.core.invoke('api.body', { handle, op: 'search', query: 'Lunch', mode: 'case', offset: 0, limit: 10 })).toMatchObject({
      total: 1,
    });
    const keys = await h.core.invoke('api.body', { handle, op: 'search', query: '^(id|total)$', mode: 'regex', offset: 0, limit: 10 });
    expect(keys).toMatchObject({
      total: 4,
      matches: [{ path: ['messages', 0, 'id'], in: 'key', preview: 'id' }, {}, {}, { path: ['total'], in: 'key' }],
    });
    const bad = await errorOf(h.core.invoke('api.body', { handle, op: 'search', query: '(unclosed', mode: 'regex', offset: 0, limit: 10 }));
    expect(bad).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/query: not a regular expression .*Unterminated group/),
    });
  });

  it('are filtered with JSONPath; a bad expression says what is wrong', async () => {
    const handle = (await get('/test/doc')).bodyHandle!.id;
    const ids = await h.core.invoke('api.body', { handle, op: 'filter', expression: '$.messages[*].id' });
    expect(ids).toMatchObject({ op: 'filter', count: 3, truncated: false });
    expect(ids.op === 'filter' && JSON.parse(ids.json)).toEqual(['m1', 'm2', 'm3']);
    const some = await h.core.invoke('api.body', { handle, op: 'filter', expression: '$.messages[?(@.labels && @.labels.length > 0)].id' });
    expect(some.op === 'filter' && JSON.parse(some.json)).toEqual(['m1']);
    for (const [expression, says] of [
      ['messages[0]', 'must start with $'],
      ['$.messages[0', '"[" is never closed'],
      ['$.messages[?(@.id ==)]', 'expression:'],
    ]) {
      expect(await errorOf(h.core.invoke('api.body', { handle, op: 'filter', expression: expression! })), expression).toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining(says!),
      });
    }
    const text = (await get('/test/text')).bodyHandle!.id;
    expect(await errorOf(h.core.invoke('api.body', { handle: text, op: 'filter', expression: '$' }))).toMatchObject({
      code: 'invalid_input',
    });
  });

  it('read as lines: a long line in segments of BODY_LINE_CHARS, \\r\\n cut like \\n', async () => {
    const handle = (await get('/test/text')).bodyHandle!.id;
    const all = await h.core.invoke('api.body', { handle, op: 'lines', start: 0, count: 100 });
    expect(all).toEqual({
      op: 'lines',
      start: 0,
      totalLines: 5,
      lines: ['one', 'two', 'é'.repeat(BODY_LINE_CHARS), 'é'.repeat(10), 'last'],
    });
    expect(await h.core.invoke('api.body', { handle, op: 'lines', start: 4, count: 5 })).toMatchObject({ lines: ['last'], totalLines: 5 });
    const found = await h.core.invoke('api.body', { handle, op: 'search', query: 'LAST', mode: 'plain', offset: 0, limit: 5 });
    expect(found).toMatchObject({ total: 1, matches: [{ path: [], in: 'value', line: 4, preview: 'last' }] });
    const photo = (await get('/test/photo.png')).bodyHandle!.id;
    expect(await errorOf(h.core.invoke('api.body', { handle: photo, op: 'lines', start: 0, count: 5 }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('binary'),
    });
  });

  it('are saved byte for byte where the person chooses; a cancelled dialog saves nothing', async () => {
    const dir = makeTempDir();
    const photo = (await get('/test/photo.png')).bodyHandle!.id;
    saveTo = join(dir, 'chosen.png');
    expect(await h.core.invoke('api.saveBody', { handle: photo })).toEqual({ saved: true, fileName: 'chosen.png', bytes: 5000 });
    expect(readFileSync(saveTo).equals(binary)).toBe(true);
    expect(asked.at(-1)).toMatchObject({ defaultName: 'photo.png' });
    const json = (await get('/test/doc')).bodyHandle!.id;
    saveTo = null;
    expect(await h.core.invoke('api.saveBody', { handle: json })).toEqual({ saved: false });
    expect(asked.at(-1)).toMatchObject({ defaultName: 'doc.json' });
  });

  it('are released on request and when newer ones push them out (oldest first)', async () => {
    const first = (await get('/test/doc')).bodyHandle!.id;
    expect(await h.core.invoke('api.body', { handle: first, op: 'release' })).toEqual({ op: 'release', released: true });
    expect(await h.core.invoke('api.body', { handle: first, op: 'release' })).toEqual({ op: 'release', released: false });
    const gone = await errorOf(h.core.invoke('api.body', { handle: first, op: 'lines', start: 0, count: 1 }));
    expect(gone).toMatchObject({ code: 'not_found', message: 'This answer is no longer kept. Send the request again.' });
    const kept = [];
    for (let n = 0; n < 4; n++) kept.push((await get('/test/doc')).bodyHandle!.id);
    // maxInMemory is 3: the oldest of the four went.
    expect(await errorOf(h.core.invoke('api.saveBody', { handle: kept[0]! }))).toMatchObject({ code: 'not_found' });
    for (const handle of kept.slice(1)) {
      expect(await h.core.invoke('api.body', { handle, op: 'lines', start: 0, count: 1 })).toMatchObject({ op: 'lines' });
    }
  });
});

describe('the body cap', () => {
  it("is 200 MiB by default (or the embedder's), settable from 1 MiB to 1 GiB, and survives a restart", async () => {
    const fresh = await startHarness({ kind: 'google' });
    try {
      expect(await fresh.core.invoke('settings.getBodyCap', {})).toEqual({
        maxBodyBytes: 200 * 1024 * 1024,
        isDefault: true,
        defaultBytes: 200 * 1024 * 1024,
        minBytes: 1024 * 1024,
        maxBytes: 1024 * 1024 * 1024,
      });
      const tooSmall = await errorOf(fresh.core.invoke('settings.setBodyCap', { maxBodyBytes: 1000 }));
      expect(tooSmall).toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('maxBodyBytes: must be at least 1048576 bytes (1 MiB)'),
      });
      expect(await fresh.core.invoke('settings.setBodyCap', { maxBodyBytes: 1024 * 1024 })).toMatchObject({
        maxBodyBytes: 1024 * 1024,
        isDefault: false,
      });
      const connection = await fresh.connect('google_gmail');
      installBigBodyRoutes(fresh.peer.api, '/gmail/v1');
      const cut = await fresh.core.invoke('api.request', {
        connectionId: connection.id,
        url: '/test/big.bin',
        query: { bytes: String(3 * 1024 * 1024) },
      });
      expect(cut).toMatchObject({ truncated: true, sizeBytes: 1024 * 1024 });
      await fresh.restart();
      expect(await fresh.core.invoke('settings.getBodyCap', {})).toMatchObject({ maxBodyBytes: 1024 * 1024, isDefault: false });
      expect(await fresh.core.invoke('settings.setBodyCap', { maxBodyBytes: null })).toMatchObject({
        maxBodyBytes: 200 * 1024 * 1024,
        isDefault: true,
      });
    } finally {
      await fresh.close();
    }
  });
});

describe('a read that runs away', () => {
  it('is stopped in the worker after bodyReadTimeoutMs while the main thread keeps answering; the next read works', async () => {
    const slow = await startHarness({ kind: 'google' }, { bodyReadTimeoutMs: 1500 });
    try {
      const connection = await slow.connect('google_gmail');
      // A regular expression that backtracks exponentially on a run of a's that ends wrong.
      slow.peer.api.route('GET', '/gmail/v1/test/trap', () => ({ json: { text: `${'a'.repeat(40)}!` } }), { auth: false });
      const handle = (await slow.core.invoke('api.request', { connectionId: connection.id, url: '/test/trap' })).bodyHandle!.id;
      const search = errorOf(slow.core.invoke('api.body', { handle, op: 'search', query: '^(a+)+$', mode: 'regex', offset: 0, limit: 5 }));
      // Meanwhile the main thread answers other calls at once (loosely: a loaded machine is slow, not blocked).
      let slowest = 0;
      for (let n = 0; n < 5; n++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const started = performance.now();
        await slow.core.invoke('app.info', {});
        slowest = Math.max(slowest, performance.now() - started);
      }
      expect(slowest).toBeLessThan(500);
      expect(await search).toMatchObject({ code: 'timeout', message: expect.stringContaining('took over 2 s') });
      const again = await slow.core.invoke('api.body', { handle, op: 'search', query: 'A', mode: 'plain', offset: 0, limit: 5 });
      expect(again).toMatchObject({ total: 1, matches: [{ path: ['text'] }] });
    } finally {
      await slow.close();
    }
  });
});
