// How a service and a connection read in the sidebar: derived from what the core reports. The
// core's `health` foresees what `status` cannot: a sign-in about to end, or one past its end that no
// request has been refused with yet.
import type { Connection, Service } from '../../../src-shared/types';
import { accountLabel } from '../../stores/connections';

export type Tone = 'muted' | 'ok' | 'warn';

export interface StatusText {
  label: string;
  tone: Tone;
}

/** Whether the connection must be signed in again before it works: refused already, or past its end. */
export function needsReauth(connection: Connection): boolean {
  return connection.status === 'needs_reauth' || connection.health.state === 'needs_reauth';
}

export function isExpiring(connection: Connection): boolean {
  return !needsReauth(connection) && connection.health.state === 'expiring';
}

export function connectionStatus(connection: Connection): StatusText {
  if (needsReauth(connection)) return { label: 'Needs re-auth', tone: 'warn' };
  if (isExpiring(connection)) return { label: 'Expiring', tone: 'warn' };
  return { label: 'Connected', tone: 'ok' };
}

export function serviceStatus(service: Service, connections: Connection[]): StatusText {
  if (!service.configured) return { label: 'Not set up', tone: 'muted' };
  const mine = connections.filter((c) => c.service === service.id);
  if (mine.length === 0) return { label: 'Not connected', tone: 'muted' };
  const broken = mine.filter(needsReauth).length;
  const expiring = mine.filter(isExpiring).length;
  if (mine.length === 1) {
    const only = mine[0] as Connection;
    if (broken) return { label: `Needs re-auth · ${accountLabel(only)}`, tone: 'warn' };
    if (expiring) return { label: `Expiring · ${accountLabel(only)}`, tone: 'warn' };
    return { label: `Connected · ${accountLabel(only)}`, tone: 'ok' };
  }
  if (broken) return { label: `${mine.length} accounts · ${broken} need${broken === 1 ? 's' : ''} re-auth`, tone: 'warn' };
  if (expiring) return { label: `${mine.length} accounts · ${expiring} expiring`, tone: 'warn' };
  return { label: `Connected · ${mine.length} accounts`, tone: 'ok' };
}
