// A Gmail connection whose `/test/pages` serves `pages` pages of `perPage` items, some of them
// answered first with a rate limit: the long paging run of paging.test.ts and export.test.ts.
import type { CoreOptions } from '../../../src-main/core/options';
import { apiErrorBody } from '../../support/api-errors';
import { userRateLimitBody } from '../../support/rate-limited-route';
import { startHarness, type Harness } from '../harness';

export type PageLimits = Record<number, { status: 429 | 403; retryAfter?: string; times: number }>;

export interface PagedPeerOptions {
  pages: number;
  perPage: number;
  /** The first `times` asks for each page listed are answered with that rate limit instead. */
  limits: PageLimits;
  item(page: number, index: number): unknown;
  /** Milliseconds each page takes to answer. */
  delayMs?: number;
  core?: Partial<CoreOptions>;
}

export async function startPagedPeer(options: PagedPeerOptions) {
  const harness: Harness = await startHarness(
    { kind: 'google' },
    { services: { google_gmail: { pace: { ratePerSecond: 500, burst: 50, concurrency: 4 } } }, ...options.core },
  );
  const connection = await harness.connect('google_gmail');
  const base = new URL(harness.peer.apiBaseUrls.google_gmail ?? '').pathname;
  const asked = new Map<number, number>();
  let limited = 0;
  harness.peer.api.route('GET', `${base}/test/pages`, async ({ query }) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const page = Number(query.get('pageToken') ?? '0');
    const times = (asked.get(page) ?? 0) + 1;
    asked.set(page, times);
    const limit = options.limits[page];
    if (limit && times <= limit.times) {
      limited += 1;
      if (limit.status === 403) return { status: 403, json: userRateLimitBody() };
      return { status: 429, headers: { 'retry-after': limit.retryAfter ?? '1' }, json: apiErrorBody('google', 429) };
    }
    const items = Array.from({ length: options.perPage }, (_, i) => options.item(page, i));
    return { json: { items, ...(page + 1 < options.pages ? { nextPageToken: String(page + 1) } : {}) } };
  });
  return { harness, connection, limited: () => limited };
}
