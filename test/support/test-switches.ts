// The switches a test launch of the shell reads from its environment: a throwaway data directory
// is the product's own JUNCTION_DATA_DIR; these add fake servers, a test cipher and no browser.
// They exist only in the test build (electron-test-main.ts), never in the product's bundle.
import { z } from 'zod';
import type { ShellHooks } from '../../src-main/shell/app';
import { PROVIDER_IDS, SERVICE_IDS } from '../../src-shared/types';
import { createFileCipher } from './file-cipher';

export type Env = Readonly<Record<string, string | undefined>>;

const providerOverride = z.strictObject({
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
  issuer: z.string().optional(),
  authorizationEndpoint: z.string().optional(),
  tokenEndpoint: z.string().optional(),
  revocationEndpoint: z.string().nullable().optional(),
  userinfoEndpoint: z.string().optional(),
});

const overridesSchema = z.strictObject({
  providers: z.partialRecord(z.enum(PROVIDER_IDS), providerOverride).optional(),
  services: z.partialRecord(z.enum(SERVICE_IDS), z.strictObject({ apiBaseUrl: z.string().optional() })).optional(),
});

/** `JUNCTION_TEST_OVERRIDES`: `{ providers?, services? }` as CoreOptions spells them. */
export function parseTestOverrides(json: string): Pick<ShellHooks, 'providers' | 'services'> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('JUNCTION_TEST_OVERRIDES is not valid JSON');
  }
  const parsed = overridesSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`JUNCTION_TEST_OVERRIDES: ${issue?.path.join('.') || 'the value'}: ${issue?.message ?? 'is not valid'}`);
  }
  const { providers = {}, services = {} } = parsed.data;
  return { providers, services };
}

/** The shell hooks a test launch asks for through its environment. */
export function readTestSwitches(env: Env): ShellHooks {
  const hooks: ShellHooks = {};
  const overrides = env['JUNCTION_TEST_OVERRIDES']?.trim();
  if (overrides) Object.assign(hooks, parseTestOverrides(overrides));
  if (env['JUNCTION_TEST_CIPHER'] === 'aes-gcm') hooks.createCipher = createFileCipher;
  if (env['JUNCTION_TEST_NO_BROWSER'] === '1') hooks.suppressBrowser = true;
  return hooks;
}
