// The two functions of Node's legacy `url` module that @readme/httpsnippet calls (`parse` and
// `format`), for the window, which has no Node: the renderer's bundle aliases `url` to this file
// (electron.vite.config.ts). The snippet code only ever hands it an absolute, already normalized
// URL without query or fragment (http-parts.ts splits the query off), so the WHATWG parser gives
// the same parts; test/renderer/legacy-url.test.ts holds the two to the same answers.

export interface UrlParts {
  protocol: string | null;
  slashes: boolean | null;
  auth: string | null;
  host: string | null;
  port: string | null;
  hostname: string | null;
  hash: string | null;
  search: string | null;
  query: Record<string, string | string[]> | string | null;
  pathname: string | null;
  path: string | null;
  href: string;
}

export function parse(input: string, parseQuery = false): UrlParts {
  const url = new URL(input);
  const query: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of url.searchParams) {
    const seen = query[key];
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return {
    protocol: url.protocol,
    slashes: true,
    auth: url.username ? `${decodeURIComponent(url.username)}${url.password ? `:${decodeURIComponent(url.password)}` : ''}` : null,
    host: url.host,
    port: url.port || null,
    // Node's legacy parser gives an IPv6 host without its brackets.
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    hash: url.hash || null,
    search: url.search || null,
    query: parseQuery ? query : url.search.slice(1) || null,
    pathname: url.pathname,
    path: `${url.pathname}${url.search}`,
    href: url.href,
  };
}

/** Builds `protocol//host` + `pathname` + `search` (+ `hash`): all a snippet's URL needs. */
export function format(parts: Partial<UrlParts>): string {
  const search = parts.search ? (parts.search.startsWith('?') ? parts.search : `?${parts.search}`) : '';
  const hash = parts.hash ?? '';
  return `${parts.protocol ?? ''}//${parts.host ?? ''}${parts.pathname ?? ''}${search}${hash}`;
}
