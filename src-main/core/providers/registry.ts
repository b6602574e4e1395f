import { google } from './google';
import { spotify } from './spotify';
import type { ProviderDefinition, ServiceDefinition } from './types';
import type { ProviderId, ServiceId } from '../../../src-shared/types';

/** Every provider Junction knows. A new provider is one file and one line here. */
export const PROVIDERS: Record<ProviderId, ProviderDefinition> = { google, spotify };

export function serviceDefinition(id: ServiceId): { provider: ProviderDefinition; service: ServiceDefinition } {
  for (const provider of Object.values(PROVIDERS)) {
    const service = provider.services.find((s) => s.id === id);
    if (service) return { provider, service };
  }
  throw new Error(`Unknown service ${id}`);
}
