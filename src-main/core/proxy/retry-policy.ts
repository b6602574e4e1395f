export const MAX_ATTEMPTS = 3;
const RETRYABLE = new Set([429, 502, 503, 504]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Whether to send again, and after how long. POST and PATCH are retried only when the server
 * says it did not process the request: 429, or 503 with Retry-After. A Retry-After longer than
 * the cap is not waited for: the answer goes back to the caller as it is.
 */
export function retryDelay(options: {
  method: string;
  status: number;
  retryAfter: string | null;
  attempt: number;
  baseDelayMs: number;
  maxRetryAfterMs: number;
  now: number;
  random?: () => number;
}): number | null {
  const { method, status, attempt } = options;
  if (!RETRYABLE.has(status) || attempt >= MAX_ATTEMPTS) return null;
  const retryAfter = parseRetryAfter(options.retryAfter, options.now);
  const notProcessed = status === 429 || (status === 503 && retryAfter !== null);
  if (!IDEMPOTENT.has(method) && !notProcessed) return null;
  if (retryAfter !== null) return retryAfter <= options.maxRetryAfterMs ? retryAfter : null;
  // Truncated exponential backoff with full jitter.
  const ceiling = Math.min(options.baseDelayMs * 2 ** (attempt - 1), 10_000);
  return Math.round((options.random ?? Math.random)() * ceiling);
}
