// What History keeps of each request a quick action makes: the request as the console would send
// it again, and the answer's status line. Bounded in count and body size, since the result crosses
// IPC and the window stores it.
import { MAX_ACTION_CALL_BODY, MAX_ACTION_CALLS, type ActionCall } from '../../../src-shared/actions';
import type { ChannelPayload } from '../ipc/contract';
import type { ApiResponse } from '../../../src-shared/types';

function bodyText(body: ChannelPayload<'api.request'>['body']): string | undefined {
  if (body === undefined) return undefined;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > MAX_ACTION_CALL_BODY ? text.slice(0, MAX_ACTION_CALL_BODY) : text;
}

/** Adds the request to `calls` unless MAX_ACTION_CALLS are listed already. */
export function recordCall(calls: ActionCall[], request: ChannelPayload<'api.request'>, response: ApiResponse): void {
  if (calls.length >= MAX_ACTION_CALLS) return;
  const contentType = Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const body = bodyText(request.body);
  calls.push({
    method: request.method ?? 'GET',
    url: request.url,
    ...(request.query ? { query: request.query } : {}),
    ...(contentType ? { headers: { 'content-type': contentType } } : {}),
    ...(body !== undefined ? { body } : {}),
    status: response.status,
    statusText: response.statusText,
    durationMs: response.durationMs,
    sizeBytes: response.sizeBytes,
  });
}
