// The core's half of the contract (docs/contract.md): a zod schema per channel, which the channel
// table validates every untrusted payload with. The names, input and result types live in
// src-shared/channels.ts; `satisfies` below makes the compiler hold this table to them (every
// channel, no other, and each schema accepting what the shared type allows).
import { z } from 'zod';
import { HTTP_METHODS, type Channel, type ChannelInput } from '../../../src-shared/channels';
import { PROVIDER_IDS, REDIRECT_MODES, SERVICE_IDS } from '../../../src-shared/types';
import { actionSchemas } from '../actions/schemas';
import { MAX_HEADERS } from '../../../src-shared/limits';
import { bodyGuard, guarded, maxItems, maxKeys } from './bounds';
import {
  atMost,
  connectionId,
  headerName,
  headerValue,
  printable,
  refreshToken,
  requestId,
  requestQuery,
  requestUrl,
  scope,
  state,
  urlWithinLimit,
} from './fields';
import { localApiSchemas } from '../local-api/schemas';
import { bodySchemas } from './body-schemas';
import { savedSchemas } from '../saved/schemas';
import { exportSchemas } from '../export/schemas';

const empty = z.strictObject({}).optional().default({});

export const schemas = {
  'app.info': empty,
  'settings.acceptInsecureStorage': z.strictObject({ accept: z.boolean() }),
  'services.list': empty,
  'settings.getProviders': empty,
  'settings.setProvider': z.strictObject({
    provider: z.enum(PROVIDER_IDS),
    clientId: printable(512),
    // An empty string removes a saved secret; leaving it out keeps the saved one.
    clientSecret: z
      .string()
      .max(512, atMost(512))
      .regex(/^[\x21-\x7e]*$/, 'must be printable characters without spaces')
      .optional(),
    redirectMode: z.enum(REDIRECT_MODES).optional(),
    testingClient: z.boolean().optional(),
  }),
  'oauth.start': z.strictObject({
    service: z.enum(SERVICE_IDS),
    scopes: guarded(z.array(scope).max(50), maxItems(50)).optional(),
    services: guarded(z.array(z.enum(SERVICE_IDS)).max(SERVICE_IDS.length), maxItems(SERVICE_IDS.length)).optional(),
  }),
  'oauth.wait': z.strictObject({ state }),
  'oauth.cancel': z.strictObject({ state }),
  'connections.list': empty,
  'connections.get': z.strictObject({ id: connectionId }),
  'connections.pace': z.strictObject({ id: connectionId }),
  'connections.delete': z.strictObject({ id: connectionId }),
  'connections.import': z.strictObject({ service: z.enum(SERVICE_IDS), refreshToken }),
  'api.request': z
    .strictObject({
      connectionId,
      method: z.enum(HTTP_METHODS).optional(),
      url: requestUrl,
      query: requestQuery.optional(),
      headers: guarded(z.record(headerName, headerValue), maxKeys(MAX_HEADERS, 'headers')).optional(),
      body: guarded(z.json(), bodyGuard).optional(),
      requestId: requestId.optional(),
      timeoutMs: z.number().int().min(1).max(300_000).optional(),
    })
    .superRefine(urlWithinLimit),
  'api.cancel': z.strictObject({ requestId }),
  ...actionSchemas,
  ...bodySchemas,
  ...savedSchemas,
  ...exportSchemas,
  ...localApiSchemas,
} as const satisfies { [C in Channel]: z.ZodType<unknown, ChannelInput<C>> };

/** What a channel's handler receives: the caller's input with the schema's defaults filled in. */
export type ChannelPayload<C extends Channel> = z.output<(typeof schemas)[C]>;
