// What the environment may change about a launch. Client IDs from the environment are a normal
// way to configure Junction (a team can ship its own OAuth clients). JUNCTION_DATA_DIR moves the
// profile, honoured only when the app is not packaged. Test switches (fake servers, a test cipher)
// are not read here at all: they live in the test build (test/support/electron-test-main.ts).
import { z } from 'zod';
import type { CoreOptions } from '../core/options';
import { PROVIDER_IDS } from '../../src-shared/types';

export type Env = Readonly<Record<string, string | undefined>>;

type Providers = NonNullable<CoreOptions['providers']>;

export interface LaunchConfig {
  /** Replaces `app.getPath('userData')` (development: a throwaway profile). */
  dataDir?: string;
  providers: Providers;
}

/** A set, non-blank value, trimmed; anything else counts as unset. */
const setting = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

const launchEnv = z.object({
  JUNCTION_GOOGLE_CLIENT_ID: setting,
  JUNCTION_GOOGLE_CLIENT_SECRET: setting,
  JUNCTION_SPOTIFY_CLIENT_ID: setting,
  JUNCTION_DATA_DIR: setting,
});

/** Client IDs (and Google's not-secret Desktop secret) from the environment. */
export function providersFromEnv(env: Env): Providers {
  const parsed = launchEnv.parse(env);
  const providers: Providers = {};
  const google = { clientId: parsed.JUNCTION_GOOGLE_CLIENT_ID, clientSecret: parsed.JUNCTION_GOOGLE_CLIENT_SECRET };
  const definedGoogle = Object.fromEntries(Object.entries(google).filter(([, value]) => value !== undefined));
  if (Object.keys(definedGoogle).length > 0) providers.google = definedGoogle;
  if (parsed.JUNCTION_SPOTIFY_CLIENT_ID) providers.spotify = { clientId: parsed.JUNCTION_SPOTIFY_CLIENT_ID };
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
  const dataDir = launchEnv.parse(env).JUNCTION_DATA_DIR;
  if (!isPackaged && dataDir) config.dataDir = dataDir;
  return config;
}
