// The field schemas several channels share: one definition each. Every length check aborts the
// field's parse (`abort: true`): zod would otherwise go on to run the pattern over all of an
// over-long string, a quarter of a second for 200 MB.
import { z } from 'zod';
import { MAX_QUERY_KEYS, MAX_QUERY_VALUES, MAX_URL_CHARS } from '../../../src-shared/limits';
import { guarded, queryGuard, urlChars } from './bounds';

/** A length limit that stops the field's other checks when it fails. */
export const atMost = (max: number, message = `must be at most ${max} characters`) => ({ message, abort: true });

/** Printable ASCII without spaces: client IDs, states, request IDs. */
export const printable = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, atMost(max))
    .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces');

/** RFC 6749 §3.3 scope-token. */
export const scope = z
  .string()
  .min(1)
  .max(256, atMost(256))
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'is not a valid OAuth scope');

/** RFC 9110 §5.1 field-name (token). */
export const headerName = z
  .string()
  .min(1)
  .max(256, atMost(256))
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'is not a valid header name');

/**
 * RFC 9110 §5.5 field-value: visible characters, spaces, tabs and obs-text (bytes 0x80–0xFF); no
 * CR, LF or NUL, so nothing can be smuggled into the request, and nothing fetch cannot send.
 */
export const headerValue = z
  .string()
  .max(8192, atMost(8192))
  .regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'must be printable Latin-1 text without line breaks');

export const connectionId = z.uuid('must be a connection id');
export const state = printable(256);
export const requestId = printable(128);

/** A request URL: relative to the service's API base, or absolute on a host it allows. */
export const requestUrl = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_URL_CHARS, atMost(MAX_URL_CHARS))
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\x00-\x20\x7f]*$/, 'must not contain spaces or control characters');

const queryKey = z.string().min(1).max(1024, atMost(1024));
const queryValue = z.string().max(16_384, atMost(16_384));

/** `api.request`'s query: a value or a repeated one per key. */
export const requestQuery = guarded(
  z.record(queryKey, z.union([queryValue, z.array(queryValue).max(MAX_QUERY_VALUES)])),
  queryGuard(MAX_QUERY_KEYS),
);

/** `api.paginate`'s query: one value per key. */
export const pageQuery = guarded(z.record(queryKey, queryValue), queryGuard(MAX_QUERY_KEYS));

/**
 * The URL with its query rows within MAX_URL_CHARS: `url` alone always was, and rows appended to
 * it made URLs of any length. Run after the fields are parsed, so both are bounded already.
 */
export function urlWithinLimit(payload: { url: string; query?: Record<string, string | string[]> | undefined }, ctx: z.RefinementCtx) {
  if (urlChars(payload.url, payload.query, MAX_URL_CHARS) > MAX_URL_CHARS) {
    ctx.addIssue({
      code: 'custom',
      path: ['query'],
      message: `the URL with its query rows must be at most ${MAX_URL_CHARS} characters; send long values in a POST body instead`,
    });
  }
}
/**
 * A refresh token to import: printable ASCII without spaces, at most 2048 characters (Google's and
 * Spotify's are a few hundred). Its messages never quote the value: it is a secret.
 */
export const refreshToken = printable(2048);
