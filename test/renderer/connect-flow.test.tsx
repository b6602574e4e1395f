import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import { ServiceView } from '../../src-renderer/features/connect/ServiceView';
import { StorageBanner } from '../../src-renderer/features/settings/StorageBanner';
import { useConnections } from '../../src-renderer/stores/connections';
import { useServices } from '../../src-renderer/stores/services';
import { useSettings } from '../../src-renderer/stores/settings';
import { codedError, connection, deferred, fakeClient, service } from './fixtures';

afterEach(cleanup);

const START = {
  state: 'st-1',
  authUrl: 'https://accounts.example/auth?state=st-1',
  service: 'google_gmail' as const,
  redirectUri: 'http://127.0.0.1:5000/callback',
};

beforeEach(() => {
  useServices.setState({
    loaded: true,
    services: [service('google_gmail', { optionalScopes: [{ scope: 'https://mail.google.com/', description: 'Full mailbox' }] })],
  });
  useConnections.setState({ connections: [], loaded: true, flow: null, starting: null, outcome: null });
  useSettings.setState({
    app: { storage: { backend: 'keychain', secure: true, insecureAccepted: false }, protocolScheme: 'junction', notices: [] },
    providers: [],
  });
});

describe('connect', () => {
  it('hands over to the browser with the ticked scopes, then shows the account', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    const wait = deferred<Connection>();
    fake.on('oauth.start', () => START);
    fake.on('oauth.wait', () => wait.promise);
    fake.on('connections.list', () => [connection()]);
    render(<ServiceView id="google_gmail" />);
    await user.click(screen.getByLabelText(/Full mailbox/));
    await user.click(screen.getByRole('button', { name: 'Connect Gmail' }));
    expect(await screen.findByText('Continue in your browser')).toBeTruthy();
    expect(fake.calls.find((c) => c.channel === 'oauth.start')?.payload).toEqual({
      service: 'google_gmail',
      scopes: ['https://mail.google.com/'],
    });
    expect(screen.getByRole('button', { name: 'Copy sign-in link' })).toBeTruthy();
    await act(async () => wait.resolve(connection()));
    expect((await screen.findByText(/Connected as alice@example.com/)).textContent).toContain('Connected as alice@example.com.');
    expect(screen.getByRole('button', { name: 'alice@example.com' })).toBeTruthy();
  });

  it('words a denial with the core’s message and a cancel as cancelled', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    fake.on('oauth.start', () => START);
    fake.on('oauth.wait', () => {
      throw codedError('access_denied', 'You declined access to Gmail. Connect again and choose Allow to continue.');
    });
    render(<ServiceView id="google_gmail" />);
    await user.click(screen.getByRole('button', { name: 'Connect Gmail' }));
    expect((await screen.findByRole('alert')).textContent).toContain('You declined access to Gmail.');

    const wait = deferred<Connection>();
    fake.on('oauth.wait', () => wait.promise);
    fake.on('oauth.cancel', () => {
      wait.reject(codedError('cancelled', 'Sign-in cancelled by you.'));
      return { cancelled: true };
    });
    await user.click(screen.getByRole('button', { name: 'Connect Gmail' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect((await screen.findByText('Sign-in cancelled.')).textContent).toBe('Sign-in cancelled.');
  });

  it('blocks sign-in until weaker storage is accepted, from the banner', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    useSettings.setState({
      app: { storage: { backend: 'basic_text', secure: false, insecureAccepted: false }, protocolScheme: 'junction', notices: [] },
    });
    fake.on('settings.acceptInsecureStorage', ({ accept }) => ({ backend: 'basic_text', secure: false, insecureAccepted: accept }));
    render(
      <>
        <StorageBanner />
        <ServiceView id="google_gmail" />
      </>,
    );
    expect((screen.getByRole('button', { name: 'Connect Gmail' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Accept weaker storage' }));
    expect(((await screen.findByRole('button', { name: 'Connect Gmail' })) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByRole('button', { name: 'Accept weaker storage' })).toBeNull();
  });

  it('sends a person without a client ID to Settings', () => {
    useServices.setState({ services: [service('google_gmail', { configured: false })] });
    useSettings.setState({ providers: [] });
    render(<ServiceView id="google_gmail" />);
    expect(screen.getByRole('button', { name: 'Set up google' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Connect Gmail' })).toBeNull();
  });
});
