// Connections and the one sign-in that may be under way. The core owns every rule of the flow;
// this store only asks it to start, waits for the outcome and words it.
import { create } from 'zustand';
import type { Connection, ServiceId } from '../../src-shared/types';
import { api } from '../api/client';
import { errorCode, errorMessage } from '../api/errors';
import { useServices } from './services';

export interface PendingFlow {
  state: string;
  authUrl: string;
  service: ServiceId;
  /** The connection being repaired or refreshed, when this is a reconnect. */
  reconnecting?: string;
}

export interface FlowOutcome {
  service: ServiceId;
  /** info: something to know that is neither a success nor a failure (a disconnect that did not revoke, and why). */
  kind: 'success' | 'error' | 'cancelled' | 'info';
  message: string;
  connectionId?: string;
  /** The connection a reconnect was for; its detail view shows the outcome. */
  reconnecting?: string;
}

interface ConnectionsState {
  connections: Connection[];
  loaded: boolean;
  error: string | null;
  starting: ServiceId | null;
  flow: PendingFlow | null;
  outcome: FlowOutcome | null;
  load(): Promise<void>;
  /** `also`: more services of the same provider connected by the same consent (one Google sign-in for several). */
  connect(service: ServiceId, scopes: string[], reconnecting?: string, also?: ServiceId[]): Promise<Connection | null>;
  cancelFlow(): Promise<void>;
  /** connections.import: a new or repaired connection from a refresh token the person already has. */
  importToken(service: ServiceId, refreshToken: string): Promise<Connection>;
  dismissOutcome(): void;
  disconnect(id: string): Promise<string>;
  /** The who-am-I call; resolves with words for the person either way. */
  test(connection: Connection): Promise<{ ok: boolean; message: string }>;
}

export function accountLabel(connection: Pick<Connection, 'account'>): string {
  const { email, displayName, id } = connection.account;
  return email ?? displayName ?? id ?? 'Unknown account';
}

function connectedWords(connection: Connection, also: ServiceId[]): string {
  if (also.length === 0) return `Connected as ${accountLabel(connection)}.`;
  const services = useServices.getState().services;
  const names = [connection.service, ...also].map((id) => services.find((s) => s.id === id)?.name ?? id);
  const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
  return `Connected as ${accountLabel(connection)}: ${list}, with one sign-in.`;
}

export const useConnections = create<ConnectionsState>((set, get) => ({
  connections: [],
  loaded: false,
  error: null,
  starting: null,
  flow: null,
  outcome: null,
  async load() {
    try {
      const connections = await api()['connections.list']();
      set({ connections, loaded: true, error: null });
    } catch (error) {
      set({ loaded: true, error: errorMessage(error) });
    }
  },
  async connect(service, scopes, reconnecting, also = []) {
    if (get().flow || get().starting) return null;
    set({ starting: service, outcome: null });
    const about = { service, ...(reconnecting ? { reconnecting } : {}) };
    let state: string;
    try {
      const started = await api()['oauth.start']({
        service,
        ...(scopes.length ? { scopes } : {}),
        ...(also.length ? { services: also } : {}),
      });
      state = started.state;
      set({ starting: null, flow: { state, authUrl: started.authUrl, service, ...(reconnecting ? { reconnecting } : {}) } });
    } catch (error) {
      set({ starting: null, outcome: { ...about, kind: 'error', message: errorMessage(error) } });
      return null;
    }
    try {
      const connection = await api()['oauth.wait']({ state });
      set({
        flow: null,
        outcome: { ...about, kind: 'success', message: connectedWords(connection, also), connectionId: connection.id },
      });
      await get().load();
      return connection;
    } catch (error) {
      const cancelled = errorCode(error) === 'cancelled';
      set({
        flow: null,
        outcome: { ...about, kind: cancelled ? 'cancelled' : 'error', message: cancelled ? 'Sign-in cancelled.' : errorMessage(error) },
      });
      return null;
    }
  },
  async cancelFlow() {
    const flow = get().flow;
    if (!flow) return;
    try {
      await api()['oauth.cancel']({ state: flow.state });
    } catch (error) {
      set({ outcome: { service: flow.service, kind: 'error', message: errorMessage(error) } });
    }
  },
  async importToken(service, refreshToken) {
    const connection = await api()['connections.import']({ service, refreshToken });
    await get().load();
    return connection;
  },
  dismissOutcome() {
    set({ outcome: null });
  },
  async disconnect(id) {
    const gone = get().connections.find((c) => c.id === id);
    const result = await api()['connections.delete']({ id });
    const message = result.message ?? (result.revoked ? 'Disconnected; the provider revoked the access.' : 'Disconnected.');
    // Said on the service's Connect card, where the window goes next: a disconnect that revoked
    // nothing (another service shares the sign-in, or the provider has no revocation) says why.
    set({
      connections: get().connections.filter((c) => c.id !== id),
      ...(gone ? { outcome: { service: gone.service, kind: result.message ? 'info' : 'success', message } } : {}),
    });
    void get().load();
    return message;
  },
  async test(connection) {
    const testPath = useServices.getState().services.find((s) => s.id === connection.service)?.testPath;
    if (!testPath) return { ok: false, message: 'This API has no who-am-I call; try a request in the console instead.' };
    try {
      const response = await api()['api.request']({ connectionId: connection.id, method: 'GET', url: testPath });
      void get().load();
      const ok = response.status >= 200 && response.status < 300;
      return {
        ok,
        message: `${response.status} ${response.statusText}${ok ? ': the connection works.' : ': the provider refused the call.'}`,
      };
    } catch (error) {
      void get().load();
      return { ok: false, message: errorMessage(error) };
    }
  },
}));
