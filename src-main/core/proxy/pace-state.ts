import type { Pace } from '../providers/types';

/** A send in the provider's window: `answeredAt` is Infinity while the answer has not come. */
export interface WindowEntry {
  answeredAt: number;
}

/** How fast one connection may send now, and what it learned from the provider's answers. */
export interface PaceState {
  pace: Pace;
  rate: number;
  /** 95 % of the rate the last rate limit came at: climbed back to fast, passed only slowly. */
  learned: number;
  /** When `learned` last moved: it is raised a step only after a quiet spell. */
  learnedAt: number;
  tokens: number;
  refilledAt: number;
  pausedUntil: number;
  /** Sends started before this had no chance to see the last slowdown: their 429 does not halve again. */
  slowedAt: number;
  limitedInARow: number;
  /** Send times within the last minute (`requestsLastMinute`). */
  sent: number[];
  /**
   * The sends that may still count in the provider's one-second window: each until a second after
   * its answer came (the latest it can have reached the provider), or for as long as it is in flight.
   */
  window: WindowEntry[];
  /** Send times of answers that were not rate limits, within the last two seconds: what the provider let through. */
  served: number[];
  /** The send whose rate limit set `learned`, and the rate then: answers still out then may raise it. */
  limit: { sentAt: number; rate: number };
}

export const SECOND = 1_000;

/** A fresh connection: the published rate, a full burst. */
export function newPaceState(pace: Pace, t: number): PaceState {
  return {
    pace,
    rate: pace.ratePerSecond,
    learned: pace.ratePerSecond,
    learnedAt: t,
    tokens: pace.burst,
    refilledAt: t,
    pausedUntil: 0,
    slowedAt: -Infinity,
    limitedInARow: 0,
    sent: [],
    window: [],
    served: [],
    limit: { sentAt: -Infinity, rate: pace.ratePerSecond },
  };
}
