// The local API's channels: their schemas. The result types are shared (src-shared/types.ts).
import { z } from 'zod';
import { SERVICE_IDS } from '../../../src-shared/types';
import { LOG_LIMIT } from './log';

const empty = z.strictObject({}).optional().default({});

export const localApiSchemas = {
  'localApi.status': empty,
  'localApi.configure': z.strictObject({
    enabled: z.boolean().optional(),
    // Below 1024 needs privileges on most systems; 0 ("any port") would move on every start.
    port: z.number().int().min(1024, 'must be from 1024 to 65535').max(65535, 'must be from 1024 to 65535').optional(),
  }),
  'localApi.keys.list': empty,
  'localApi.keys.create': z.strictObject({
    name: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(64, 'must be at most 64 characters')
      // eslint-disable-next-line no-control-regex -- a name is shown in lists and logs: no control characters
      .regex(/^[^\x00-\x1f\x7f]+$/, 'must not contain control characters'),
    services: z
      .array(z.enum(SERVICE_IDS))
      .min(1, 'must name at least one service')
      .max(SERVICE_IDS.length * 2),
  }),
  'localApi.keys.revoke': z.strictObject({ id: z.uuid('must be a key id') }),
  'localApi.log': z
    .strictObject({ limit: z.number().int().min(1).max(LOG_LIMIT).optional() })
    .optional()
    .default({}),
} as const;
