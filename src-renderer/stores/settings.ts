// Provider settings and the app's storage status: what the Settings view and the storage banner show.
import { create } from 'zustand';
import type { AppInfo, ProviderId, ProviderSettings, RedirectMode, StorageInfo } from '../../src-shared/types';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';
import { useServices } from './services';

export interface ProviderDraft {
  provider: ProviderId;
  clientId: string;
  /** undefined keeps the saved secret, '' removes it. */
  clientSecret?: string;
  redirectMode: RedirectMode;
  /** Google: "This client is in Testing"; left out: unchanged. */
  testingClient?: boolean;
}

interface SettingsState {
  providers: ProviderSettings[];
  app: AppInfo | null;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  saveProvider(draft: ProviderDraft): Promise<ProviderSettings>;
  acceptInsecureStorage(accept: boolean): Promise<void>;
  setStorage(storage: StorageInfo): void;
  /** The core hands each notice out once; the window keeps it until the person dismisses it. */
  dismissNotice(index: number): void;
}

export const useSettings = create<SettingsState>((set, get) => ({
  providers: [],
  app: null,
  loading: false,
  error: null,
  async load() {
    set({ loading: true, error: null });
    try {
      const [providers, app] = await Promise.all([api()['settings.getProviders'](), api()['app.info']()]);
      set({ providers, app, loading: false });
    } catch (error) {
      set({ loading: false, error: errorMessage(error) });
    }
  },
  async saveProvider(draft) {
    const row = await api()['settings.setProvider']({
      provider: draft.provider,
      clientId: draft.clientId.trim(),
      ...(draft.clientSecret === undefined ? {} : { clientSecret: draft.clientSecret.trim() }),
      redirectMode: draft.redirectMode,
      ...(draft.testingClient === undefined ? {} : { testingClient: draft.testingClient }),
    });
    set({ providers: get().providers.map((p) => (p.provider === row.provider ? row : p)) });
    // A client ID changes which services are set up.
    void useServices.getState().load();
    return row;
  },
  async acceptInsecureStorage(accept) {
    const storage = await api()['settings.acceptInsecureStorage']({ accept });
    get().setStorage(storage);
  },
  setStorage(storage) {
    const app = get().app;
    set({ app: app ? { ...app, storage } : { storage, protocolScheme: 'junction', notices: [] } });
  },
  dismissNotice(index) {
    const app = get().app;
    if (app) set({ app: { ...app, notices: app.notices.filter((_n, i) => i !== index) } });
  },
}));

/** True when a sign-in would be refused until the person accepts weaker storage. */
export function storageBlocksSignIn(app: AppInfo | null): boolean {
  return app !== null && !app.storage.secure && !app.storage.insecureAccepted;
}
