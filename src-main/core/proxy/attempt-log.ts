// The timeline of one request (`ApiResponse.attemptLog`): each attempt's status, and the wait
// before it with its cause, so the window can show why an answer took 14 s.
import type { AttemptRecord, AttemptWait } from '../../../src-shared/types';

export class AttemptLog {
  private readonly attempts: AttemptRecord[] = [];
  private idleSince = performance.now();
  private cause: AttemptWait | undefined;
  private sentAt = 0;
  private pendingWait = 0;

  /** What the next wait is for; a later cause of the same gap (a rate limit after a refresh) wins. */
  waitFor(cause: AttemptWait): void {
    this.cause = cause;
  }

  /** The attempt goes out now; `queuedMs` of the wait was spent in the pacer's queue. */
  sent(queuedMs: number): void {
    this.sentAt = performance.now();
    if (queuedMs >= 1 && this.cause === undefined) this.cause = 'rate_limit';
    this.pendingWait = Math.round(this.sentAt - this.idleSince);
  }

  answered(status: number): void {
    const now = performance.now();
    const waited = this.pendingWait;
    this.attempts.push({
      status,
      ...(waited >= 1 ? { waitedMs: waited } : {}),
      ...(this.cause && waited >= 1 ? { waitedFor: this.cause } : {}),
      durationMs: Math.round((now - this.sentAt) * 10) / 10,
    });
    this.cause = undefined;
    this.idleSince = now;
  }

  list(): AttemptRecord[] {
    return [...this.attempts];
  }
}
