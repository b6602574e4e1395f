// Quick actions and paging: their channels' schemas. The result types are shared
// (src-shared/actions.ts).
import { z } from 'zod';
import { SERVICE_IDS } from '../../../src-shared/types';
import { connectionId, requestId } from '../ipc/fields';

export const actionSchemas = {
  'actions.list': z.strictObject({ service: z.enum(SERVICE_IDS) }),
  'actions.run': z.strictObject({
    connectionId,
    actionId: z.string().min(1).max(128),
    params: z.record(z.string(), z.json()).optional().default({}),
    /** Lets `api.cancel` stop a running action (Gmail's list + one get per message can take a while). */
    requestId: requestId.optional(),
  }),
  'api.paginate': z.strictObject({
    connectionId,
    url: z.string().min(1).max(16_384),
    query: z.record(z.string().min(1).max(1024), z.string().max(16_384)).optional(),
    requestId: requestId.optional(),
    maxPages: z.number().int().min(1).max(100).optional(),
  }),
} as const;
