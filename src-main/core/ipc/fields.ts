// The field schemas several channels share: one definition each.
import { z } from 'zod';

/** Printable ASCII without spaces: client IDs, states, request IDs. */
export const printable = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces');

/** RFC 6749 §3.3 scope-token. */
export const scope = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'is not a valid OAuth scope');

/** RFC 9110 §5.1 field-name (token). */
export const headerName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'is not a valid header name');

/**
 * RFC 9110 §5.5 field-value: visible characters, spaces, tabs and obs-text (bytes 0x80–0xFF); no
 * CR, LF or NUL, so nothing can be smuggled into the request, and nothing fetch cannot send.
 */
export const headerValue = z
  .string()
  .max(8192)
  .regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'must be printable Latin-1 text without line breaks');

export const connectionId = z.uuid('must be a connection id');
export const state = printable(256);
export const requestId = printable(128);
