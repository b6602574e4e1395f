// Shared set-up of the quick-action tests: a real core against an oidc-provider peer whose
// resource server answers with the API fixtures, and a connection made through the system-browser
// flow. Everything an action does goes through `core.invoke`, as the renderer's calls do.
import type { ActionResult, PaginateResult } from '../../src-shared/actions';
import type { JsonValue } from '../../src-shared/channels';
import type { Connection, ServiceId } from '../../src-shared/types';
import {
  installGoogleApiFixtures,
  installSpotifyApiFixtures,
  type ApiFixtures,
  type CapturedCall,
  type GoogleFixtureState,
  type SpotifyFixtureState,
} from '../support/api-fixtures';
import { startHarness, type Harness } from './harness';

export const G = 'https://www.googleapis.com/auth/';

export interface GoogleSetup {
  h: Harness;
  api: ApiFixtures<GoogleFixtureState>;
}

export interface SpotifySetup {
  h: Harness;
  api: ApiFixtures<SpotifyFixtureState>;
}

export async function startGoogle(): Promise<GoogleSetup> {
  const h = await startHarness({ kind: 'google' });
  return { h, api: installGoogleApiFixtures(h.peer) };
}

export async function startSpotify(): Promise<SpotifySetup> {
  const h = await startHarness({ kind: 'spotify' });
  return { h, api: installSpotifyApiFixtures(h.peer) };
}

export function runAction(
  h: Harness,
  connection: Connection,
  actionId: string,
  params: Record<string, JsonValue> = {},
  requestId?: string,
): Promise<ActionResult> {
  return h.core.invoke('actions.run', { connectionId: connection.id, actionId, params, ...(requestId ? { requestId } : {}) });
}

export function paginate(
  h: Harness,
  payload: { connectionId: string; url: string; query?: Record<string, string>; requestId?: string; maxPages?: number },
): Promise<PaginateResult> {
  return h.core.invoke('api.paginate', payload);
}

export function connect(h: Harness, service: ServiceId, scopes?: string[]): Promise<Connection> {
  return h.connect(service, scopes ? { scopes } : {});
}

/** The one call to `path`, failing loudly when there were none or several. */
export function only(calls: CapturedCall[]): CapturedCall {
  if (calls.length !== 1) throw new Error(`expected exactly one call, got ${calls.length}`);
  return calls[0] as CapturedCall;
}

/** The bearer the core sent: the connection's live token, never the SDKs' placeholder. */
export function bearerOf(call: CapturedCall): string | undefined {
  return /^Bearer (\S+)$/.exec(call.headers.authorization ?? '')?.[1];
}
