// The local API (docs/local-api.md) as the window sees it: its state, the keys (never a key's
// value, except the one just created, held until the person has copied it), and the call log.
import { create } from 'zustand';
import type { LocalApiKey, LocalApiLogEntry, LocalApiNewKey, LocalApiStatus, ServiceId } from '../../src-shared/types';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';

interface LocalApiState {
  status: LocalApiStatus | null;
  keys: LocalApiKey[];
  log: LocalApiLogEntry[];
  /** Shown once, then dropped with dismissNewKey(). */
  newKey: LocalApiNewKey | null;
  busy: boolean;
  error: string | null;
  load(): Promise<void>;
  configure(change: { enabled?: boolean; port?: number }): Promise<void>;
  createKey(name: string, services: ServiceId[]): Promise<void>;
  revokeKey(id: string): Promise<void>;
  dismissNewKey(): void;
  loadLog(): Promise<void>;
}

export const useLocalApi = create<LocalApiState>((set, get) => {
  /** Runs a call, keeping its error for the view instead of throwing. */
  const attempt = async (work: () => Promise<void>) => {
    set({ busy: true, error: null });
    try {
      await work();
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ busy: false });
    }
  };
  return {
    status: null,
    keys: [],
    log: [],
    newKey: null,
    busy: false,
    error: null,
    load: () =>
      attempt(async () => {
        const [status, keys] = await Promise.all([api()['localApi.status'](), api()['localApi.keys.list']()]);
        set({ status, keys });
      }),
    configure: (change) =>
      attempt(async () => {
        set({ status: await api()['localApi.configure'](change) });
      }),
    createKey: (name, services) =>
      attempt(async () => {
        const newKey = await api()['localApi.keys.create']({ name, services });
        set({ newKey, keys: await api()['localApi.keys.list']() });
      }),
    revokeKey: (id) =>
      attempt(async () => {
        await api()['localApi.keys.revoke']({ id });
        const newKey = get().newKey;
        set({ keys: await api()['localApi.keys.list'](), newKey: newKey?.id === id ? null : newKey });
      }),
    dismissNewKey: () => set({ newKey: null }),
    loadLog: () =>
      attempt(async () => {
        set({ log: await api()['localApi.log']({}) });
      }),
  };
});

/** The port a copied command should use: the server's, or the default while its state is unknown. */
export function localApiPort(): number {
  return useLocalApi.getState().status?.port ?? 7431;
}
