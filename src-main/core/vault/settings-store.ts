import type { Cipher } from '../options';
import type { ProviderId, RedirectMode } from '../../../src-shared/types';
import { JsonStore } from './json-store';
import { StorageConsent } from './storage-consent';

interface ProviderRecord {
  clientId?: string;
  /** base64 of cipher.encrypt(secret). */
  clientSecret?: string;
  redirectMode?: RedirectMode;
  /** "This client is in Testing": Google ends its refresh tokens after 7 days. */
  testingClient?: boolean;
}

type File = {
  version: number;
  providers: Partial<Record<ProviderId, ProviderRecord>>;
  insecureStorageAccepted: boolean;
  /** The local API (docs/local-api.md): off unless the person turns it on. */
  localApi: { enabled?: boolean; port?: number };
  /** The largest answer body kept, in bytes; absent or null: the default. */
  bodyCap?: number | null;
};

/** The person's settings: client IDs, (encrypted) client secrets, redirect modes, storage choice. */
export class SettingsStore {
  private readonly store: JsonStore<File>;
  readonly notices: string[] = [];
  /** Read at every write of a secret: the person may withdraw it at any time. */
  readonly consent: StorageConsent;

  constructor(
    dir: string,
    private readonly cipher: Cipher,
    now: () => number,
  ) {
    this.store = new JsonStore<File>(dir, 'settings', { version: 1, providers: {}, insecureStorageAccepted: false, localApi: {} }, now);
    if (this.store.notice) this.notices.push(this.store.notice.message);
    this.consent = new StorageConsent(cipher, () => this.insecureStorageAccepted);
  }

  private record(provider: ProviderId): ProviderRecord {
    const all = this.store.get('providers');
    const value = all && typeof all === 'object' ? all[provider] : undefined;
    return value && typeof value === 'object' ? value : {};
  }

  clientId(provider: ProviderId): string | undefined {
    const value = this.record(provider).clientId;
    return typeof value === 'string' && value ? value : undefined;
  }

  redirectMode(provider: ProviderId): RedirectMode | undefined {
    const value = this.record(provider).redirectMode;
    return value === 'loopback' || value === 'protocol' ? value : undefined;
  }

  testingClient(provider: ProviderId): boolean {
    return this.record(provider).testingClient === true;
  }

  hasClientSecret(provider: ProviderId): boolean {
    return typeof this.record(provider).clientSecret === 'string';
  }

  /** undefined when none is saved or it cannot be decrypted any more (then the person re-enters it). */
  clientSecret(provider: ProviderId): string | undefined {
    const saved = this.record(provider).clientSecret;
    if (typeof saved !== 'string') return undefined;
    try {
      return this.cipher.decrypt(Buffer.from(saved, 'base64'));
    } catch {
      return undefined;
    }
  }

  /** A new client secret is encrypted with the cipher, so it needs the same consent as tokens; nothing is written without it. */
  setProvider(
    provider: ProviderId,
    change: { clientId: string; clientSecret?: string; redirectMode?: RedirectMode; testingClient?: boolean },
  ): void {
    if (change.clientSecret) this.consent.assert('client-secret');
    const current = this.record(provider);
    const next: ProviderRecord = { ...current, clientId: change.clientId };
    if (change.redirectMode) next.redirectMode = change.redirectMode;
    if (change.testingClient !== undefined) next.testingClient = change.testingClient;
    if (change.clientSecret === '') delete next.clientSecret;
    else if (change.clientSecret !== undefined) next.clientSecret = this.cipher.encrypt(change.clientSecret).toString('base64');
    this.store.set('providers', { ...this.store.get('providers'), [provider]: next });
  }

  get insecureStorageAccepted(): boolean {
    return this.store.get('insecureStorageAccepted') === true;
  }

  set insecureStorageAccepted(value: boolean) {
    this.store.set('insecureStorageAccepted', value);
  }

  /** What was saved; a hand-edited value of the wrong kind counts as not set. */
  get localApi(): { enabled: boolean; port: number | undefined } {
    const saved = this.store.get('localApi');
    const port = saved && typeof saved === 'object' ? saved.port : undefined;
    return {
      enabled: saved && typeof saved === 'object' ? saved.enabled === true : false,
      port: Number.isInteger(port) && (port as number) >= 1024 && (port as number) <= 65535 ? port : undefined,
    };
  }

  setLocalApi(change: { enabled?: boolean | undefined; port?: number | undefined }): void {
    const current = this.localApi;
    this.store.set('localApi', {
      enabled: change.enabled ?? current.enabled,
      ...((change.port ?? current.port) === undefined ? {} : { port: change.port ?? current.port }),
    });
  }

  /** The person's body cap; a hand-edited value out of range counts as not set. */
  bodyCap(min: number, max: number): number | undefined {
    const saved = this.store.get('bodyCap');
    return typeof saved === 'number' && Number.isInteger(saved) && saved >= min && saved <= max ? saved : undefined;
  }

  setBodyCap(bytes: number | null): void {
    this.store.set('bodyCap', bytes);
  }
}
