import type { IncomingMessage, ServerResponse } from 'node:http';
import { CoreError, INTERNAL_MESSAGE } from '../errors';
import type { ErrorCode } from '../../../src-shared/types';

/** The HTTP status each of the contract's codes answers with (docs/local-api.md). */
const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_channel: 404,
  not_configured: 409,
  not_found: 404,
  access_denied: 403,
  state_mismatch: 400,
  timeout: 504,
  cancelled: 409,
  host_not_allowed: 403,
  reauth_required: 409,
  provider_error: 502,
  network_error: 502,
  internal: 500,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = value === undefined ? '' : JSON.stringify(value);
  res.writeHead(status, {
    ...NO_STORE,
    ...(body ? { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) } : {}),
    ...headers,
  });
  res.end(body);
}

/** `{ "error": { "code", "message" } }`; anything but a CoreError is a bug and says so without details. */
export function sendError(res: ServerResponse, error: unknown, headers: Record<string, string> = {}): number {
  const known = error instanceof CoreError ? error : new CoreError('internal', INTERNAL_MESSAGE);
  if (!(error instanceof CoreError)) {
    console.error('[junction] local API bug:', error instanceof Error ? error.name : typeof error);
  }
  const status = statusOf(known.code);
  sendJson(res, status, { error: { code: known.code, message: known.message } }, headers);
  return status;
}

/**
 * The request body, refused past `max` bytes: a declared length over it is refused before a byte
 * is read, a stream that grows past it is cut.
 */
export async function readRequestBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const tooLarge = () =>
    new CoreError(
      'too_large',
      `The request body is over the local API's limit of ${Math.round(max / (1024 * 1024))} MB; send less, or use the provider's resumable upload.`,
    );
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > max) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A JSON body, or invalid_input saying what is wrong. */
export function parseJson(bytes: Buffer): unknown {
  if (bytes.byteLength === 0) throw new CoreError('invalid_input', 'The request needs a JSON body.');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new CoreError('invalid_input', 'The request body is not valid JSON.');
  }
}
