import type { ApiResponse } from '../../../src-shared/types';

export type ParsedBody = { kind: 'json'; value: unknown } | { kind: 'text' } | { kind: 'binary' };

function contentType(response: ApiResponse): string {
  const entry = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'content-type');
  return entry?.[1] ?? '';
}

/** What the body is: the core's parsed JSON when it sent one, otherwise parsed here if it looks like JSON. */
export function parseBody(response: ApiResponse): ParsedBody {
  if (response.bodyEncoding === 'base64') return { kind: 'binary' };
  if (response.json !== undefined) return { kind: 'json', value: response.json };
  const looksJson = /json/i.test(contentType(response)) || /^\s*[[{]/.test(response.body.slice(0, 64));
  if (!looksJson || response.truncated) return { kind: 'text' };
  try {
    return { kind: 'json', value: JSON.parse(response.body) };
  } catch {
    return { kind: 'text' };
  }
}

export function fileNameFor(response: ApiResponse, parsed: ParsedBody): { name: string; type: string } {
  const type = contentType(response).split(';')[0]?.trim() || (parsed.kind === 'json' ? 'application/json' : 'application/octet-stream');
  const ext = parsed.kind === 'json' ? 'json' : parsed.kind === 'text' ? 'txt' : 'bin';
  return { name: `response-${response.status}.${ext}`, type };
}
