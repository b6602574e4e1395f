/**
 * A request's timeout that runs only while the request is out of the pacer's queue: the time from
 * each send to its answer, retries' waits and token refreshes count; waiting for a turn does not
 * (that wait has its own bound, PacerOptions.maxQueueWaitMs).
 */
export class Deadline {
  private left: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private startedAt = 0;

  constructor(
    timeoutMs: number,
    private readonly expire: () => void,
  ) {
    this.left = timeoutMs;
  }

  run(): void {
    if (this.timer) return;
    this.startedAt = performance.now();
    this.timer = setTimeout(this.expire, Math.max(0, this.left));
  }

  pause(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.left -= performance.now() - this.startedAt;
  }

  stop(): void {
    this.pause();
  }
}
