// The lists worth fetching page by page on each service, and how merged items become a table.
import type { ActionResult, Cell, PaginateResult } from '../../../src-shared/actions';
import type { ServiceId } from '../../../src-shared/types';
import { PAGINATE_MAX_BYTES } from '../../../src-shared/limits';

export interface PagedList {
  id: string;
  label: string;
  url: string;
  query: Record<string, string>;
  /** The query parameter that sets how many items a page holds, its default and the provider's maximum. */
  pageSize: { param: string; value: number; max: number };
}

const LISTS: Record<ServiceId, PagedList[]> = {
  google_gmail: [
    {
      id: 'messages',
      label: 'Messages (IDs)',
      url: '/users/me/messages',
      query: {},
      pageSize: { param: 'maxResults', value: 100, max: 500 },
    },
  ],
  google_calendar: [
    {
      id: 'events',
      label: 'Events in your primary calendar',
      url: '/calendars/primary/events',
      query: {},
      pageSize: { param: 'maxResults', value: 100, max: 2500 },
    },
    {
      id: 'calendars',
      label: 'Calendars in your list',
      url: '/users/me/calendarList',
      query: {},
      pageSize: { param: 'maxResults', value: 100, max: 250 },
    },
  ],
  google_drive: [
    {
      id: 'files',
      label: 'Files',
      url: '/files',
      query: { fields: 'nextPageToken, files(id, name, mimeType, modifiedTime)' },
      pageSize: { param: 'pageSize', value: 100, max: 1000 },
    },
  ],
  // The Docs API has no list call; documents are listed through Drive.
  google_docs: [],
  spotify: [{ id: 'playlists', label: 'My playlists', url: '/me/playlists', query: {}, pageSize: { param: 'limit', value: 50, max: 50 } }],
};

export function pagedListsFor(service: ServiceId): PagedList[] {
  return LISTS[service];
}

const MAX_COLUMNS = 8;
const SAMPLE = 50;
const FIRST = ['name', 'title', 'summary', 'subject', 'display_name', 'id'];
const NOISE = new Set(['kind', 'etag', 'href']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`;
  if (isRecord(value)) {
    const named = ['display_name', 'name', 'displayName', 'email', 'dateTime', 'date', 'id'].find(
      (k) => typeof value[k] === 'string' || typeof value[k] === 'number',
    );
    if (named) return value[named] as string | number;
    if (typeof value.total === 'number') return value.total;
    const values = Object.values(value);
    if (values.length === 1 && (typeof values[0] === 'string' || typeof values[0] === 'number')) return values[0];
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  }
  return String(value);
}

function label(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Columns from the keys the first items share (names first, bookkeeping fields last), rows of plain cells. */
export function itemsTable(items: unknown[]): Pick<ActionResult, 'columns' | 'rows'> {
  if (items.length > 0 && !items.some(isRecord)) {
    return { columns: [{ key: 'value', label: 'Value' }], rows: items.map((item) => ({ value: toCell(item) })) };
  }
  const counts = new Map<string, number>();
  for (const item of items.slice(0, SAMPLE)) {
    if (!isRecord(item)) continue;
    for (const [key, value] of Object.entries(item))
      if (value !== null && value !== undefined && value !== '') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rank = (key: string) => {
    const first = FIRST.indexOf(key);
    return first >= 0 ? first : NOISE.has(key) ? 1000 : 100;
  };
  const keys = [...counts.keys()].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_COLUMNS);
  return {
    columns: keys.map((key) => ({ key, label: label(key) })),
    rows: items.map((item) => Object.fromEntries(keys.map((key) => [key, isRecord(item) ? toCell(item[key]) : null]))),
  };
}

/** Which limit stopped the run, in words: pages asked for, or Junction's totals (docs/contract.md, Limits). */
export function cappedWords(result: Pick<PaginateResult, 'cappedBy' | 'items'>, maxPages: number): string {
  switch (result.cappedBy) {
    case 'items':
      return `stopped at Junction's limit of ${result.items.length.toLocaleString('en')} items; more were left`;
    case 'bytes':
      return `stopped at Junction's limit of ${PAGINATE_MAX_BYTES / 1024 / 1024} MB of pages; more were left`;
    default:
      return `stopped at the ${maxPages}-page limit; more were left`;
  }
}
