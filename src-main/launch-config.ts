// What the environment may change about a launch. Client IDs from the environment are a normal
// way to configure Junction (a team can ship its own OAuth clients); everything under
// JUNCTION_TEST_* or JUNCTION_DATA_DIR redirects the app at fake servers or a throwaway profile,
// so it is honoured only when the app is not packaged: an installed Junction cannot be pointed at
// another authorization server by whoever controls its environment.
import type { CoreOptions, ProviderOverride } from './core/options';
import type { ProviderId } from './core/types';
import { PROVIDER_IDS, SERVICE_IDS } from './core/types';

export type Env = Readonly<Record<string, string | undefined>>;

export interface LaunchConfig {
  /** Replaces `app.getPath('userData')` (tests: one profile per test). */
  dataDir?: string;
  providers: NonNullable<CoreOptions['providers']>;
  services: NonNullable<CoreOptions['services']>;
  /** Use an in-process AES-GCM cipher instead of safeStorage (test runs on machines without a keyring). */
  testCipher: boolean;
  /** Do not start a browser for sign-in: the test drives the authorization URL itself. */
  suppressBrowser: boolean;
  /** Whether any JUNCTION_TEST_* switch was honoured, so the log says so. */
  testMode: boolean;
}

const PROVIDER_KEYS: ReadonlySet<string> = new Set([
  'clientId',
  'clientSecret',
  'issuer',
  'authorizationEndpoint',
  'tokenEndpoint',
  'revocationEndpoint',
  'userinfoEndpoint',
]);

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Client IDs (and Google's not-secret Desktop secret) from the environment. */
export function providersFromEnv(env: Env): NonNullable<CoreOptions['providers']> {
  const providers: NonNullable<CoreOptions['providers']> = {};
  const googleId = nonEmpty(env['JUNCTION_GOOGLE_CLIENT_ID']);
  const googleSecret = nonEmpty(env['JUNCTION_GOOGLE_CLIENT_SECRET']);
  if (googleId || googleSecret) {
    providers.google = { ...(googleId ? { clientId: googleId } : {}), ...(googleSecret ? { clientSecret: googleSecret } : {}) };
  }
  const spotifyId = nonEmpty(env['JUNCTION_SPOTIFY_CLIENT_ID']);
  if (spotifyId) providers.spotify = { clientId: spotifyId };
  return providers;
}

function parseProviderOverride(provider: string, value: unknown): ProviderOverride {
  if (!isRecord(value)) throw new Error(`JUNCTION_TEST_OVERRIDES: providers.${provider} must be an object`);
  const override: ProviderOverride = {};
  for (const [key, field] of Object.entries(value)) {
    if (!PROVIDER_KEYS.has(key)) throw new Error(`JUNCTION_TEST_OVERRIDES: providers.${provider}.${key} is not a provider option`);
    if (key === 'revocationEndpoint' && field === null) {
      override.revocationEndpoint = null;
      continue;
    }
    if (typeof field !== 'string') throw new Error(`JUNCTION_TEST_OVERRIDES: providers.${provider}.${key} must be a string`);
    (override as Record<string, string>)[key] = field;
  }
  return override;
}

/** The test overrides: `{ providers?, services? }` as CoreOptions spells them. */
export function parseTestOverrides(json: string): Pick<LaunchConfig, 'providers' | 'services'> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('JUNCTION_TEST_OVERRIDES is not valid JSON');
  }
  if (!isRecord(value)) throw new Error('JUNCTION_TEST_OVERRIDES must be a JSON object');
  const providers: NonNullable<CoreOptions['providers']> = {};
  const services: NonNullable<CoreOptions['services']> = {};
  const knownProviders: ReadonlySet<string> = new Set(PROVIDER_IDS);
  const knownServices: ReadonlySet<string> = new Set(SERVICE_IDS);
  const rawProviders = value['providers'] ?? {};
  const rawServices = value['services'] ?? {};
  if (!isRecord(rawProviders) || !isRecord(rawServices)) throw new Error('JUNCTION_TEST_OVERRIDES: providers and services must be objects');
  for (const [id, override] of Object.entries(rawProviders)) {
    if (!knownProviders.has(id)) throw new Error(`JUNCTION_TEST_OVERRIDES: unknown provider ${id}`);
    providers[id as ProviderId] = parseProviderOverride(id, override);
  }
  for (const [id, override] of Object.entries(rawServices)) {
    if (!knownServices.has(id)) throw new Error(`JUNCTION_TEST_OVERRIDES: unknown service ${id}`);
    if (!isRecord(override) || (override['apiBaseUrl'] !== undefined && typeof override['apiBaseUrl'] !== 'string')) {
      throw new Error(`JUNCTION_TEST_OVERRIDES: services.${id} must be { apiBaseUrl?: string }`);
    }
    const apiBaseUrl = override['apiBaseUrl'];
    services[id as keyof typeof services] = typeof apiBaseUrl === 'string' ? { apiBaseUrl } : {};
  }
  return { providers, services };
}

export function readLaunchConfig(env: Env, { isPackaged }: { isPackaged: boolean }): LaunchConfig {
  const config: LaunchConfig = {
    providers: providersFromEnv(env),
    services: {},
    testCipher: false,
    suppressBrowser: false,
    testMode: false,
  };
  if (isPackaged) return config;

  const dataDir = nonEmpty(env['JUNCTION_DATA_DIR']);
  if (dataDir) config.dataDir = dataDir;
  const overrides = nonEmpty(env['JUNCTION_TEST_OVERRIDES']);
  if (overrides) {
    const parsed = parseTestOverrides(overrides);
    // Test endpoints win over env client IDs for the same provider, field by field.
    for (const id of PROVIDER_IDS) {
      const merged = { ...config.providers[id], ...parsed.providers[id] };
      if (Object.keys(merged).length > 0) config.providers[id] = merged;
    }
    config.services = parsed.services;
    config.testMode = true;
  }
  if (env['JUNCTION_TEST_CIPHER'] === 'aes-gcm') {
    config.testCipher = true;
    config.testMode = true;
  }
  if (env['JUNCTION_TEST_NO_BROWSER'] === '1') {
    config.suppressBrowser = true;
    config.testMode = true;
  }
  return config;
}
