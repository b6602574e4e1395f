// The one contract (DESIGN.md, "One contract, derived everywhere"): every channel, the schema its
// payload must match, and the type of its result. The core's channel table validates with these
// schemas, the preload allows exactly these channel names, the shell registers one handler per
// name, and the renderer's typed client takes its types from here. No Node imports: the preload
// and the renderer bundle this file.
import { z } from 'zod';
import type {
  ApiResponse,
  AppInfo,
  Connection,
  OAuthStartResult,
  ProviderSettings,
  Service,
  StorageInfo,
} from '../types';
import { PROVIDER_IDS, REDIRECT_MODES, SERVICE_IDS } from '../types';
import { actionSchemas } from '../actions/schemas';
import type { ActionDescriptor, ActionResult, PaginateResult } from '../actions/schemas';

/** Printable ASCII without spaces: client IDs, states, request IDs. */
const token = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces');

/** RFC 6749 §3.3 scope-token. */
const scope = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'is not a valid OAuth scope');

/** RFC 9110 §5.1 field-name (token). */
const headerName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'is not a valid header name');

/**
 * RFC 9110 §5.5 field-value: visible characters, spaces, tabs and obs-text (bytes 0x80–0xFF); no
 * CR, LF or NUL, so nothing can be smuggled into the request, and nothing fetch cannot send.
 */
const headerValue = z
  .string()
  .max(8192)
  .regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'must be printable Latin-1 text without line breaks');

const connectionId = z.uuid('must be a connection id');
const state = token(256);
const requestId = token(128);

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

const empty = z.strictObject({}).optional().default({});

export const schemas = {
  'app.info': empty,
  'settings.acceptInsecureStorage': z.strictObject({ accept: z.boolean() }),
  'services.list': empty,
  'settings.getProviders': empty,
  'settings.setProvider': z.strictObject({
    provider: z.enum(PROVIDER_IDS),
    clientId: token(512),
    // An empty string removes a saved secret; leaving it out keeps the saved one.
    clientSecret: z.string().max(512).regex(/^[\x21-\x7e]*$/, 'must be printable characters without spaces').optional(),
    redirectMode: z.enum(REDIRECT_MODES).optional(),
  }),
  'oauth.start': z.strictObject({
    service: z.enum(SERVICE_IDS),
    scopes: z.array(scope).max(50).optional(),
  }),
  'oauth.wait': z.strictObject({ state }),
  'oauth.cancel': z.strictObject({ state }),
  'connections.list': empty,
  'connections.get': z.strictObject({ id: connectionId }),
  'connections.delete': z.strictObject({ id: connectionId }),
  'api.request': z.strictObject({
    connectionId,
    method: z.enum(HTTP_METHODS).optional(),
    url: z
      .string()
      .min(1, 'must not be empty')
      .max(16_384)
      // eslint-disable-next-line no-control-regex -- refusing control characters is the point
      .regex(/^[^\x00-\x20\x7f]*$/, 'must not contain spaces or control characters'),
    query: z.record(z.string().min(1).max(1024), z.union([z.string().max(16_384), z.array(z.string().max(16_384)).max(100)])).optional(),
    headers: z.record(headerName, headerValue).optional(),
    body: z.json().optional(),
    requestId: requestId.optional(),
    timeoutMs: z.number().int().min(1).max(300_000).optional(),
  }),
  'api.cancel': z.strictObject({ requestId }),
  ...actionSchemas,
} as const;

export type Channel = keyof typeof schemas;
export const CHANNELS = Object.keys(schemas) as Channel[];

export type ChannelInput<C extends Channel> = z.input<(typeof schemas)[C]>;
export type ChannelPayload<C extends Channel> = z.output<(typeof schemas)[C]>;

export interface ChannelResults {
  'app.info': AppInfo;
  'settings.acceptInsecureStorage': StorageInfo;
  'services.list': Service[];
  'settings.getProviders': ProviderSettings[];
  'settings.setProvider': ProviderSettings;
  'oauth.start': OAuthStartResult;
  'oauth.wait': Connection;
  'oauth.cancel': { cancelled: boolean };
  'connections.list': Connection[];
  'connections.get': Connection;
  'connections.delete': { revoked: boolean; message?: string };
  'api.request': ApiResponse;
  'api.cancel': { cancelled: boolean };
  'actions.list': ActionDescriptor[];
  'actions.run': ActionResult;
  'api.paginate': PaginateResult;
}

export type ChannelResult<C extends Channel> = ChannelResults[C];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(schemas, name);
}
