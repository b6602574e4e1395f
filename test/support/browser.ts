// A stand-in for the system browser: follows the authorization URL through the peer's automatic
// sign-in and consent, keeping cookies as a browser would, until the provider sends it to the
// app's redirect URI.

export interface CompleteAuthorizationOptions {
  /** Deliver a loopback callback to the app (default true). Custom-scheme ones never are. */
  deliver?: boolean;
  /** Most redirects to follow before giving up (default 20). */
  maxHops?: number;
  /** Share cookies (a signed-in session) across calls; default: a fresh jar per call. */
  jar?: CookieJar;
  fetch?: typeof fetch;
}

export interface AuthorizationOutcome {
  /** Where the provider sent the browser: the app's redirect URI with `code` or `error`, `state`, `iss`. */
  redirectUrl: string;
  /** The app's callback page, when a loopback callback was delivered. */
  status?: number;
  body?: string;
  headers?: Headers;
}

interface Cookie {
  name: string;
  value: string;
  path: string;
  expiresAt?: number;
}

/** Just enough of RFC 6265 for oidc-provider: per-origin, path-scoped, honouring expiry. */
export class CookieJar {
  private readonly byOrigin = new Map<string, Cookie[]>();

  store(url: URL, setCookies: string[]): void {
    const cookies = this.byOrigin.get(url.origin) ?? [];
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const cookie: Cookie = { name: pair.slice(0, eq), value: pair.slice(eq + 1), path: '/' };
      for (const attribute of attributes) {
        const [key = '', value = ''] = attribute.split('=');
        const lower = key.toLowerCase();
        if (lower === 'path' && value) cookie.path = value;
        else if (lower === 'max-age') cookie.expiresAt = Date.now() + Number(value) * 1000;
        else if (lower === 'expires' && cookie.expiresAt === undefined) cookie.expiresAt = Date.parse(value);
      }
      const rest = cookies.filter((c) => c.name !== cookie.name || c.path !== cookie.path);
      cookies.length = 0;
      cookies.push(...rest, cookie);
    }
    this.byOrigin.set(url.origin, cookies);
  }

  header(url: URL): string | undefined {
    const now = Date.now();
    const live = (this.byOrigin.get(url.origin) ?? []).filter(
      (c) =>
        (c.expiresAt === undefined || c.expiresAt > now) &&
        (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
    );
    return live.length ? live.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }
}

function isAppRedirect(location: URL, redirectUri: URL | undefined): boolean {
  if (redirectUri) {
    // Loopback redirects may come back on any port the app chose: compare all but the query.
    if (
      location.protocol === redirectUri.protocol &&
      location.hostname === redirectUri.hostname &&
      location.port === redirectUri.port &&
      location.pathname === redirectUri.pathname
    )
      return true;
  }
  return location.protocol !== 'http:' && location.protocol !== 'https:';
}

/** Follows `authUrl` to the app's redirect URI; see CompleteAuthorizationOptions. */
export async function completeAuthorization(authUrl: string, options: CompleteAuthorizationOptions = {}): Promise<AuthorizationOutcome> {
  const doFetch = options.fetch ?? fetch;
  const jar = options.jar ?? new CookieJar();
  const maxHops = options.maxHops ?? 20;
  const start = new URL(authUrl);
  const redirectParam = start.searchParams.get('redirect_uri');
  const redirectUri = redirectParam ? new URL(redirectParam) : undefined;
  let url = start;
  const visited: string[] = [];

  for (let hop = 0; hop < maxHops; hop += 1) {
    visited.push(url.href);
    const cookie = jar.header(url);
    const response = await doFetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    jar.store(url, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      const body = await response.text();
      throw new Error(
        `The authorization server stopped at ${url.href} with HTTP ${response.status} instead of redirecting to the app: ${body.slice(0, 500)}`,
      );
    }
    await response.body?.cancel();
    const next = new URL(location, url);
    if (isAppRedirect(next, redirectUri)) return deliver(next.href, options, doFetch);
    url = next;
  }
  throw new Error(`No redirect to the app after ${maxHops} hops; visited:\n${visited.join('\n')}`);
}

async function deliver(redirectUrl: string, options: CompleteAuthorizationOptions, doFetch: typeof fetch): Promise<AuthorizationOutcome> {
  const target = new URL(redirectUrl);
  if (options.deliver === false || (target.protocol !== 'http:' && target.protocol !== 'https:')) return { redirectUrl };
  const response = await doFetch(target, { redirect: 'manual' });
  return { redirectUrl, status: response.status, body: await response.text(), headers: response.headers };
}

export interface TestBrowser {
  /** Pass as CoreOptions.openExternal. */
  openExternal(url: string): void;
  /** Every URL the app opened, in order. */
  readonly opened: string[];
  /** The outcome of the most recent automatic authorization (rejects with its error). */
  lastOutcome(): Promise<AuthorizationOutcome>;
  /** Resolves with the next URL the app opens (already opened ones do not count). */
  nextOpened(): Promise<string>;
}

/**
 * A system browser for CoreOptions.openExternal. With `auto` (default) each opened URL is walked
 * through the sign-in at once, as a person clicking "Allow" would; otherwise URLs are only
 * recorded and the test completes them itself. Failures are kept for `lastOutcome`, never left as
 * unhandled rejections.
 */
export function createTestBrowser(options: CompleteAuthorizationOptions & { auto?: boolean } = {}): TestBrowser {
  const opened: string[] = [];
  let last: Promise<AuthorizationOutcome> | undefined;
  const waiters: ((url: string) => void)[] = [];
  return {
    openExternal(url) {
      opened.push(url);
      for (const resolve of waiters.splice(0)) resolve(url);
      if (options.auto === false) return;
      const outcome = completeAuthorization(url, options);
      outcome.catch(() => undefined);
      last = outcome;
    },
    opened,
    lastOutcome() {
      return last ?? Promise.reject(new Error('The app has not opened an authorization URL in the test browser.'));
    },
    nextOpened() {
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
