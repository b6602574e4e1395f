// Quick actions and paging (issue 5): channel schemas and result types. No Node imports: the
// contract, the preload and the renderer bundle this file.
import { z } from 'zod';
import { SERVICE_IDS } from '../types';

const requestId = z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces');

export const actionSchemas = {
  'actions.list': z.strictObject({ service: z.enum(SERVICE_IDS) }),
  'actions.run': z.strictObject({
    connectionId: z.uuid('must be a connection id'),
    actionId: z.string().min(1).max(128),
    params: z.record(z.string(), z.json()).optional().default({}),
    /** Lets `api.cancel` stop a running action (Gmail's list + one get per message can take a while). */
    requestId: requestId.optional(),
  }),
  'api.paginate': z.strictObject({
    connectionId: z.uuid('must be a connection id'),
    url: z.string().min(1).max(16_384),
    query: z.record(z.string().min(1).max(1024), z.string().max(16_384)).optional(),
    requestId: requestId.optional(),
    maxPages: z.number().int().min(1).max(100).optional(),
  }),
} as const;

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
  /** Whether the core refreshed the access token on the way. */
  refreshed: boolean;
  durationMs: number;
}

export interface PaginateResult {
  requestId: string;
  pages: number;
  items: unknown[];
  /** Whether more pages were left when the cap was reached. */
  capped: boolean;
  cancelled: boolean;
  /** The property the items came from (`items`, `messages`, `files`, …); null when none was found. */
  itemsKey: string | null;
}
