// Quick actions and paging: the shapes of their results. Pure types: both processes import this.
import type { HttpMethod } from './channels';

/** The requests an `ActionResult` lists in `calls`; an action making more lists its first ones. */
export const MAX_ACTION_CALLS = 50;

/** The characters of a request body an `ActionCall` keeps. */
export const MAX_ACTION_CALL_BODY = 64 * 1024;

/**
 * One request a quick action made through the core, as the console would send it again: History
 * lists these under the action's name. Never a token: the core adds Authorization on the way out.
 */
export interface ActionCall {
  method: HttpMethod;
  /** Relative to the connection's API base (starts with `/`), or absolute. */
  url: string;
  query?: Record<string, string | string[]>;
  /** Only `content-type`: the client library's other headers (user agent, API client) say nothing about the call. */
  headers?: Record<string, string>;
  /** The body as sent, cut at MAX_ACTION_CALL_BODY characters. */
  body?: string;
  status: number;
  statusText: string;
  durationMs: number;
  sizeBytes: number;
}

/** The most pages one `api.paginate` call follows unless it asks for fewer or more (≤ 100). */
export const DEFAULT_MAX_PAGES = 10;

export interface ActionDescriptor {
  id: string;
  service: string;
  title: string;
  description: string;
  /** JSON Schema of the params, for the form the renderer draws. */
  params: Record<string, unknown>;
  writes: boolean;
  /** Scopes needed: each inner list is alternatives, any one of which will do; the first is the one to ask for. */
  scopes: string[][];
  /** A writing action's requests that change something, in order, for the confirmation the window shows. */
  sends?: ActionRequest[];
}

/** A request a quick action will make, as a template. */
export interface ActionRequest {
  method: HttpMethod;
  /**
   * Relative to the connection's API base, without the query; `{name}` stands for the param of that
   * name, or for a value the action learns on the way (`{documentId}`).
   */
  url: string;
}

/** One table cell: plain values only, so any table component can render and sort it. */
export type Cell = string | number | boolean | null;

export interface ActionResult {
  actionId: string;
  service: string;
  /** Table-friendly: column keys and labels, then rows of plain values. */
  columns: { key: string; label: string }[];
  rows: Record<string, Cell>[];
  /** The raw JSON the provider answered, for the JSON view. */
  raw: unknown;
  summary?: string;
  /** How many HTTP requests the action made through the core. */
  requests: number;
  /** Those requests, the first MAX_ACTION_CALLS of them, in order (absent from an older core). */
  calls?: ActionCall[];
  /** Whether the core refreshed the access token on the way. */
  refreshed: boolean;
  durationMs: number;
}

/** Which limit stopped `api.paginate` with more left: `maxPages`, or its total items or bytes. */
export type PaginateCap = 'pages' | 'items' | 'bytes';

export interface PaginateResult {
  requestId: string;
  /** Pages whose items are in `items`. */
  pages: number;
  items: unknown[];
  /** Whether more pages (or items of the last page) were left when a limit was reached. */
  capped: boolean;
  /** Which limit that was; absent when not capped. */
  cappedBy?: PaginateCap;
  cancelled: boolean;
  /** The property the items came from (`items`, `messages`, `files`, …); null when none was found. */
  itemsKey: string | null;
}
