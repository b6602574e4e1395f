import type { Catalog } from './config';
import { CoreError } from './errors';
import type { ChannelPayload } from './ipc/contract';
import type { ProviderId, ProviderSettings, RedirectMode } from '../../src-shared/types';
import type { SettingsStore } from './vault/settings-store';

export interface Credentials {
  clientId: string;
  clientSecret?: string;
}

/** The person's settings over the embedding app's defaults: what each provider is configured with. */
export class ProviderSettingsService {
  constructor(
    private readonly catalog: Catalog,
    private readonly store: SettingsStore,
    private readonly protocolScheme: string,
  ) {}

  credentials(provider: ProviderId): Credentials | null {
    const resolved = this.catalog.provider(provider);
    const clientId = this.store.clientId(provider) ?? resolved.defaultClientId;
    if (!clientId) return null;
    const clientSecret = this.store.clientSecret(provider) ?? resolved.defaultClientSecret;
    if (resolved.definition.clientAuth === 'client_secret_post' && !clientSecret) return null;
    return { clientId, clientSecret: resolved.definition.clientAuth === 'none' ? undefined : clientSecret };
  }

  /** Credentials, or `not_configured` saying exactly what is missing and where to set it. */
  require(provider: ProviderId): Credentials {
    const credentials = this.credentials(provider);
    if (credentials) return credentials;
    const definition = this.catalog.provider(provider).definition;
    const upper = provider.toUpperCase();
    const missing = this.missing(provider) === 'clientSecret' ? 'client secret' : 'client ID';
    throw new CoreError(
      'not_configured',
      `${definition.name} needs a ${missing} before you can connect. Add it in Settings → ${definition.name} (from ${definition.consoleUrl}), or start Junction with JUNCTION_${upper}_CLIENT_ID${
        definition.clientAuth === 'client_secret_post' ? ` and JUNCTION_${upper}_CLIENT_SECRET` : ''
      } set.`,
    );
  }

  redirectMode(provider: ProviderId): RedirectMode {
    const modes = this.catalog.provider(provider).definition.redirectModes;
    const chosen = this.store.redirectMode(provider);
    return chosen && modes.includes(chosen) ? chosen : 'loopback';
  }

  /** Whether the person ticked "This client is in Testing" for this provider. */
  testingClient(provider: ProviderId): boolean {
    return this.store.testingClient(provider);
  }

  /** What stops the provider from being used, if anything: the window marks that field. */
  missing(provider: ProviderId): ProviderSettings['missing'] {
    if (this.credentials(provider) !== null) return undefined;
    const resolved = this.catalog.provider(provider);
    return (this.store.clientId(provider) ?? resolved.defaultClientId) ? 'clientSecret' : 'clientId';
  }

  view(provider: ProviderId): ProviderSettings {
    const resolved = this.catalog.provider(provider);
    const definition = resolved.definition;
    const clientId = this.store.clientId(provider) ?? resolved.defaultClientId;
    const redirectMode = this.redirectMode(provider);
    const missing = this.missing(provider);
    return {
      provider,
      name: definition.name,
      // Never "set up" while Google's required client secret is missing (or no client ID at all).
      configured: missing === undefined,
      ...(missing ? { missing } : {}),
      ...(clientId ? { clientId } : {}),
      hasClientSecret: this.store.hasClientSecret(provider) || Boolean(resolved.defaultClientSecret),
      needsClientSecret: definition.clientAuth === 'client_secret_post',
      redirectMode,
      redirectModes: [...definition.redirectModes],
      // Registered without a port, a loopback URI accepts the ephemeral one each flow uses.
      redirectUri: redirectMode === 'protocol' ? `${this.protocolScheme}://oauth/callback` : 'http://127.0.0.1/callback',
      consoleUrl: definition.consoleUrl,
      redirectHelp: definition.redirectHelp,
      registersRedirectUri: definition.registersRedirectUri,
      testingClient: this.store.testingClient(provider),
    };
  }

  set(payload: ChannelPayload<'settings.setProvider'>): ProviderSettings {
    const definition = this.catalog.provider(payload.provider).definition;
    if (payload.redirectMode && !definition.redirectModes.includes(payload.redirectMode)) {
      throw new CoreError(
        'invalid_input',
        `redirectMode: ${definition.name} accepts only ${definition.redirectModes.join(' or ')} redirects for desktop apps.`,
      );
    }
    if (definition.clientAuth === 'none' && payload.clientSecret) {
      throw new CoreError('invalid_input', `clientSecret: ${definition.name} uses PKCE without a client secret; leave it empty.`);
    }
    this.store.setProvider(payload.provider, payload);
    return this.view(payload.provider);
  }
}
