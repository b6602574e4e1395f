import { apiErrorBody } from './api-errors';
import { sleep } from './http-utils';
import type { ApiReply, ApiRequest, ResourceServer } from './resource-server';

/** How the peer says "too many": a 429 with Retry-After, or Google's 403 without one. */
export type LimitShape = 'google-429' | 'google-403' | 'spotify-429';

export interface LimitedRoute {
  /** Answers served 200. */
  served(): number;
  /** Rate-limit answers sent. */
  limited(): number;
}

/** Google's 403 for a per-user rate limit (docs/providers.md). */
export function userRateLimitBody(): unknown {
  return {
    error: {
      code: 403,
      message: 'User Rate Limit Exceeded',
      errors: [{ message: 'User Rate Limit Exceeded', domain: 'usageLimits', reason: 'userRateLimitExceeded' }],
    },
  };
}

/**
 * A route that serves `{ n }` (the `n` query parameter) to at most `perSecond × windowMs / 1000`
 * requests per token over a rolling window, as Spotify's 30-second window does, and answers any
 * more with a rate limit: Retry-After (whole seconds) until the oldest request leaves the window.
 * `holdMs(n)`: how long the n-th request (from 0) waits in the peer's own queue before it is
 * counted, as a provider's front end may hold some: the peer counts it then, not when it was sent.
 */
export function installRateLimitedRoute(
  api: ResourceServer,
  path: string,
  options: { perSecond: number; windowMs: number; shape: LimitShape; holdMs?: (n: number) => number },
): LimitedRoute {
  const allowed = Math.max(1, Math.floor((options.perSecond * options.windowMs) / 1000));
  const windows = new Map<string, number[]>();
  let served = 0;
  let limited = 0;
  let arrived = 0;
  api.route('GET', path, (request) => {
    const hold = options.holdMs?.(arrived++) ?? 0;
    return hold > 0 ? sleep(hold).then(() => count(request)) : count(request);
  });
  function count({ token, query }: ApiRequest): ApiReply {
    const key = token?.token ?? '';
    const now = performance.now();
    const window = windows.get(key) ?? [];
    windows.set(key, window);
    while (window.length > 0 && (window[0] ?? 0) <= now - options.windowMs) window.shift();
    if (window.length >= allowed) {
      limited += 1;
      const wait = String(Math.max(1, Math.ceil(((window[0] ?? now) + options.windowMs - now) / 1000)));
      if (options.shape === 'google-403') return { status: 403, json: userRateLimitBody() };
      const kind = options.shape === 'google-429' ? 'google' : 'spotify';
      return { status: 429, headers: { 'retry-after': wait }, json: apiErrorBody(kind, 429) };
    }
    window.push(now);
    served += 1;
    return { json: { n: query.get('n') } };
  }
  return { served: () => served, limited: () => limited };
}
