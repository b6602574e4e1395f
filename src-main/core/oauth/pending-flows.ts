import { timingSafeEqual } from 'node:crypto';
import type { CoreError } from '../errors';
import type { Connection, ProviderId, RedirectMode, ServiceId } from '../../../src-shared/types';
import type { ClientConfig } from './client-config';
import type { LoopbackListener } from './loopback-listener';

export type Outcome = { ok: true; connection: Connection; connectionIds: string[] } | { ok: false; error: CoreError };

export interface PendingFlow {
  state: string;
  provider: ProviderId;
  service: ServiceId;
  /** Every service this one consent connects, the primary (`service`) first. */
  services: ServiceId[];
  scopes: string[];
  verifier: string;
  redirectUri: string;
  mode: RedirectMode;
  config: ClientConfig;
  listener: LoopbackListener | null;
  phase: 'waiting' | 'exchanging' | 'done';
  outcome: Outcome | null;
  waiters: ((outcome: Outcome) => void)[];
  timer: NodeJS.Timeout | null;
  /** Aborted when the flow ends without success: its token and identity requests stop with it. */
  abort: AbortController;
}

/** How long a finished flow's outcome waits to be read by `oauth.wait`. */
export const OUTCOME_RETENTION_MS = 5 * 60_000;

/**
 * Sign-ins not yet ended (waiting for the browser or exchanging their code), all services
 * together. Each holds a loopback socket and a timer, so `oauth.start` refuses beyond this.
 * A person signs in to one service at a time; ten leaves room for every service and a few
 * exchanges still finishing.
 */
export const MAX_PENDING_FLOWS = 10;

/**
 * Finished outcomes nobody has read yet. The window reads each at once (it waits before the
 * callback), so only a caller that never waits piles them up: the oldest beyond this are dropped.
 */
export const MAX_UNREAD_OUTCOMES = 20;

/** Compares two states without leaking, through timing, how much of a guess was right. */
export function sameState(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The book of sign-ins in progress and of outcomes not yet read. Several may be pending at once. */
export class PendingFlows {
  private readonly flows: PendingFlow[] = [];

  add(flow: PendingFlow): void {
    this.flows.push(flow);
  }

  /** Every entry is compared, so the time taken does not depend on which one matched. */
  find(state: string): PendingFlow | undefined {
    let found: PendingFlow | undefined;
    for (const flow of this.flows) if (sameState(flow.state, state)) found = flow;
    return found;
  }

  all(): readonly PendingFlow[] {
    return this.flows;
  }

  /** Flows that have not ended, oldest first. */
  live(): PendingFlow[] {
    return this.flows.filter((flow) => flow.phase !== 'done');
  }

  /** Ends a flow once: wakes its waiters, closes its listener, keeps the outcome for a while. */
  settle(flow: PendingFlow, outcome: Outcome): boolean {
    if (flow.phase === 'done') return false;
    flow.phase = 'done';
    flow.outcome = outcome;
    flow.listener?.close();
    if (!outcome.ok) flow.abort.abort(outcome.error);
    if (flow.timer) clearTimeout(flow.timer);
    const waiters = flow.waiters.splice(0);
    if (waiters.length > 0) this.remove(flow);
    else {
      flow.timer = setTimeout(() => this.remove(flow), OUTCOME_RETENTION_MS);
      flow.timer.unref();
      this.dropOldestUnread();
    }
    for (const wake of waiters) wake(outcome);
    return true;
  }

  /**
   * The outcome, now or when it comes; reading it removes it. A waiter whose `signal` aborts first
   * withdraws and gets null: the outcome stays for the next reader (a poll that gave up must not
   * take it with it).
   */
  wait(flow: PendingFlow, signal?: AbortSignal): Promise<Outcome | null> {
    if (flow.outcome) {
      this.remove(flow);
      return Promise.resolve(flow.outcome);
    }
    if (signal?.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      const wake = (outcome: Outcome) => {
        signal?.removeEventListener('abort', withdraw);
        resolve(outcome);
      };
      const withdraw = () => {
        const index = flow.waiters.indexOf(wake);
        if (index >= 0) flow.waiters.splice(index, 1);
        resolve(null);
      };
      signal?.addEventListener('abort', withdraw, { once: true });
      flow.waiters.push(wake);
    });
  }

  remove(flow: PendingFlow): void {
    const index = this.flows.indexOf(flow);
    if (index >= 0) this.flows.splice(index, 1);
    if (flow.timer) clearTimeout(flow.timer);
    flow.timer = null;
  }

  private dropOldestUnread(): void {
    const unread = this.flows.filter((flow) => flow.phase === 'done');
    for (const flow of unread.slice(0, Math.max(0, unread.length - MAX_UNREAD_OUTCOMES))) this.remove(flow);
  }
}
