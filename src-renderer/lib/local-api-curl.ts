// The console's request as a curl command against Junction's local API (docs/local-api.md):
// it runs as is from a terminal with the key in $JUNCTION_KEY, and holds no token. Headers, body
// and quoting follow "Copy as curl" (curl.ts), so both commands send what the core would.
import { bodyLines, headerLines, headerNotes, methodArgs, shellQuote } from './curl';
import type { KeyValue, RequestDraft } from './request';

function queryString(url: string, rows: KeyValue[]): string {
  const params = new URLSearchParams();
  for (const { key, value, enabled } of rows) if (enabled && key.trim()) params.append(key.trim(), value);
  const search = params.toString();
  if (!search) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${search}`;
}

/**
 * `curl --globoff` (no globbing of [] and {}) against the path-based proxy: the draft's URL,
 * relative to the API base or absolute on an allowed host, goes after `/request/`.
 */
export function toLocalApiCurl(draft: RequestDraft, connectionId: string, port: number): string {
  const path = queryString(draft.url.trim().replace(/^\/+/, ''), draft.query);
  const target = `http://127.0.0.1:${port}/api/connections/${connectionId}/request/${path}`;
  const headers = headerLines(draft.headers);
  const args = [
    `curl --globoff ${methodArgs(draft.method)} ${shellQuote(target)}`,
    `-H "Authorization: Bearer $JUNCTION_KEY"`,
    ...headers.lines,
    ...bodyLines(draft, headers.names),
  ];
  return [...headerNotes(headers), args.join(' \\\n  ')].join('\n');
}
