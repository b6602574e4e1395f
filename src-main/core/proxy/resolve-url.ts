import type { ResolvedService } from '../config';
import { CoreError } from '../errors';
import { isLoopbackHost } from '../net';

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The URL a console request goes to. Relative URLs are appended to the service's base, keeping
 * its path (`/users/me/profile` on `.../gmail/v1` is `.../gmail/v1/users/me/profile`); absolute
 * ones must be on an origin this service allows. Checked before any byte is sent.
 */
export function resolveRequestUrl(service: ResolvedService, raw: string, query?: Record<string, string | string[]>): URL {
  let url: URL;
  if (ABSOLUTE.test(raw)) {
    try {
      url = new URL(raw);
    } catch {
      throw new CoreError('invalid_input', `url: "${raw}" is not a valid URL.`);
    }
    assertAllowed(service, url);
  } else {
    // A leading slash must not drop the base path, and "//host" must not name another host:
    // the base (already without a trailing slash) is a string prefix, parsed once with the rest.
    url = new URL(`${service.apiBaseUrl}/${raw.replace(/^\/+/, '')}`);
    assertAllowed(service, url);
  }
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, item);
  }
  return url;
}

export function assertAllowed(service: ResolvedService, url: URL): void {
  const allowed =
    service.allowedOrigins.has(url.origin) &&
    (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) &&
    url.username === '' &&
    url.password === '';
  if (!allowed) {
    // A file:, data: or javascript: URL has the origin "null", and a URL with credentials in it
    // can name an allowed origin: say what was refused in words.
    const what =
      url.username !== '' || url.password !== ''
        ? 'an address with a user name or password in it'
        : url.origin === 'null'
          ? `a ${url.protocol} address`
          : url.origin;
    throw new CoreError(
      'host_not_allowed',
      `Junction sends your ${service.definition.name} token only to ${[...service.allowedOrigins].join(', ')}; ${what} is not one of them. Use a URL relative to ${service.apiBaseUrl}.`,
    );
  }
}
