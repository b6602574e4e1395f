// The console's request as a curl command against Junction's local API (docs/local-api.md):
// it runs as is from a terminal with the key in $JUNCTION_KEY, and holds no token.
import { headerRecord, METHODS_WITH_BODY, type KeyValue, type RequestDraft } from './request';

const NOT_SENT = new Set(['authorization', 'proxy-authorization', 'cookie']);

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function queryString(url: string, rows: KeyValue[]): string {
  const params = new URLSearchParams();
  for (const { key, value, enabled } of rows) if (enabled && key.trim()) params.append(key.trim(), value);
  const search = params.toString();
  if (!search) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${search}`;
}

/**
 * `curl -g` (no globbing of [] and {}) against the path-based proxy: the draft's URL, relative to
 * the API base or absolute on an allowed host, goes after `/request/`.
 */
export function toLocalApiCurl(draft: RequestDraft, connectionId: string, port: number): string {
  const path = queryString(draft.url.trim().replace(/^\/+/, ''), draft.query);
  const target = `http://127.0.0.1:${port}/api/connections/${connectionId}/request/${path}`;
  const lines = [`curl -g -X ${draft.method} ${shellQuote(target)}`, `-H "Authorization: Bearer $JUNCTION_KEY"`];
  const headers = headerRecord(draft.headers);
  for (const [name, value] of Object.entries(headers)) {
    if (NOT_SENT.has(name.toLowerCase())) continue;
    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (METHODS_WITH_BODY.includes(draft.method) && draft.body.trim()) {
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) lines.push(`-H 'Content-Type: application/json'`);
    lines.push(`--data-raw ${shellQuote(draft.body)}`);
  }
  return lines.join(' \\\n  ');
}
