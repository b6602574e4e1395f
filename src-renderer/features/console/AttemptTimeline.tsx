import type { ApiResponse, AttemptRecord, AttemptWait } from '../../../src-shared/types';
import { formatDuration } from '../../ui/format';

const WAITS: Record<AttemptWait, string> = {
  rate_limit: 'for the rate limit',
  backoff: 'backing off before a retry',
  refresh: 'renewing access',
};

/** Waits shorter than this are the ordinary cost of a send, not worth a line. */
const NOTICEABLE_MS = 100;

function tone(status: number): string {
  if (status >= 200 && status < 300) return 'ok';
  if (status >= 400) return 'bad';
  return 'warn';
}

function Wait({ attempt }: { attempt: AttemptRecord }) {
  if (attempt.waitedMs === undefined || (attempt.waitedMs < NOTICEABLE_MS && !attempt.waitedFor)) return null;
  return (
    <span className="attempt-wait">
      waited {(attempt.waitedMs / 1000).toFixed(1)} s{attempt.waitedFor ? ` ${WAITS[attempt.waitedFor]}` : ''} →{' '}
    </span>
  );
}

/** Retries and waits as a small timeline: each attempt's status and the wait before it. Shown only when there was more than one attempt or a wait. */
export function AttemptTimeline({ response }: { response: ApiResponse }) {
  const log = response.attemptLog ?? [];
  const waited = log.some((a) => (a.waitedMs ?? 0) >= NOTICEABLE_MS);
  if (log.length === 0 || (log.length === 1 && !waited)) return null;
  return (
    <ol className="attempt-timeline" aria-label="Attempts">
      {log.map((attempt, i) => (
        <li key={i}>
          <Wait attempt={attempt} />
          <span className={`status status-${tone(attempt.status)}`}>{attempt.status}</span>{' '}
          <span className="muted">in {formatDuration(attempt.durationMs)}</span>
        </li>
      ))}
    </ol>
  );
}
