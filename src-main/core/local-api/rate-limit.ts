export interface RateLimit {
  /** Tokens added per second. */
  perSecond: number;
  /** The most a key may send at once after a quiet spell. */
  burst: number;
}

/** 20 requests a second on average, 40 at once: plenty for a script, a brake on a runaway loop. */
export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 40 };

/**
 * A token bucket per key. It guards Junction and the person's quota against one script gone
 * wrong; the providers' own limits are the proxy's business (Retry-After, backoff).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {}

  /** 0 when the request may go now; otherwise how many milliseconds until it may. */
  take(key: string): number {
    const at = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((at - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = at;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.limit.perSecond) * 1000);
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }
}
