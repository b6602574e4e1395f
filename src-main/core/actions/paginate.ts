// `api.paginate`: follows a console request's pages — Google's `nextPageToken` (sent back as the
// `pageToken` query parameter) and Spotify's `next` URL — up to a page cap and a total of items
// and bytes, merging the item arrays, with a progress event per page and `api.cancel` honoured
// between and during pages.
import { CoreError, isCoreError } from '../errors';
import type { ChannelPayload } from '../ipc/contract';
import type { Connection } from '../../../src-shared/types';
import type { ActionDeps } from './deps';
import { mapRequestUrl } from './fetch-adapter';
import { PROVIDERS } from '../providers/registry';
import { errorFromStatus } from './provider-errors';
import { DEFAULT_MAX_PAGES } from '../../../src-shared/actions';
import type { PaginateCap, PaginateResult } from '../../../src-shared/actions';
import { SDK_BASES, SERVICE_NAMES } from './sdk-bases';

type Query = NonNullable<ChannelPayload<'api.request'>['query']>;

/** The totals one paging call may gather (CoreOptions.maxPaginateItems / maxPaginateBytes). */
export interface PaginateLimits {
  maxItems: number;
  /** Of the pages' bodies, as `ApiResponse.sizeBytes` counts them. */
  maxBytes: number;
}

export interface PageRequest {
  url: string;
  query?: Query;
}

// The list properties of the Gmail, Calendar, Drive and Spotify list endpoints, in the order to
// prefer when a page has several arrays (a Drive page has `files`; Gmail's history has `history`).
const KNOWN_ITEM_KEYS = [
  'items',
  'messages',
  'threads',
  'drafts',
  'history',
  'files',
  'drives',
  'changes',
  'comments',
  'replies',
  'revisions',
  'permissions',
  'labels',
  'events',
  'calendars',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The object holding a page's items and its link to the next page. Usually the body itself; for
 * Spotify's search and followed artists it is one level down (`{ artists: { items, next } }`).
 */
export function pageContainer(body: unknown): { container: Record<string, unknown>; prefix: string | null } | null {
  if (!isRecord(body)) return null;
  if (itemsKeyOf(body) !== null || 'next' in body || 'nextPageToken' in body) return { container: body, prefix: null };
  for (const [key, value] of Object.entries(body)) {
    if (isRecord(value) && Array.isArray(value.items)) return { container: value, prefix: key };
  }
  return { container: body, prefix: null };
}

/** Which property of a page holds its items: a known list key, else the only array. */
export function itemsKeyOf(container: Record<string, unknown>): string | null {
  const known = KNOWN_ITEM_KEYS.find((key) => Array.isArray(container[key]));
  if (known) return known;
  const arrays = Object.keys(container).filter((key) => Array.isArray(container[key]));
  return arrays.length === 1 ? (arrays[0] ?? null) : null;
}

/** The request for the page after `body`, or null on the last page. */
export function nextPageRequest(body: unknown, current: PageRequest, first: PageRequest, connection: Connection): PageRequest | null {
  const found = pageContainer(body);
  if (!found) return null;
  const { container } = found;
  const token = container.nextPageToken;
  if (typeof token === 'string' && token !== '') {
    // Google: same request as the first page, plus the token.
    return { url: first.url, query: { ...first.query, pageToken: token } };
  }
  const next = container.next;
  if (typeof next === 'string' && next !== '') {
    // Spotify: a full URL on its API host, which must land on the connection's base like any other.
    const mapped = mapRequestUrl(
      new URL(next, current.url.startsWith('http') ? current.url : connection.apiBaseUrl),
      SDK_BASES[connection.service],
      connection.apiBaseUrl,
    );
    return { url: mapped.url, ...(mapped.query ? { query: mapped.query } : {}) };
  }
  return null;
}

function sameRequest(a: PageRequest, b: PageRequest): boolean {
  return a.url === b.url && JSON.stringify(a.query ?? {}) === JSON.stringify(b.query ?? {});
}

function capAt(result: PaginateResult, limit: PaginateCap): void {
  result.capped = true;
  result.cappedBy = limit;
}

function isCancellation(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (isCoreError(error) && error.code === 'cancelled');
}

/** How often a page held up by a rate limit says so. */
const WAIT_REPORT_MS = 500;

/** Runs `work`, emitting a progress event with the wait while the pacer holds the connection (paging and quick actions). */
export async function whileWaiting<T>(
  deps: ActionDeps,
  connectionId: string,
  requestId: string,
  pages: number,
  items: number,
  work: () => Promise<T>,
): Promise<T> {
  let said = false;
  const report = () => {
    const wait = deps.waiting?.(connectionId);
    if (wait) deps.emit({ type: 'api.progress', requestId, pages, items, ...wait });
    // Once the wait is over, an event without it, so the window stops saying so.
    else if (said) deps.emit({ type: 'api.progress', requestId, pages, items });
    said = wait !== null && wait !== undefined;
  };
  const timer = setInterval(report, WAIT_REPORT_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Receives each page's items as they arrive (all of them within the item limit). */
export type PageSink = (items: unknown[], page: { pages: number; items: number }) => Promise<void> | void;

/**
 * Follows the pages, handing each page's items to `sink` and keeping none: `paginate` gathers
 * them, `api.export` writes them to a file. The result's `items` stays empty.
 */
export async function walkPages(
  deps: ActionDeps,
  payload: ChannelPayload<'api.paginate'>,
  limits: PaginateLimits,
  sink: PageSink,
): Promise<PaginateResult> {
  const connection = deps.getConnection(payload.connectionId);
  const requestId = payload.requestId ?? crypto.randomUUID();
  const maxPages = payload.maxPages ?? DEFAULT_MAX_PAGES;
  const first: PageRequest = { url: payload.url, ...(payload.query ? { query: payload.query } : {}) };
  const result: PaginateResult = { requestId, pages: 0, items: [], capped: false, cancelled: false, itemsKey: null };
  const tracked = deps.track(requestId);
  const { signal } = tracked;
  let bytes = 0;
  let count = 0;
  try {
    let current: PageRequest | null = first;
    while (current) {
      if (signal.aborted) {
        result.cancelled = true;
        break;
      }
      let response;
      try {
        response = await whileWaiting(deps, connection.id, requestId, result.pages, count, () =>
          deps.request({ connectionId: connection.id, method: 'GET', ...(current as PageRequest) }, { signal }),
        );
      } catch (error) {
        if (isCancellation(error, signal)) {
          result.cancelled = true;
          break;
        }
        throw error;
      }
      // An answer that raced the cancel is dropped: the person asked to stop before it counted.
      if (signal.aborted) {
        result.cancelled = true;
        break;
      }
      if (response.status < 200 || response.status > 299) {
        throw errorFromStatus(
          response.status,
          response.json ?? response.body,
          SERVICE_NAMES[connection.service],
          PROVIDERS[connection.provider],
        );
      }
      if (response.json === undefined) {
        throw new CoreError(
          'invalid_input',
          'That address does not answer JSON, so it has no pages to follow. Send it as a single request instead.',
        );
      }
      const next = nextPageRequest(response.json, current, first, connection);
      // A provider that hands back the link it was just given would page forever.
      const last = !next || sameRequest(next, current);
      // A page that would take the total past the byte limit is left out whole, so what is kept
      // stays under it: a hundred 5 MB pages would otherwise be held at once.
      if (bytes + response.sizeBytes > limits.maxBytes) {
        capAt(result, 'bytes');
        break;
      }
      bytes += response.sizeBytes;
      result.pages += 1;
      const found = pageContainer(response.json);
      const key = found ? itemsKeyOf(found.container) : null;
      if (result.pages === 1 && key !== null) result.itemsKey = found?.prefix ? `${found.prefix}.${key}` : key;
      const pageItems = found && key !== null ? found.container[key] : undefined;
      const items = Array.isArray(pageItems) ? (pageItems as unknown[]) : [];
      const room = limits.maxItems - count;
      const kept = items.length > room ? items.slice(0, room) : items;
      count += kept.length;
      await sink(kept, { pages: result.pages, items: count });
      deps.emit({ type: 'api.progress', requestId, pages: result.pages, items: count });
      if (items.length > room || (!last && count >= limits.maxItems)) {
        capAt(result, 'items');
        break;
      }
      if (last) break;
      if (result.pages >= maxPages) {
        capAt(result, 'pages');
        break;
      }
      current = next;
    }
  } finally {
    tracked.release();
  }
  return result;
}

export async function paginate(deps: ActionDeps, payload: ChannelPayload<'api.paginate'>, limits: PaginateLimits): Promise<PaginateResult> {
  const items: unknown[] = [];
  const result = await walkPages(deps, payload, limits, (page) => {
    for (const item of page) items.push(item);
  });
  return { ...result, items };
}
