// Loopback answers for the quick actions, in the real APIs' response shapes (Gmail, Calendar,
// Drive, Docs and Spotify Web API references), registered on an OAuth peer's resource server
// behind its real oidc-provider tokens and scope checks. Every call is captured with its method,
// path, query, headers and body, so tests assert exactly what each typed client sent.
import type { IncomingHttpHeaders } from 'node:http';
import type { OAuthPeer } from './oauth-peer';
import type { ApiHandler, ApiRequest, ResourceServer, RouteOptions } from './resource-server';
import { installGoogleFixtures, type GoogleFixtureState } from './api-fixtures-google';
export { parseMultipart } from './api-fixtures-google';
import { installSpotifyFixtures, type SpotifyFixtureState } from './api-fixtures-spotify';

export interface CapturedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, when it was JSON. */
  json: unknown;
}

export interface FixtureRouter {
  route(method: string, path: string, handler: ApiHandler, options?: RouteOptions): void;
}

export interface ApiFixtures<State> {
  /** Every call a fixture route answered, in order. */
  calls: CapturedCall[];
  /** Calls with this method whose path matches (a string is an exact path). */
  callsTo(method: string, path: string | RegExp): CapturedCall[];
  /** What the fixtures hold (mailbox, calendars, files, documents, playback), for setup and asserts. */
  state: State;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A router that records each call before its handler answers. */
export function capturingRouter(api: ResourceServer, calls: CapturedCall[]): FixtureRouter {
  return {
    route(method, path, handler, options) {
      api.route(
        method,
        path,
        (request: ApiRequest) => {
          calls.push({
            method: request.method,
            path: request.path,
            query: request.query,
            headers: request.headers,
            body: request.body,
            json: parseJson(request.body),
          });
          return handler(request);
        },
        options,
      );
    },
  };
}

function fixtures<State>(calls: CapturedCall[], state: State): ApiFixtures<State> {
  return {
    calls,
    callsTo: (method, path) =>
      calls.filter((call) => call.method === method && (typeof path === 'string' ? call.path === path : path.test(call.path))),
    state,
  };
}

export function installGoogleApiFixtures(peer: OAuthPeer): ApiFixtures<GoogleFixtureState> {
  const calls: CapturedCall[] = [];
  return fixtures(calls, installGoogleFixtures(capturingRouter(peer.api, calls), peer.account));
}

export function installSpotifyApiFixtures(peer: OAuthPeer): ApiFixtures<SpotifyFixtureState> {
  const calls: CapturedCall[] = [];
  return fixtures(calls, installSpotifyFixtures(capturingRouter(peer.api, calls), peer.account));
}

export type { GoogleFixtureState, SpotifyFixtureState };
