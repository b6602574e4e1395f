// Where a console request goes, decided in the window exactly as the core decides it
// (src-main/core/proxy/resolve-url.ts and docs/contract.md "URL rules"): the history shows that URL,
// and "Copy as curl" gives the token only to a URL the core itself would send it to.
import type { Service } from '../../src-shared/types';
import { queryRecord, type KeyValue } from './request';

/** What the window knows of a service's allowlist; `allowedOrigins` is missing from an older core. */
export type TargetService = Pick<Service, 'apiBaseUrl'> & Partial<Pick<Service, 'allowedOrigins'>>;

export interface Target {
  /** The URL as the core would send it (WHATWG-normalized), or as typed when it does not parse. */
  url: string;
  /** Why the core would refuse this URL, in words; absent when it would send the request. */
  refused?: string;
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === '::1' || /^127(\.\d{1,3}){3}$/.test(host) || host === 'localhost';
}

function baseOf(service: TargetService): string {
  return service.apiBaseUrl.replace(/\/+$/, '');
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The origins the core sends this service's token to; without the core's list, only the base's. */
function allowedOrigins(service: TargetService): Set<string> {
  const origins = new Set(service.allowedOrigins ?? []);
  const base = originOf(baseOf(service));
  if (base) origins.add(base);
  return origins;
}

function refusal(service: TargetService, url: URL): string | undefined {
  if (url.username !== '' || url.password !== '') return 'an address with a user name or password in it is not allowed';
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (url.origin === 'null' || !secure) return `a ${url.protocol} address is not allowed`;
  if (!allowedOrigins(service).has(url.origin)) return `${url.host} is not one of the service's hosts`;
  return undefined;
}

/** The request's URL with its query rows, and whether the core would send the token there. */
export function resolveTarget(service: TargetService, rawUrl: string, rows: KeyValue[] = []): Target {
  const raw = rawUrl.trim();
  if (!ABSOLUTE.test(raw) && service.apiBaseUrl === '') {
    return { url: raw, refused: 'it is relative, and no connection is chosen to give it an API base' };
  }
  // A relative URL keeps the base's path, and "//host" stays a path on the base: the base is a prefix.
  const joined = ABSOLUTE.test(raw) ? raw : `${baseOf(service)}/${raw.replace(/^\/+/, '')}`;
  let url: URL;
  try {
    url = new URL(joined);
  } catch {
    return { url: joined, refused: 'it is not a valid URL' };
  }
  // The core appends rows through searchParams, grouped by name in the record's key order.
  for (const [key, value] of Object.entries(queryRecord(rows))) {
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, item);
  }
  const refused = refusal(service, url);
  return refused ? { url: url.href, refused } : { url: url.href };
}
