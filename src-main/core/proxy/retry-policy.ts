export const MAX_ATTEMPTS = 3;
const RETRYABLE = new Set([429, 502, 503, 504]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Seconds or an HTTP-date (RFC 9110 §10.2.3); null when absent or in neither form. Date.parse is
 * not used: it reads "1.5" or "-1" as dates long past, which would mean "retry now" (and a
 * POST answered 503 sent again) where the header should count as absent.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = parseHttpDate(trimmed, now);
  return date === null ? null : Math.max(0, date - now);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
// RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients must accept.
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850 = new RegExp(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/** An HTTP-date as epoch milliseconds; null unless it is one of the three forms and a real instant. */
export function parseHttpDate(value: string, now: number): number | null {
  let match = IMF_FIXDATE.exec(value);
  if (match) return instant(match[3]!, match[2]!, match[1]!, match.slice(4));
  match = ASCTIME.exec(value);
  if (match) return instant(match[6]!, match[1]!, match[2]!, match.slice(3, 6));
  match = RFC850.exec(value);
  if (!match) return null;
  // A two-digit year that would be more than 50 years ahead is the latest such year past (§5.6.7).
  const thisYear = new Date(now).getUTCFullYear();
  let year = thisYear - (thisYear % 100) + Number(match[3]);
  if (year > thisYear + 50) year -= 100;
  return instant(String(year), match[2]!, match[1]!, match.slice(4));
}

function instant(year: string, month: string, day: string, time: string[]): number | null {
  const [hour, minute, second] = time.map(Number) as [number, number, number];
  if (hour > 23 || minute > 59 || second > 60) return null;
  const midnight = Date.UTC(Number(year), MONTHS.indexOf(month), Number(day));
  // Date.UTC rolls 31 Nov over to 1 Dec: a day the month does not have is no date.
  if (new Date(midnight).getUTCDate() !== Number(day)) return null;
  return midnight + ((hour * 60 + minute) * 60 + second) * 1000;
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
