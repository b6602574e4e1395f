// Every channel of the contract (docs/contract.md): its name, what its payload looks like to a
// caller, and what it answers. Pure TypeScript, no zod: the preload and the renderer bundle this
// file. The core's zod table (src-main/core/ipc/contract.ts) is held to these types by the
// compiler, so the two cannot drift.
import type { ActionDescriptor, ActionResult, PaginateResult } from './actions';
import type { BodyCapSettings, BodyRequest, BodyResult, SaveBodyResult } from './body';
import type { SavedDraft, SavedExportResult, SavedImportResult, SavedRequest } from './saved';
import type { ExportRequest, ExportResult } from './export';
import type {
  ApiResponse,
  AppInfo,
  Connection,
  ConnectionPace,
  LocalApiKey,
  LocalApiLogEntry,
  LocalApiNewKey,
  LocalApiStatus,
  OAuthStartResult,
  ProviderId,
  ProviderSettings,
  RedirectMode,
  Service,
  ServiceId,
  StorageInfo,
} from './types';

/** The channel names, in the order the shell registers them. */
export const CHANNELS = [
  'app.info',
  'settings.acceptInsecureStorage',
  'services.list',
  'settings.getProviders',
  'settings.setProvider',
  'settings.getBodyCap',
  'settings.setBodyCap',
  'oauth.start',
  'oauth.wait',
  'oauth.cancel',
  'connections.list',
  'connections.get',
  'connections.delete',
  'connections.pace',
  'connections.import',
  'api.request',
  'api.cancel',
  'actions.list',
  'actions.run',
  'api.paginate',
  'api.body',
  'api.saveBody',
  'saved.list',
  'saved.save',
  'saved.rename',
  'saved.delete',
  'saved.export',
  'saved.import',
  'api.export',
  'localApi.status',
  'localApi.configure',
  'localApi.keys.list',
  'localApi.keys.create',
  'localApi.keys.revoke',
  'localApi.log',
] as const;

export type Channel = (typeof CHANNELS)[number];

const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && CHANNEL_SET.has(name);
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Any JSON value: what a request body or a quick action's parameter may be. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Channels that take no fields: `{}` or nothing at all. */
export type NoFields = Record<string, never> | undefined;

/** What a caller may send on each channel (before the core fills in defaults). */
export interface ChannelInputs {
  'app.info': NoFields;
  'settings.acceptInsecureStorage': { accept: boolean };
  'services.list': NoFields;
  /** The largest answer body kept (Settings → Responses). */
  'settings.getBodyCap': NoFields;
  /** `maxBodyBytes` from MIN_BODY_CAP to MAX_BODY_CAP (src-shared/body.ts); null goes back to the default. */
  'settings.setBodyCap': { maxBodyBytes: number | null };
  'settings.getProviders': NoFields;
  'settings.setProvider': {
    provider: ProviderId;
    clientId: string;
    /** An empty string removes a saved secret; leaving it out keeps the saved one. */
    clientSecret?: string | undefined;
    redirectMode?: RedirectMode | undefined;
    /** "This client is in Testing" (Google: refresh tokens end after 7 days); left out: unchanged. */
    testingClient?: boolean | undefined;
  };
  /**
   * `service` is the primary (what `oauth.wait` answers with); `services` adds more of the same
   * provider to the one consent (the union of their scopes).
   */
  'oauth.start': { service: ServiceId; scopes?: string[] | undefined; services?: ServiceId[] | undefined };
  'oauth.wait': { state: string };
  'oauth.cancel': { state: string };
  'connections.list': NoFields;
  'connections.get': { id: string };
  'connections.delete': { id: string };
  'connections.pace': { id: string };
  /** Connect from a refresh token the person already has; the token is write-only. */
  'connections.import': { service: ServiceId; refreshToken: string };
  'api.request': {
    connectionId: string;
    method?: HttpMethod | undefined;
    /** Relative to the service's API base, or absolute on a host the service allows. */
    url: string;
    query?: Record<string, string | string[]> | undefined;
    headers?: Record<string, string> | undefined;
    /** A string is sent as is; any other JSON value is sent as JSON. */
    body?: JsonValue | undefined;
    /** Lets `api.cancel` stop the request. */
    requestId?: string | undefined;
    timeoutMs?: number | undefined;
  };
  'api.cancel': { requestId: string };
  'actions.list': { service: ServiceId };
  'actions.run': {
    connectionId: string;
    actionId: string;
    params?: Record<string, JsonValue> | undefined;
    /** Lets `api.cancel` stop a running action. */
    requestId?: string | undefined;
  };
  'api.paginate': {
    connectionId: string;
    url: string;
    query?: Record<string, string> | undefined;
    requestId?: string | undefined;
    maxPages?: number | undefined;
  };
  /** Reads a kept body piece by piece (src-shared/body.ts). */
  'api.body': BodyRequest;
  /** Streams a kept body to a file the person picks in a save dialog. */
  'api.saveBody': { handle: string };
  /** One service's saved requests, or every service's; oldest first. */
  'saved.list': { service?: ServiceId | undefined } | undefined;
  /** Stars the form under a name; headers the core owns are dropped. */
  'saved.save': { service: ServiceId; name: string; request: SavedDraft };
  'saved.rename': { id: string; name: string };
  'saved.delete': { id: string };
  /** Writes one service's saved requests (or all) to a JSON file the person picks in a save dialog. */
  'saved.export': { service?: ServiceId | undefined } | undefined;
  /** The text of an exported file, read by the window: all of its requests are added, or none. */
  'saved.import': { text: string };
  /** Saves every page of a list, or a table, as NDJSON or CSV to a file picked in a save dialog (src-shared/export.ts). */
  'api.export': ExportRequest;
  'localApi.status': NoFields;
  /** Turns the local API on or off, or moves it; answers the state after the change. */
  'localApi.configure': { enabled?: boolean | undefined; port?: number | undefined };
  'localApi.keys.list': NoFields;
  'localApi.keys.create': { name: string; services: ServiceId[] };
  'localApi.keys.revoke': { id: string };
  /** Newest first; default and most 500. */
  'localApi.log': { limit?: number | undefined } | undefined;
}

/** What each channel answers. */
export interface ChannelResults {
  'app.info': AppInfo;
  'settings.acceptInsecureStorage': StorageInfo;
  'services.list': Service[];
  'settings.getBodyCap': BodyCapSettings;
  'settings.setBodyCap': BodyCapSettings;
  'settings.getProviders': ProviderSettings[];
  'settings.setProvider': ProviderSettings;
  'oauth.start': OAuthStartResult;
  'oauth.wait': Connection;
  'oauth.cancel': { cancelled: boolean };
  'connections.list': Connection[];
  'connections.get': Connection;
  'connections.delete': { revoked: boolean; message?: string };
  'connections.pace': ConnectionPace;
  'connections.import': Connection;
  'api.request': ApiResponse;
  'api.cancel': { cancelled: boolean };
  'actions.list': ActionDescriptor[];
  'actions.run': ActionResult;
  'api.paginate': PaginateResult;
  'api.body': BodyResult;
  'api.saveBody': SaveBodyResult;
  'saved.list': SavedRequest[];
  'saved.save': SavedRequest;
  'saved.rename': SavedRequest;
  'saved.delete': { deleted: boolean };
  'saved.export': SavedExportResult;
  'saved.import': SavedImportResult;
  'api.export': ExportResult;
  'localApi.status': LocalApiStatus;
  'localApi.configure': LocalApiStatus;
  'localApi.keys.list': LocalApiKey[];
  'localApi.keys.create': LocalApiNewKey;
  'localApi.keys.revoke': { revoked: boolean };
  'localApi.log': LocalApiLogEntry[];
}

export type ChannelInput<C extends Channel> = ChannelInputs[C];
export type ChannelResult<C extends Channel> = ChannelResults[C];
