import type { OutgoingHttpHeaders } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { CoreError } from '../errors';
import { describeIssues } from '../ipc/channel-table';
import { schemas } from '../ipc/contract';
import { headerName, headerValue } from '../ipc/fields';
import type { UpstreamResponse } from '../proxy/transport';
import { HTTP_METHODS } from '../../../src-shared/channels';
import { parseJson, readRequestBody } from './http';
import type { Call, RouteDeps } from './routes';
import { CORE_OWNED_HEADERS } from '../../../src-shared/headers';

const fields = schemas['api.request'].shape;

/** `POST /api/connections/{id}/request`: the request as JSON, the body under `data`. */
const bodyRequest = z.strictObject({
  method: z.enum(HTTP_METHODS).optional(),
  url: fields.url,
  query: fields.query,
  headers: fields.headers,
  data: z.json().optional(),
});

const PATH_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);
const MAX_HEADERS = 100;

/**
 * Caller headers not passed on: the proxy owns credentials and the connection, the local API's
 * own key is not the provider's business, and the transport picks the encodings it can undo.
 */
const NOT_FORWARDED: ReadonlySet<string> = new Set([...CORE_OWNED_HEADERS, 'accept-encoding', 'user-agent', 'origin', 'referer']);

/** Hop-by-hop fields of the API's answer (RFC 9110 §7.6.1): they describe Junction's link to the API, not the answer. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection']);

function forwardedHeaders(call: Call): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of Object.entries(call.req.headers)) {
    if (NOT_FORWARDED.has(name) || value === undefined) continue;
    if (++count > MAX_HEADERS) throw new CoreError('invalid_input', `headers: at most ${MAX_HEADERS} headers are passed on.`);
    const joined = Array.isArray(value) ? value.join(', ') : value;
    if (!headerName.safeParse(name).success || !headerValue.safeParse(joined).success) {
      throw new CoreError('invalid_input', `headers.${name.slice(0, 64)}: is not a header Junction can pass on.`);
    }
    out[name] = joined;
  }
  return out;
}

/** The API's answer as it came: status, headers (less hop-by-hop ones) and the body, streamed. */
async function relay(call: Call, upstream: UpstreamResponse): Promise<void> {
  // undici's body errors when destroyed early; the pipeline below reports what matters.
  upstream.body.on('error', () => undefined);
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream.headers)) {
    if (HOP_BY_HOP.has(name)) continue;
    // The transport undid the content coding: the length and coding no longer describe the bytes.
    if (!upstream.raw && (name === 'content-encoding' || name === 'content-length')) continue;
    headers[name] = value;
  }
  try {
    call.res.writeHead(upstream.status, headers);
  } catch {
    await upstream.discard();
    throw new CoreError('provider_error', 'The API answered with headers Junction cannot pass on.');
  }
  if (call.req.method === 'HEAD') {
    await upstream.discard();
    call.res.end();
    return;
  }
  // A caller that goes away, or the server stopping, destroys the response; pipeline then stops the upstream body.
  await pipeline(upstream.body, call.res).catch(() => {
    upstream.body.destroy();
    call.res.destroy();
  });
}

/** Both proxy forms: body-based when `rest` is undefined, path-based otherwise. */
export async function proxyRequest(deps: RouteDeps, call: Call, connectionId: string, rest: string | undefined): Promise<void> {
  const method = call.req.method ?? 'GET';
  if (rest === undefined) {
    if (method !== 'POST') {
      call.res.setHeader('Allow', 'POST');
      throw new CoreError(
        'invalid_input',
        'POST the request as JSON here, or put the API path after /request/ to send it as is (e.g. /request/users/me/profile).',
      );
    }
    const parsed = bodyRequest.safeParse(parseJson(await readRequestBody(call.req, deps.maxBodyBytes)));
    if (!parsed.success) throw new CoreError('invalid_input', `Invalid proxy request: ${describeIssues(parsed.error)}.`);
    const { data, ...request } = parsed.data;
    const upstream = await deps.proxy.stream(
      { ...request, connectionId, ...(data === undefined ? {} : { body: data }) },
      { signal: call.signal },
    );
    return relay(call, upstream);
  }
  if (!PATH_METHODS.has(method)) {
    throw new CoreError('invalid_input', `${method.slice(0, 16)}: the local API passes on GET, POST, PUT, PATCH, DELETE and HEAD.`);
  }
  const target = `${rest.replace(/^\/+/, '')}${call.url.search}`;
  const url = fields.url.safeParse(target.length > 0 ? target : '/');
  if (!url.success) throw new CoreError('invalid_input', `url: ${describeIssues(url.error)}.`);
  const headers = forwardedHeaders(call);
  const rawBody = await readRequestBody(call.req, deps.maxBodyBytes);
  const upstream = await deps.proxy.stream(
    { connectionId, method: method as 'GET', url: url.data, headers },
    { signal: call.signal, rawBody },
  );
  return relay(call, upstream);
}
