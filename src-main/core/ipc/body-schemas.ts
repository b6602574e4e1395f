// `api.body` and `api.saveBody`: their channels' schemas (shapes in src-shared/body.ts).
import { z } from 'zod';
import { BODY_MAX_ITEMS, BODY_MAX_QUERY_CHARS, MAX_BODY_CAP, MIN_BODY_CAP } from '../../../src-shared/body';
import { MAX_JSON_DEPTH } from '../../../src-shared/limits';
import { atMost } from './fields';

const handle = z
  .string()
  .min(1)
  .max(64, atMost(64))
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a body handle from an answer');
const index = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().min(1).max(BODY_MAX_ITEMS);
const segment = z.union([z.string().max(BODY_MAX_QUERY_CHARS, atMost(BODY_MAX_QUERY_CHARS)), index]);
const query = z.string().min(1).max(BODY_MAX_QUERY_CHARS, atMost(BODY_MAX_QUERY_CHARS));

export const bodySchemas = {
  'api.body': z.discriminatedUnion('op', [
    z.strictObject({ handle, op: z.literal('lines'), start: index, count }),
    z.strictObject({ handle, op: z.literal('children'), path: z.array(segment).max(MAX_JSON_DEPTH), offset: index, limit: count }),
    z.strictObject({ handle, op: z.literal('search'), query, mode: z.enum(['plain', 'case', 'regex']), offset: index, limit: count }),
    z.strictObject({ handle, op: z.literal('filter'), expression: query }),
    z.strictObject({ handle, op: z.literal('release') }),
  ]),
  'api.saveBody': z.strictObject({ handle }),
  'settings.getBodyCap': z.strictObject({}).optional().default({}),
  'settings.setBodyCap': z.strictObject({
    maxBodyBytes: z
      .number()
      .int()
      .min(MIN_BODY_CAP, `must be at least ${MIN_BODY_CAP} bytes (1 MiB)`)
      .max(MAX_BODY_CAP, `must be at most ${MAX_BODY_CAP} bytes (1 GiB)`)
      .nullable(),
  }),
};
