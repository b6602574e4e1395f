// How a service and a connection read in the sidebar: derived from what the core reports.
import type { Connection, Service } from '../../../src-shared/types';
import { accountLabel } from '../../stores/connections';

export type Tone = 'muted' | 'ok' | 'warn';

export interface StatusText {
  label: string;
  tone: Tone;
}

export function connectionStatus(connection: Connection): StatusText {
  switch (connection.status) {
    case 'connected':
      return { label: 'Connected', tone: 'ok' };
    case 'needs_reauth':
      return { label: 'Needs re-auth', tone: 'warn' };
    default: {
      const missing: never = connection.status;
      return { label: String(missing), tone: 'muted' };
    }
  }
}

export function serviceStatus(service: Service, connections: Connection[]): StatusText {
  if (!service.configured) return { label: 'Not set up', tone: 'muted' };
  const mine = connections.filter((c) => c.service === service.id);
  if (mine.length === 0) return { label: 'Not connected', tone: 'muted' };
  const broken = mine.filter((c) => c.status === 'needs_reauth').length;
  if (mine.length === 1) {
    const only = mine[0] as Connection;
    return broken
      ? { label: `Needs re-auth · ${accountLabel(only)}`, tone: 'warn' }
      : { label: `Connected · ${accountLabel(only)}`, tone: 'ok' };
  }
  if (broken) return { label: `${mine.length} accounts · ${broken} need${broken === 1 ? 's' : ''} re-auth`, tone: 'warn' };
  return { label: `Connected · ${mine.length} accounts`, tone: 'ok' };
}
