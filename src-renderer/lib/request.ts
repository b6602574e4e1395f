// What the console sends, as plain data: the form's draft and the payload for `api.request`
// (target.ts resolves its URL, curl.ts copies it, redact.ts makes it safe to keep). No React,
// no store.
import type { ChannelInput, HttpMethod } from '../../src-shared/channels';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const satisfies readonly HttpMethod[];
export const METHODS_WITH_BODY: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

export interface KeyValue {
  key: string;
  value: string;
  enabled: boolean;
}

export interface RequestDraft {
  method: HttpMethod;
  url: string;
  query: KeyValue[];
  headers: KeyValue[];
  body: string;
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type BodyCheck = { ok: true; value?: JsonValue } | { ok: false; error: string };

/** The body editor holds JSON: empty means no body, anything else must parse. */
export function checkBody(text: string): BodyCheck {
  if (text.trim() === '') return { ok: true };
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'it does not parse';
    return { ok: false, error: `The body is not valid JSON: ${detail}` };
  }
}

function activeRows(rows: KeyValue[]): KeyValue[] {
  return rows.filter((r) => r.enabled && r.key.trim() !== '');
}

export function queryRecord(rows: KeyValue[]): Record<string, string | string[]> {
  // No prototype: a row named `constructor` must not find Object's, nor `__proto__` vanish.
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const { key, value } of activeRows(rows)) {
    const name = key.trim();
    const previous = out[name];
    if (previous === undefined) out[name] = value;
    else out[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

export function headerRecord(rows: KeyValue[]): Record<string, string> {
  return Object.fromEntries(activeRows(rows).map(({ key, value }) => [key.trim(), value]));
}

export type RequestPayload = ChannelInput<'api.request'>;

export function buildPayload(
  draft: RequestDraft,
  connectionId: string,
  requestId: string,
): { ok: true; payload: RequestPayload } | { ok: false; error: string } {
  const url = draft.url.trim();
  if (!url) return { ok: false, error: 'Enter a URL, relative to the API base or absolute.' };
  if (/\s/.test(url)) return { ok: false, error: 'The URL must not contain spaces; put parameters in the Query rows.' };
  const body = METHODS_WITH_BODY.includes(draft.method) ? checkBody(draft.body) : ({ ok: true } as BodyCheck);
  if (!body.ok) return body;
  const query = queryRecord(draft.query);
  const headers = headerRecord(draft.headers);
  return {
    ok: true,
    payload: {
      connectionId,
      method: draft.method,
      url,
      requestId,
      ...(Object.keys(query).length ? { query } : {}),
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(body.value === undefined ? {} : { body: body.value }),
    },
  };
}

export function emptyDraft(): RequestDraft {
  return { method: 'GET', url: '', query: [], headers: [], body: '' };
}
