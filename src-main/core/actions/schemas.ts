// Quick actions and paging (issue 5): channel schemas and result types. No Node imports: the
// contract, the preload and the renderer bundle this file.
import { z } from 'zod';
import { SERVICE_IDS } from '../types';

export const actionSchemas = {
  'actions.list': z.strictObject({ service: z.enum(SERVICE_IDS) }),
  'actions.run': z.strictObject({
    connectionId: z.uuid('must be a connection id'),
    actionId: z.string().min(1).max(128),
    params: z.record(z.string(), z.json()).optional().default({}),
  }),
  'api.paginate': z.strictObject({
    connectionId: z.uuid('must be a connection id'),
    url: z.string().min(1).max(16_384),
    query: z.record(z.string().min(1).max(1024), z.string().max(16_384)).optional(),
    requestId: z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/).optional(),
    maxPages: z.number().int().min(1).max(100).optional(),
  }),
} as const;

export interface ActionDescriptor {
  id: string;
  service: string;
  title: string;
  description: string;
  /** JSON Schema of the params, for the form the renderer draws. */
  params: Record<string, unknown>;
  writes: boolean;
}

export interface ActionResult {
  actionId: string;
  /** Table-friendly: column keys and labels, then rows of plain values. */
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | boolean | null>[];
  /** The raw JSON the provider answered, for the JSON view. */
  raw: unknown;
  summary?: string;
}

export interface PaginateResult {
  pages: number;
  items: unknown[];
  /** Whether more pages were left when the cap was reached. */
  capped: boolean;
  cancelled: boolean;
  itemsKey: string | null;
}
