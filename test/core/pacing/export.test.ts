// `api.export`: a long paging run through two rate-limit bursts saved as NDJSON and CSV, written
// as pages arrive, holding exactly the items served; nested items flattened into columns; text a
// spreadsheet would run as a formula neutralised; a cancel keeps the pages written.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavePathRequest } from '../../../src-main/core/options';
import { parseCsv } from '../../support/csv-parse';
import { makeTempDir, removeAllTempDirs } from '../../support/temp-dir';
import { errorOf, type Harness } from '../harness';
import { startPagedPeer, type PageLimits } from './paged-peer';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const PAGES = 100;
const PER_PAGE = 100;
const NOTES = ['=HYPERLINK("https://evil.example","click")', '+1', '-2+3', '@SUM(A1)', '\t=1', 'plain, "quoted"\nsecond line', ' padded '];

/** An item with nested objects, an array, and provider text a spreadsheet might run. */
function item(page: number, i: number) {
  return {
    id: `${page}:${i}`,
    n: page * PER_PAGE + i - 5,
    note: NOTES[(page + i) % NOTES.length],
    owner: { name: `Ada ${i}`, address: { city: 'Zürich', geo: { lat: 47.37, lng: 8.54 } } },
    labels: ['INBOX', `L${i % 3}`],
  };
}

async function exportPeer(limits: PageLimits, delayMs?: number) {
  const saveDir = makeTempDir();
  const asked: SavePathRequest[] = [];
  let next = 0;
  const peer = await startPagedPeer({
    pages: PAGES,
    perPage: PER_PAGE,
    limits,
    item,
    ...(delayMs ? { delayMs } : {}),
    core: {
      chooseSavePath: (request) => {
        asked.push(request);
        return Promise.resolve(join(saveDir, `export-${(next += 1)}-${request.defaultName}`));
      },
    },
  });
  h = peer.harness;
  return { ...peer, asked, saveDir };
}

const BURSTS: PageLimits = { 30: { status: 429, retryAfter: '1', times: 3 }, 70: { status: 403, times: 4 } };

describe('api.export of a paging run', () => {
  it('10,000 items over 100 pages with two rate-limit bursts: the NDJSON and the CSV hold exactly the served items', async () => {
    const { harness, connection, limited, asked, saveDir } = await exportPeer(BURSTS);
    const source = { kind: 'pages' as const, connectionId: connection.id, url: '/test/pages', maxPages: 100 };
    const ndjson = await harness.core.invoke('api.export', { format: 'ndjson', source, requestId: 'nd', name: 'gmail-messages' });
    expect(ndjson).toMatchObject({ saved: true, items: PAGES * PER_PAGE, pages: PAGES, cancelled: false, capped: false });
    expect(asked[0]).toMatchObject({ defaultName: 'gmail-messages.ndjson', filters: [{ extensions: ['ndjson', 'jsonl'] }] });
    const ndPath = join(saveDir, ndjson.fileName ?? '');
    const lines = readFileSync(ndPath, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(PAGES * PER_PAGE);
    lines.forEach((line, k) => expect(JSON.parse(line)).toEqual(item(Math.floor(k / PER_PAGE), k % PER_PAGE)));
    expect(ndjson.bytes).toBe(readFileSync(ndPath).byteLength);
    expect(existsSync(`${ndPath}.partial`)).toBe(false);
    expect(limited()).toBe(7);

    // The same run again (the bursts are spent; the pacer keeps its pace) as CSV.
    const csv = await harness.core.invoke('api.export', { format: 'csv', source, requestId: 'csv' });
    expect(csv).toMatchObject({ saved: true, items: PAGES * PER_PAGE, pages: PAGES });
    expect(asked[1]).toMatchObject({ defaultName: 'every-page.csv', filters: [{ extensions: ['csv'] }] });
    const text = readFileSync(join(saveDir, csv.fileName ?? ''), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    // Nested objects become dotted columns down to three keys; deeper ones and arrays are JSON cells.
    expect(header).toEqual(['id', 'n', 'note', 'owner.name', 'owner.address.city', 'owner.address.geo', 'labels']);
    expect(rows).toHaveLength(PAGES * PER_PAGE);
    rows.forEach((row, k) => {
      const want = item(Math.floor(k / PER_PAGE), k % PER_PAGE);
      const note = /^[=+\-@\t]/.test(want.note ?? '') ? `'${want.note}` : want.note;
      expect(row).toEqual([
        want.id,
        String(want.n),
        note,
        want.owner.name,
        'Zürich',
        '{"lat":47.37,"lng":8.54}',
        JSON.stringify(want.labels),
      ]);
    });
  }, 90_000);

  it('a cancel mid-run keeps the pages written so far under the chosen name, each line whole', async () => {
    const { harness, connection, saveDir } = await exportPeer({}, 20);
    const off = harness.core.onEvent((event) => {
      if (event.type === 'api.progress' && event.requestId === 'stop' && event.pages === 5)
        void harness.core.invoke('api.cancel', { requestId: 'stop' });
    });
    const result = await harness.core.invoke('api.export', {
      format: 'ndjson',
      source: { kind: 'pages', connectionId: connection.id, url: '/test/pages', maxPages: 100 },
      requestId: 'stop',
    });
    off();
    expect(result).toMatchObject({ saved: true, cancelled: true });
    expect(result.pages).toBeGreaterThanOrEqual(5);
    expect(result.pages).toBeLessThan(PAGES);
    const lines = readFileSync(join(saveDir, result.fileName ?? ''), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(result.items);
    expect(result.items).toBe(result.pages * PER_PAGE);
    lines.forEach((line, k) => expect(JSON.parse(line)).toEqual(item(Math.floor(k / PER_PAGE), k % PER_PAGE)));
  }, 30_000);

  it('a closed save dialog fetches nothing; a provider error leaves no file, not even the partial one', async () => {
    const { harness, connection, saveDir } = await exportPeer({});
    const before = harness.peer.api.requests.length;
    const source = { kind: 'pages' as const, connectionId: connection.id, url: '/test/pages' };
    await harness.restart({ chooseSavePath: () => Promise.resolve(null) });
    expect(await harness.core.invoke('api.export', { format: 'csv', source })).toMatchObject({ saved: false, items: 0 });
    expect(harness.peer.api.requests.length).toBe(before);

    const target = join(saveDir, 'broken.csv');
    await harness.restart({ chooseSavePath: () => Promise.resolve(target) });
    const error = await errorOf(harness.core.invoke('api.export', { format: 'csv', source: { ...source, url: '/test/missing' } }));
    expect(error.code).not.toBe('internal');
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.partial`)).toBe(false);
  }, 30_000);
});

describe('api.export of a table', () => {
  it('writes the rows the window sent, only its columns, labels as the CSV header, formulas neutralised', async () => {
    const { harness, saveDir } = await exportPeer({});
    const source = {
      kind: 'rows' as const,
      columns: [
        { key: 'name', label: 'Name' },
        { key: 'count', label: '=Count' },
      ],
      rows: [
        { name: '=cmd|" /C calc"!A0', count: -3, extra: 'not a column' },
        { name: 'Ada', count: null, extra: null },
      ],
    };
    const csv = await harness.core.invoke('api.export', { format: 'csv', source, name: 'top tracks' });
    expect(csv).toMatchObject({ saved: true, items: 2, pages: 0, fileName: expect.stringMatching(/top tracks\.csv$/) });
    expect(readFileSync(join(saveDir, csv.fileName ?? ''), 'utf8')).toBe('\uFEFFName,\'=Count\r\n"\'=cmd|"" /C calc""!A0",-3\r\nAda,\r\n');
    const nd = await harness.core.invoke('api.export', { format: 'ndjson', source });
    expect(readFileSync(join(saveDir, nd.fileName ?? ''), 'utf8')).toBe(
      '{"name":"=cmd|\\" /C calc\\"!A0","count":-3}\n{"name":"Ada","count":null}\n',
    );
  });

  it('is refused with invalid_input when the core has no save dialog', async () => {
    const { harness } = await exportPeer({});
    await harness.restart({ chooseSavePath: undefined });
    const error = await errorOf(
      harness.core.invoke('api.export', { format: 'csv', source: { kind: 'rows', columns: [{ key: 'a', label: 'A' }], rows: [] } }),
    );
    expect(error.code).toBe('invalid_input');
  });
});
