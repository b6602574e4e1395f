// What the environment may change about a launch. Client IDs from the environment are a normal
// way to configure Junction (a team can ship its own OAuth clients). JUNCTION_DATA_DIR moves the
// profile, honoured only when the app is not packaged. Test switches (fake servers, a test cipher)
// are not read here at all: they live in the test build (test/support/electron-test-main.ts).
import type { CoreOptions } from '../core/options';
import { PROVIDER_IDS } from '../../src-shared/types';

export type Env = Readonly<Record<string, string | undefined>>;

type Providers = NonNullable<CoreOptions['providers']>;

export interface LaunchConfig {
  /** Replaces `app.getPath('userData')` (development: a throwaway profile). */
  dataDir?: string;
  providers: Providers;
}

/**
 * A set, non-blank value, trimmed; anything else counts as unset. Plain code rather than zod: the
 * shell reads this before the window exists, and zod would cost the start ~90 ms to load.
 */
function setting(env: Env, name: string): string | undefined {
  const value = env[name];
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

/** Client IDs (and Google's not-secret Desktop secret) from the environment. */
export function providersFromEnv(env: Env): Providers {
  const providers: Providers = {};
  const google = { clientId: setting(env, 'JUNCTION_GOOGLE_CLIENT_ID'), clientSecret: setting(env, 'JUNCTION_GOOGLE_CLIENT_SECRET') };
  const definedGoogle = Object.fromEntries(Object.entries(google).filter(([, value]) => value !== undefined));
  if (Object.keys(definedGoogle).length > 0) providers.google = definedGoogle;
  const spotifyClientId = setting(env, 'JUNCTION_SPOTIFY_CLIENT_ID');
  if (spotifyClientId) providers.spotify = { clientId: spotifyClientId };
  return providers;
}

/** Overrides win over the environment's client IDs for the same provider, field by field. */
export function mergeProviders(base: Providers, overrides: Providers | undefined): Providers {
  if (!overrides) return base;
  const merged: Providers = {};
  for (const id of PROVIDER_IDS) {
    const fields = { ...base[id], ...overrides[id] };
    if (Object.keys(fields).length > 0) merged[id] = fields;
  }
  return merged;
}

export function readLaunchConfig(env: Env, { isPackaged }: { isPackaged: boolean }): LaunchConfig {
  const config: LaunchConfig = { providers: providersFromEnv(env) };
  const dataDir = setting(env, 'JUNCTION_DATA_DIR');
  if (!isPackaged && dataDir) config.dataDir = dataDir;
  return config;
}
