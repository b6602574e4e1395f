// `api.export`: its channel's schema (shapes in src-shared/export.ts).
import { z } from 'zod';
import { EXPORT_FORMATS, EXPORT_MAX_COLUMNS } from '../../../src-shared/export';
import { MAX_URL_CHARS } from '../../../src-shared/limits';
import { guarded, jsonProblem, maxItems } from '../ipc/bounds';
import { atMost, connectionId, pageQuery, requestId, urlWithinLimit } from '../ipc/fields';

const columnKey = z.string().min(1).max(200, atMost(200));
const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const pages = z
  .strictObject({
    kind: z.literal('pages'),
    connectionId,
    url: z.string().min(1).max(MAX_URL_CHARS, atMost(MAX_URL_CHARS)),
    query: pageQuery.optional(),
    maxPages: z.number().int().min(1).max(100).optional(),
  })
  .superRefine(urlWithinLimit);

// A table comes from the window whole: bounded as a JSON body is (MAX_JSON_NODES values in all,
// MAX_BODY_BYTES of text), before zod walks a row of it.
const rows = z.strictObject({
  kind: z.literal('rows'),
  columns: guarded(z.array(z.strictObject({ key: columnKey, label: columnKey })).min(1), maxItems(EXPORT_MAX_COLUMNS)),
  rows: guarded(z.array(z.record(columnKey, cell)), jsonProblem),
});

export const exportSchemas = {
  'api.export': z.strictObject({
    format: z.enum(EXPORT_FORMATS),
    source: z.discriminatedUnion('kind', [pages, rows]),
    requestId: requestId.optional(),
    name: z
      .string()
      .max(100, atMost(100))
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
        'must be letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit',
      )
      .optional(),
  }),
} as const;
