// A connection's health, foreseen from its refresh token's end and the core's clock
// (CoreOptions.now), so the window can warn before a grant dies instead of after.
import type { ConnectionHealth, ConnectionStatus } from '../../src-shared/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Grants this short or shorter (Google's Testing clients: 7 days) warn 48 hours ahead; longer ones 14 days. */
const SHORT_GRANT_MS = 7 * DAY + HOUR;

export function warningWindowMs(lifetimeMs: number): number {
  return lifetimeMs <= SHORT_GRANT_MS ? 48 * HOUR : 14 * DAY;
}

/** A date for a message, unambiguous whatever the person's locale: the window formats `actBy` itself. */
export function formatWhen(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export interface HealthInput {
  status: ConnectionStatus;
  reauthReason?: string | undefined;
  /** When Junction's clock for the grant started: the refresh token's issue, else the last sign-in. */
  lifeStartedAt: number;
  refreshTokenExpiresAt: number | null;
}

export function computeHealth(input: HealthInput, now: number): ConnectionHealth {
  if (input.status === 'needs_reauth') {
    return { state: 'needs_reauth', message: input.reauthReason ?? 'This connection needs you to sign in again. Reconnect the account.' };
  }
  const end = input.refreshTokenExpiresAt;
  if (end === null) return { state: 'ok', message: 'Connected.' };
  if (now >= end) {
    return {
      state: 'needs_reauth',
      message: `The sign-in ended on ${formatWhen(end)}, so the provider will refuse to renew it. Reconnect the account to keep using it.`,
    };
  }
  if (now >= end - warningWindowMs(end - input.lifeStartedAt)) {
    return {
      state: 'expiring',
      actBy: end,
      message: `The sign-in ends on ${formatWhen(end)}. Reconnect before then to keep this connection working.`,
    };
  }
  return { state: 'ok', message: `Connected. The sign-in lasts until ${formatWhen(end)}.` };
}
