// "I already have a refresh token": a password field under the Connect card, calling
// connections.import; the token is cleared after submit whatever the outcome and never kept.
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import { ServiceView } from '../../src-renderer/features/connect/ServiceView';
import { useConnections } from '../../src-renderer/stores/connections';
import { useNavigation } from '../../src-renderer/stores/navigation';
import { useServices } from '../../src-renderer/stores/services';
import { useSettings } from '../../src-renderer/stores/settings';
import { codedError, connection, deferred, fakeClient, service } from './fixtures';

const TOKEN = '1//0gSecretRefreshToken-abc_DEF';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  useServices.setState({ loaded: true, services: [service('google_calendar')] });
  useConnections.setState({ connections: [], loaded: true, flow: null, starting: null, outcome: null });
  useSettings.setState({
    app: { storage: { backend: 'keychain', secure: true, insecureAccepted: false }, protocolScheme: 'junction', notices: [] },
    providers: [],
  });
});

async function openDisclosure(user: ReturnType<typeof userEvent.setup>) {
  render(<ServiceView id="google_calendar" />);
  await user.click(screen.getByText('I already have a refresh token'));
  return screen.getByLabelText('Refresh token') as HTMLInputElement;
}

describe('connect from an existing refresh token', () => {
  it('is a write-only password field; a good token connects, the field is cleared at once, and nothing keeps it', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    const imported = deferred<Connection>();
    const made = connection({ service: 'google_calendar' });
    fake.on('connections.import', () => imported.promise);
    fake.on('connections.list', () => [made]);
    const field = await openDisclosure(user);
    expect(field.type).toBe('password');
    expect(field.getAttribute('autocomplete')).toBe('off');
    await user.type(field, `  ${TOKEN}{Enter}`);
    // Enter submitted the form: cleared before the core has even answered.
    expect(field.value).toBe('');
    expect(screen.getByRole('button', { name: 'Checking the token…' })).toBeTruthy();
    expect(fake.calls.find((c) => c.channel === 'connections.import')?.payload).toEqual({
      service: 'google_calendar',
      refreshToken: TOKEN,
    });
    await act(async () => imported.resolve(made));
    expect((await screen.findByText(/Connected as alice@example.com/)).textContent).toContain('Connected as alice@example.com.');
    expect(screen.getByRole('button', { name: 'alice@example.com' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Open the connection' }));
    expect(useNavigation.getState().view).toEqual({ kind: 'connection', id: made.id });
    expect(JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })).not.toContain(TOKEN);
    expect(document.body.innerHTML).not.toContain(TOKEN);
  });

  it('words a refused token and clears the field anyway', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    fake.on('connections.import', () => {
      throw codedError(
        'reauth_required',
        'Google refused this refresh token (invalid_grant: Token has been expired or revoked.). Nothing was saved.',
      );
    });
    const field = await openDisclosure(user);
    await user.type(field, TOKEN);
    await user.click(screen.getByRole('button', { name: 'Connect with this token' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Google refused this refresh token');
    expect(field.value).toBe('');
    expect((screen.getByRole('button', { name: 'Connect with this token' }) as HTMLButtonElement).disabled).toBe(true);
    expect(useConnections.getState().connections).toEqual([]);
  });
});
