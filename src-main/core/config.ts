import { CoreError } from './errors';
import { isSecureOrLoopback, parseUrl } from './net';
import type { CoreOptions, ProviderOverride } from './options';
import { PROVIDERS } from './providers/registry';
import type { ProviderDefinition, ServiceDefinition } from './providers/types';
import type { ProviderId, ServiceId } from '../../src-shared/types';

/** A provider's endpoints after overrides: what the protocol code talks to. */
export interface ResolvedProvider {
  definition: ProviderDefinition;
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint: string | null;
  userinfoEndpoint: string | null;
  /** Client credentials given by the embedding app (environment, tests); settings override them. */
  defaultClientId?: string;
  defaultClientSecret?: string;
  /** How long one request to this provider's endpoints may take. */
  requestTimeoutMs?: number;
}

export interface ResolvedService {
  definition: ServiceDefinition;
  provider: ProviderDefinition;
  apiBaseUrl: string;
  /** Origins a request with this service's token may reach. */
  allowedOrigins: Set<string>;
}

function checkEndpoint(name: string, value: string): string {
  const url = parseUrl(value);
  if (!url || !isSecureOrLoopback(url)) {
    throw new CoreError('invalid_input', `${name} must be an https URL, or http on a loopback address: ${value}`);
  }
  return url.href;
}

function resolveProvider(definition: ProviderDefinition, override: ProviderOverride = {}, requestTimeoutMs?: number): ResolvedProvider {
  const authorizationEndpoint = checkEndpoint(
    `providers.${definition.id}.authorizationEndpoint`,
    override.authorizationEndpoint ?? definition.authorizationEndpoint,
  );
  const revocation = override.revocationEndpoint === undefined ? definition.revocationEndpoint : override.revocationEndpoint;
  const userinfo = override.userinfoEndpoint ?? definition.userinfoEndpoint;
  const endpointsOverridden = override.authorizationEndpoint !== undefined;
  return {
    definition,
    // The expected `iss` follows the authorization endpoint when a gateway or test server stands in.
    issuer: override.issuer ?? (endpointsOverridden ? new URL(authorizationEndpoint).origin : definition.issuer),
    authorizationEndpoint,
    tokenEndpoint: checkEndpoint(`providers.${definition.id}.tokenEndpoint`, override.tokenEndpoint ?? definition.tokenEndpoint),
    revocationEndpoint: revocation === null ? null : checkEndpoint(`providers.${definition.id}.revocationEndpoint`, revocation),
    userinfoEndpoint: userinfo === null ? null : checkEndpoint(`providers.${definition.id}.userinfoEndpoint`, userinfo),
    defaultClientId: override.clientId || undefined,
    defaultClientSecret: override.clientSecret || undefined,
    requestTimeoutMs,
  };
}

function resolveService(provider: ProviderDefinition, definition: ServiceDefinition, apiBaseUrl?: string): ResolvedService {
  const base = checkEndpoint(`services.${definition.id}.apiBaseUrl`, apiBaseUrl ?? definition.apiBaseUrl).replace(/\/+$/, '');
  const allowedOrigins = new Set(definition.allowedHosts.map((host) => `https://${host}`));
  allowedOrigins.add(new URL(base).origin);
  return { definition, provider, apiBaseUrl: base, allowedOrigins };
}

/** Providers and services with the embedding app's overrides applied, validated once at start. */
export class Catalog {
  readonly providers: Record<ProviderId, ResolvedProvider>;
  readonly services: Record<ServiceId, ResolvedService>;

  constructor(options: Pick<CoreOptions, 'providers' | 'services' | 'tokenRequestTimeoutMs'>) {
    const providers = {} as Record<ProviderId, ResolvedProvider>;
    const services = {} as Record<ServiceId, ResolvedService>;
    for (const definition of Object.values(PROVIDERS)) {
      providers[definition.id] = resolveProvider(definition, options.providers?.[definition.id], options.tokenRequestTimeoutMs);
      for (const service of definition.services) {
        services[service.id] = resolveService(definition, service, options.services?.[service.id]?.apiBaseUrl);
      }
    }
    this.providers = providers;
    this.services = services;
  }

  provider(id: ProviderId): ResolvedProvider {
    return this.providers[id];
  }

  service(id: ServiceId): ResolvedService {
    return this.services[id];
  }
}
