// Saved requests in the engine: kept per service in the data directory, apart from history,
// renamed, deleted, exported through the save dialog and imported all-or-nothing. A damaged or
// foreign file changes nothing on disk; the core's own headers never reach the file.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedDraft } from '../../src-shared/saved';
import { removeAllTempDirs, makeTempDir } from '../support/temp-dir';
import { errorOf, startHarness, type Harness } from './harness';

const form = (patch: Partial<SavedDraft> = {}): SavedDraft => ({
  method: 'GET',
  url: '/users/me/profile',
  query: [],
  headers: [],
  body: '',
  ...patch,
});
const row = (key: string, value: string) => ({ key, value, enabled: true });

let h: Harness;
let outDir: string;
/** What the save dialog answers next: a path, or null for Cancel. */
let nextPath: string | null = null;
const asked: string[] = [];

beforeAll(async () => {
  outDir = makeTempDir('junction-saved-');
  h = await startHarness(
    { kind: 'google' },
    {
      chooseSavePath: (request) => {
        asked.push(request.defaultName);
        return Promise.resolve(nextPath);
      },
    },
  );
});
afterAll(async () => {
  await h.close();
  removeAllTempDirs();
});

const storeFile = () => join(h.dataDir, 'saved-requests.json');

describe('saved requests', () => {
  it('are kept per service, renamed and deleted, and survive a restart', async () => {
    const a = await h.core.invoke('saved.save', { service: 'google_gmail', name: '  Profile  ', request: form() });
    expect(a.name).toBe('Profile');
    const b = await h.core.invoke('saved.save', {
      service: 'google_drive',
      name: 'Files',
      request: form({ url: '/files', query: [row('pageSize', '10')] }),
    });
    expect((await h.core.invoke('saved.list', { service: 'google_gmail' })).map((r) => r.id)).toEqual([a.id]);
    expect((await h.core.invoke('saved.list', {})).map((r) => r.id)).toEqual([a.id, b.id]);
    const renamed = await h.core.invoke('saved.rename', { id: a.id, name: 'My profile' });
    expect(renamed).toMatchObject({ id: a.id, name: 'My profile', request: form() });
    expect(statSync(storeFile()).mode & 0o777).toBe(0o600);

    await h.restart();
    const after = await h.core.invoke('saved.list', undefined);
    expect(after.map((r) => [r.name, r.service, r.request.url])).toEqual([
      ['My profile', 'google_gmail', '/users/me/profile'],
      ['Files', 'google_drive', '/files'],
    ]);
    expect(await h.core.invoke('saved.delete', { id: b.id })).toEqual({ deleted: true });
    expect(await h.core.invoke('saved.delete', { id: b.id })).toEqual({ deleted: false });
    const gone = await errorOf(h.core.invoke('saved.rename', { id: b.id, name: 'x' }));
    expect(gone.code).toBe('not_found');
    await h.core.invoke('saved.delete', { id: a.id });
  });

  it('never keeps a header the core owns (an Authorization typed into the form)', async () => {
    const token = 'ya29.a-secret-typed-by-hand';
    const saved = await h.core.invoke('saved.save', {
      service: 'google_gmail',
      name: 'With headers',
      request: form({ headers: [row('Authorization', `Bearer ${token}`), row(' cookie ', 'sid=1'), row('X-Trace', '1')] }),
    });
    expect(saved.request.headers).toEqual([row('X-Trace', '1')]);
    expect(readFileSync(storeFile(), 'utf8')).not.toContain(token);
    expect(readFileSync(storeFile(), 'utf8')).not.toContain('sid=1');
    await h.core.invoke('saved.delete', { id: saved.id });
  });

  it('export writes a JSON file through the save dialog, and import brings it back without duplicates', async () => {
    const a = await h.core.invoke('saved.save', { service: 'google_gmail', name: 'Labels', request: form({ url: '/users/me/labels' }) });
    const b = await h.core.invoke('saved.save', { service: 'spotify', name: 'Me', request: form({ url: '/me' }) });
    nextPath = null;
    expect(await h.core.invoke('saved.export', {})).toEqual({ saved: false, count: 0 });
    nextPath = join(outDir, 'export.json');
    expect(await h.core.invoke('saved.export', { service: 'google_gmail' })).toEqual({ saved: true, fileName: 'export.json', count: 1 });
    expect(asked.at(-1)).toBe('junction-saved-requests-google_gmail.json');
    const text = readFileSync(nextPath, 'utf8');
    const file = JSON.parse(text) as { format: string; version: number; requests: unknown[] };
    expect(file).toMatchObject({ format: 'junction.saved-requests', version: 1, requests: [{ service: 'google_gmail', name: 'Labels' }] });
    expect(text).not.toContain(a.id);

    // The same file again adds nothing; after a delete it brings the request back.
    expect(await h.core.invoke('saved.import', { text })).toEqual({ imported: 0, skipped: 1 });
    await h.core.invoke('saved.delete', { id: a.id });
    expect(await h.core.invoke('saved.import', { text })).toEqual({ imported: 1, skipped: 0 });
    const list = await h.core.invoke('saved.list', {});
    expect(list.map((r) => r.name)).toEqual(['Me', 'Labels']);
    for (const r of list) await h.core.invoke('saved.delete', { id: r.id });
    void b;
  });

  it('export without a save dialog is refused with invalid_input', async () => {
    const core = await h.restart({ chooseSavePath: undefined });
    expect((await errorOf(core.invoke('saved.export', {}))).code).toBe('invalid_input');
    await h.restart();
  });

  const valid = (requests: unknown[]) => JSON.stringify({ format: 'junction.saved-requests', version: 1, requests });
  const entry = { service: 'google_gmail', name: 'ok', request: form() };

  it.each([
    ['not JSON (a cut-off file)', valid([entry]).slice(0, 40), /not JSON/],
    ['an empty object', '{}', /not a file of Junction's saved requests/],
    [
      'another app’s JSON (a Postman collection)',
      JSON.stringify({ info: { name: 'x' }, item: [] }),
      /not a file of Junction's saved requests/,
    ],
    ['an array', '[1,2]', /not a file of Junction's saved requests/],
    ['a newer version', JSON.stringify({ format: 'junction.saved-requests', version: 9, requests: [] }), /newer Junction/],
    [
      'one bad entry among good ones',
      valid([entry, { ...entry, request: { ...form(), method: 'FETCH' } }]),
      /requests\.1\.request\.method/,
    ],
    ['an unknown service', valid([{ ...entry, service: 'github' }]), /requests\.0\.service/],
    ['a name with a line break', valid([{ ...entry, name: 'a\nb' }]), /requests\.0\.name/],
    ['too many for one service', valid(Array.from({ length: 201 }, (_, i) => ({ ...entry, name: `n${i}` }))), /more than 200/],
    ['deep nesting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, /not a file|not JSON/],
  ])('a damaged or foreign file (%s) is refused and nothing of the list is lost', async (_what, text, message) => {
    const kept = await h.core.invoke('saved.save', { service: 'google_gmail', name: 'Keep me', request: form() });
    const before = readFileSync(storeFile(), 'utf8');
    const error = await errorOf(h.core.invoke('saved.import', { text }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/Nothing was imported/);
    expect(readFileSync(storeFile(), 'utf8')).toBe(before);
    expect((await h.core.invoke('saved.list', {})).map((r) => r.id)).toEqual([kept.id]);
    await h.core.invoke('saved.delete', { id: kept.id });
  });

  it("a file that does not parse is refused without quoting it: the parser's words would echo its bytes", async () => {
    for (const text of ['{"token": "ya29.secret-bytes" oops', '[undefined, 1]', '{"zz-field": [']) {
      const error = await errorOf(h.core.invoke('saved.import', { text }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/not JSON/);
      expect(error.message).not.toMatch(/secret-bytes|undefined|zz-field/);
    }
    const cut = await errorOf(h.core.invoke('saved.import', { text: valid([entry]).slice(0, 40) }));
    expect(cut.message).toMatch(/ends part-way through/);
  });

  it('a saved-requests file damaged on disk is set aside and the start goes on', async () => {
    await h.core.invoke('saved.save', { service: 'google_gmail', name: 'x', request: form() });
    await h.core.close();
    writeFileSync(storeFile(), '{"version":1,"requests":[');
    const core = await h.restart();
    expect(await core.invoke('saved.list', {})).toEqual([]);
    const info = await core.invoke('app.info', {});
    expect(info.notices.join(' ')).toMatch(/saved-requests\.json/);
  });

  it('bounds the count per service', async () => {
    for (let i = 0; i < 200; i++) await h.core.invoke('saved.save', { service: 'spotify', name: `n${i}`, request: form() });
    const error = await errorOf(h.core.invoke('saved.save', { service: 'spotify', name: 'one more', request: form() }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(/200 saved requests/);
    expect(await h.core.invoke('saved.save', { service: 'google_docs', name: 'another service', request: form() })).toMatchObject({
      name: 'another service',
    });
  });

  it('bounds the bytes of all saved requests together', async () => {
    const big = form({ method: 'POST', body: 'x'.repeat(256 * 1024) });
    let error: { code?: string; message: string } | undefined;
    for (let i = 0; i < 40 && !error; i++) {
      error = await h.core.invoke('saved.save', { service: 'google_calendar', name: `big ${i}`, request: big }).then(
        () => undefined,
        (e: { code?: string; message: string }) => e,
      );
    }
    expect(error?.code).toBe('invalid_input');
    expect(error?.message).toMatch(/8 MiB in all/);
    expect(readFileSync(storeFile(), 'utf8').length).toBeLessThan(9 * 1024 * 1024);
  });
});
