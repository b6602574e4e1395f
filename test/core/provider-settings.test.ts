import { afterEach, describe, expect, it } from 'vitest';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

describe('provider settings', () => {
  it('does not call Google set up while its client secret is missing, and says which field is', async () => {
    // A Spotify peer: Google has no client from the environment here.
    h = await startHarness({ kind: 'spotify' });
    const google = async () => (await h!.core.invoke('settings.getProviders', {})).find((p) => p.provider === 'google');
    expect(await google()).toMatchObject({ configured: false, missing: 'clientId' });

    const saved = await h.core.invoke('settings.setProvider', { provider: 'google', clientId: 'x.apps.googleusercontent.com' });
    expect(saved).toMatchObject({ configured: false, missing: 'clientSecret', hasClientSecret: false, needsClientSecret: true });
    expect((await h.core.invoke('services.list', {})).find((s) => s.id === 'google_gmail')?.configured).toBe(false);
    const refused = await errorOf(h.core.invoke('oauth.start', { service: 'google_gmail' }));
    expect(refused.code).toBe('not_configured');
    expect(refused.message).toContain('client secret');

    const complete = await h.core.invoke('settings.setProvider', {
      provider: 'google',
      clientId: 'x.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-secret',
    });
    expect(complete.configured).toBe(true);
    expect(complete).not.toHaveProperty('missing');
    // Removing the secret again takes "set up" away again.
    const removed = await h.core.invoke('settings.setProvider', {
      provider: 'google',
      clientId: 'x.apps.googleusercontent.com',
      clientSecret: '',
    });
    expect(removed).toMatchObject({ configured: false, missing: 'clientSecret' });

    // Spotify needs no secret: a client ID is all.
    expect((await h.core.invoke('settings.getProviders', {})).find((p) => p.provider === 'spotify')).toMatchObject({ configured: true });
    expect((await h.core.invoke('settings.getProviders', {})).find((p) => p.provider === 'spotify')).not.toHaveProperty('missing');
  });

  it("says which provider needs the redirect URI registered: Spotify does, Google's Desktop clients do not", async () => {
    h = await startHarness({ kind: 'spotify' });
    const providers = await h.core.invoke('settings.getProviders', {});
    expect(providers.map((p) => [p.provider, p.registersRedirectUri])).toEqual([
      ['google', false],
      ['spotify', true],
    ]);
  });
});
