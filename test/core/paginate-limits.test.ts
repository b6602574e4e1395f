// Issue 11, item 7: `api.paginate` stops at a total of items and bytes, not only at `maxPages`,
// and says which limit stopped it. A peer route serves as many pages as asked, each as large as
// asked, with Google's nextPageToken.
import { afterEach, describe, expect, it } from 'vitest';
import { PAGINATE_MAX_BYTES, PAGINATE_MAX_ITEMS } from '../../src-shared/limits';
import type { CoreOptions } from '../../src-main/core/options';
import type { PaginateResult } from '../../src-shared/actions';
import { removeAllTempDirs } from '../support/temp-dir';
import { startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

interface Book {
  pages: number;
  /** Items per page. */
  items: number;
  /** Characters of each item, a string. */
  itemChars: number;
}

/**
 * A Gmail connection whose `/test/pages` route serves `book`: page n holds items `n:0`, `n:1`, …
 * padded to `itemChars`, and links to page n + 1 until the last. Returns the paging call.
 */
async function pager(book: Book, options: Partial<CoreOptions> = {}) {
  h = await startHarness({ kind: 'google' }, options);
  const harness = h;
  const connection = await harness.connect('google_gmail');
  const base = new URL(harness.peer.apiBaseUrls.google_gmail ?? '').pathname;
  const pad = 'x'.repeat(book.itemChars);
  const bodyOf = (page: number) => {
    const items = Array.from({ length: book.items }, (_, i) => `${page}:${i}:${pad}`.slice(0, Math.max(book.itemChars, 8)));
    return JSON.stringify({ items, ...(page + 1 < book.pages ? { nextPageToken: String(page + 1) } : {}) });
  };
  harness.peer.api.route('GET', `${base}/test/pages`, (request) => ({
    body: bodyOf(Number(request.query.get('pageToken') ?? '0')),
    headers: { 'content-type': 'application/json' },
  }));
  harness.peer.api.reset();
  return {
    paginate: (maxPages = 100): Promise<PaginateResult> =>
      harness.core.invoke('api.paginate', { connectionId: connection.id, url: '/test/pages', maxPages }),
    served: () => harness.peer.api.requests.filter((r) => r.path.endsWith('/test/pages')).length,
    pageBytes: (page: number) => Buffer.byteLength(bodyOf(page)),
  };
}

const MB = 1_000_000;

describe('api.paginate totals', () => {
  it(`keeps at most ${PAGINATE_MAX_BYTES / 1024 / 1024} MiB of pages by default: 100 pages of 5 MB stop at the tenth`, async () => {
    const p = await pager({ pages: 100, items: 50, itemChars: 100_000 });
    const result = await p.paginate();
    expect(result).toMatchObject({ capped: true, cappedBy: 'bytes', cancelled: false, itemsKey: 'items' });
    const pageBytes = p.pageBytes(5);
    expect(pageBytes).toBeGreaterThan(5 * MB);
    const fit = Math.floor(PAGINATE_MAX_BYTES / pageBytes);
    expect(fit).toBe(10);
    expect(result.pages).toBe(fit);
    expect(result.items).toHaveLength(fit * 50);
    expect(String(result.items.at(-1)).startsWith(`${fit - 1}:49:`)).toBe(true);
    // The page that would have gone past the limit was read, and is not kept; nothing after it was asked for.
    expect(p.served()).toBe(fit + 1);
  }, 60_000);

  it(`gathers at most ${PAGINATE_MAX_ITEMS} items by default, cutting the last page`, async () => {
    const p = await pager({ pages: 100, items: 3_000, itemChars: 8 });
    const result = await p.paginate();
    expect(result).toMatchObject({ pages: 34, capped: true, cappedBy: 'items' });
    expect(result.items).toHaveLength(PAGINATE_MAX_ITEMS);
    expect(result.items.at(-1)).toBe('33:999:x');
    expect(p.served()).toBe(34);
  }, 60_000);

  it('honours lower limits from CoreOptions, and says which one stopped it', async () => {
    // 10 items of about 1 KB a page: 25 items end in the third page.
    const items = await pager({ pages: 10, items: 10, itemChars: 1_000 }, { maxPaginateItems: 25 });
    const byItems = await items.paginate();
    expect(byItems).toMatchObject({ pages: 3, capped: true, cappedBy: 'items' });
    expect(byItems.items).toHaveLength(25);
    expect(byItems.items.at(-1)).toMatch(/^2:4:/);
    await h?.close();

    const bytes = await pager({ pages: 10, items: 10, itemChars: 1_000 }, { maxPaginateBytes: 25_000 });
    const byBytes = await bytes.paginate();
    expect(byBytes).toMatchObject({ pages: 2, capped: true, cappedBy: 'bytes' });
    expect(byBytes.items).toHaveLength(20);
    expect(bytes.served()).toBe(3);
    await h?.close();

    const pages = await pager({ pages: 10, items: 10, itemChars: 1_000 });
    expect(await pages.paginate(4)).toMatchObject({ pages: 4, capped: true, cappedBy: 'pages' });
  });

  it('is not capped when the last page ends exactly at a limit', async () => {
    const p = await pager({ pages: 3, items: 10, itemChars: 1_000 }, { maxPaginateItems: 30 });
    const result = await p.paginate();
    expect(result).toMatchObject({ pages: 3, capped: false });
    expect(result).not.toHaveProperty('cappedBy');
    expect(result.items).toHaveLength(30);
  });
});
