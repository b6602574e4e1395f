// Quick actions and paging: their channels' schemas. The result types are shared
// (src-shared/actions.ts).
import { z } from 'zod';
import { SERVICE_IDS } from '../../../src-shared/types';
import { MAX_ACTION_PARAMS, MAX_URL_CHARS } from '../../../src-shared/limits';
import { guarded, hasMoreKeysThan, jsonProblem } from '../ipc/bounds';
import { atMost, connectionId, pageQuery, requestId, urlWithinLimit } from '../ipc/fields';

const params = guarded(z.record(z.string(), z.json()), (value) =>
  hasMoreKeysThan(value, MAX_ACTION_PARAMS) ? `must have at most ${MAX_ACTION_PARAMS} params` : jsonProblem(value),
);

export const actionSchemas = {
  'actions.list': z.strictObject({ service: z.enum(SERVICE_IDS) }),
  'actions.run': z.strictObject({
    connectionId,
    actionId: z.string().min(1).max(128),
    params: params.optional().default({}),
    /** Lets `api.cancel` stop a running action (Gmail's list + one get per message can take a while). */
    requestId: requestId.optional(),
  }),
  'api.paginate': z
    .strictObject({
      connectionId,
      url: z.string().min(1).max(MAX_URL_CHARS, atMost(MAX_URL_CHARS)),
      query: pageQuery.optional(),
      requestId: requestId.optional(),
      maxPages: z.number().int().min(1).max(100).optional(),
    })
    .superRefine(urlWithinLimit),
} as const;
