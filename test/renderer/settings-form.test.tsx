// Settings → Google: "This client is in Testing", and no "Google saved." while Google stays not
// set up: the missing field is named in red next to it.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../src-shared/channels';
import type { ProviderSettings } from '../../src-shared/types';
import { SettingsView } from '../../src-renderer/features/settings/SettingsView';
import { useServices } from '../../src-renderer/stores/services';
import { useSettings } from '../../src-renderer/stores/settings';
import { fakeClient } from './fixtures';

function google(patch: Partial<ProviderSettings> = {}): ProviderSettings {
  return {
    provider: 'google',
    name: 'Google',
    configured: false,
    missing: 'clientId',
    hasClientSecret: false,
    needsClientSecret: true,
    redirectMode: 'loopback',
    redirectModes: ['loopback'],
    redirectUri: 'http://127.0.0.1/callback',
    consoleUrl: 'https://console.cloud.google.com/apis/credentials',
    redirectHelp: 'Create an OAuth client of type "Desktop app".',
    registersRedirectUri: false,
    testingClient: false,
    ...patch,
  };
}
const SPOTIFY: ProviderSettings = {
  ...google(),
  provider: 'spotify',
  name: 'Spotify',
  needsClientSecret: false,
  redirectModes: ['loopback', 'protocol'],
  registersRedirectUri: true,
  consoleUrl: 'https://developer.spotify.com/dashboard',
};

afterEach(cleanup);
beforeEach(() => {
  useServices.setState({ services: [], loaded: true });
  useSettings.setState({ providers: [google(), SPOTIFY], loading: false, error: null });
});

/** settings.setProvider as the core answers it: set up only with both ID and secret. */
function answerLikeTheCore(fake: ReturnType<typeof fakeClient>, initial = google()) {
  let saved = initial;
  fake.on('services.list', () => []);
  fake.on('settings.setProvider', (p: ChannelInput<'settings.setProvider'>) => {
    const hasClientSecret = p.clientSecret === undefined ? saved.hasClientSecret : p.clientSecret !== '';
    const { missing: _m, ...rest } = saved;
    saved = {
      ...rest,
      clientId: p.clientId,
      hasClientSecret,
      configured: hasClientSecret,
      ...(hasClientSecret ? {} : { missing: 'clientSecret' as const }),
      testingClient: p.testingClient ?? saved.testingClient ?? false,
    };
    return saved;
  });
}

describe('Settings → Google', () => {
  it('does not say "Google saved." while the client secret is missing, and says why in red next to the field', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    answerLikeTheCore(fake);
    render(<SettingsView />);
    const form = within(screen.getByRole('form', { name: /Google/ }));
    await user.type(form.getByLabelText('Client ID'), 'x.apps.googleusercontent.com');
    await user.click(form.getByRole('button', { name: 'Save Google' }));
    const alert = await form.findByRole('alert');
    expect(alert.textContent).toMatch(/^Saved, but Google is not set up yet: .*client secret/);
    expect(form.queryByText('Google saved.')).toBeNull();
    const secret = form.getByLabelText('Client secret');
    expect(secret.getAttribute('aria-invalid')).toBe('true');
    const reason = form.getByText(/Required: Google is not set up until the client secret is saved/);
    expect(reason.className).toBe('field-error');
    expect(secret.getAttribute('aria-describedby')).toContain(reason.id);
    expect(form.getByText('Not set up')).toBeTruthy();

    await user.type(secret, 'GOCSPX-secret');
    await user.click(form.getByRole('button', { name: 'Save Google' }));
    expect((await form.findByText('Google saved.')).textContent).toBe('Google saved.');
    expect(form.queryByText(/Required:/)).toBeNull();
    expect(form.getByText('Set up')).toBeTruthy();
  });

  it('offers "This client is in Testing", says what it means and where to check, and saves it', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    const { missing: _none, ...setUp } = google({ clientId: 'x', hasClientSecret: true, configured: true });
    answerLikeTheCore(fake, setUp);
    useSettings.setState({ providers: [setUp, SPOTIFY] });
    render(<SettingsView />);
    const form = within(screen.getByRole('form', { name: /Google/ }));
    const tick = form.getByRole('checkbox', { name: 'This client is in Testing' }) as HTMLInputElement;
    expect(tick.checked).toBe(false);
    const help = document.getElementById(tick.getAttribute('aria-describedby') ?? '');
    expect(help?.textContent).toContain('7 days after sign-in');
    expect(help?.textContent).toContain('OAuth consent screen → Publishing status');
    await user.click(tick);
    await user.click(form.getByRole('button', { name: 'Save Google' }));
    await form.findByText('Google saved.');
    expect(fake.calls.find((c) => c.channel === 'settings.setProvider')?.payload).toMatchObject({
      provider: 'google',
      testingClient: true,
    });
    expect(useSettings.getState().providers[0]?.testingClient).toBe(true);
  });

  it('has no Testing tick for Spotify, and says where a refresh token to import comes from', () => {
    render(<SettingsView />);
    const spotify = within(screen.getByRole('form', { name: /Spotify/ }));
    expect(spotify.queryByRole('checkbox', { name: /Testing/ })).toBeNull();
    expect(spotify.getByText(/refresh token from your own earlier sign-in with this same client ID/)).toBeTruthy();
  });
});
