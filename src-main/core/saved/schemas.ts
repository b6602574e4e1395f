// The saved requests' channels (`saved.*`): their schemas, and the one schema of a saved form that
// both `saved.save` and an imported file's entries go through. Shapes in src-shared/saved.ts.
import { z } from 'zod';
import { HTTP_METHODS } from '../../../src-shared/channels';
import { MAX_URL_CHARS } from '../../../src-shared/limits';
import { SAVED_BODY_CHARS, SAVED_IMPORT_CHARS, SAVED_MAX_ROWS, SAVED_NAME_CHARS } from '../../../src-shared/saved';
import { SERVICE_IDS } from '../../../src-shared/types';
import { atMost } from '../ipc/fields';

/** A name is shown in lists and menus: one line, no control characters. */
export const savedName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(SAVED_NAME_CHARS, atMost(SAVED_NAME_CHARS))
  // eslint-disable-next-line no-control-regex -- a name is one line in a list: no control characters
  .regex(/^[^\x00-\x1f\x7f\u2028\u2029]+$/, 'must not contain control characters');

/**
 * A row as the form holds it. Values are kept as typed (the console refuses a bad one when it is
 * sent, and says why), but bounded: a saved request is never bigger than a request could be.
 */
const row = z.strictObject({
  key: z.string().max(1024, atMost(1024)),
  value: z.string().max(16_384, atMost(16_384)),
  enabled: z.boolean(),
});
const rows = z.array(row).max(SAVED_MAX_ROWS, `must have at most ${SAVED_MAX_ROWS} rows`);

export const savedDraft = z.strictObject({
  method: z.enum(HTTP_METHODS),
  url: z.string().max(MAX_URL_CHARS, atMost(MAX_URL_CHARS)),
  query: rows,
  headers: rows,
  body: z.string().max(SAVED_BODY_CHARS, atMost(SAVED_BODY_CHARS)),
});

const savedId = z.uuid('must be a saved request id');
const service = z.enum(SERVICE_IDS);

export const savedSchemas = {
  'saved.list': z.strictObject({ service: service.optional() }).optional().default({}),
  'saved.save': z.strictObject({ service, name: savedName, request: savedDraft }),
  'saved.rename': z.strictObject({ id: savedId, name: savedName }),
  'saved.delete': z.strictObject({ id: savedId }),
  'saved.export': z.strictObject({ service: service.optional() }).optional().default({}),
  'saved.import': z.strictObject({
    text: z
      .string()
      .min(1, 'must not be empty: choose an exported file')
      .max(
        SAVED_IMPORT_CHARS,
        atMost(SAVED_IMPORT_CHARS, `must be at most ${SAVED_IMPORT_CHARS} characters (1 MiB); is this an exported file?`),
      ),
  }),
} as const;
