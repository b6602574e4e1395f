// One Google sign-in for several services: the Connect card ticks the provider's other services
// (one consent, the union of their scopes) and says which were connected.
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import { ServiceView } from '../../src-renderer/features/connect/ServiceView';
import { useConnections } from '../../src-renderer/stores/connections';
import { useServices } from '../../src-renderer/stores/services';
import { useSettings } from '../../src-renderer/stores/settings';
import { connection, deferred, fakeClient, service } from './fixtures';

const G = 'https://www.googleapis.com/auth/';

afterEach(cleanup);
beforeEach(() => {
  useServices.setState({
    loaded: true,
    services: [
      service('google_gmail', {
        scopes: ['openid', `${G}gmail.readonly`],
        scopeInfo: [
          { scope: 'openid', description: 'Know who you are at the provider' },
          { scope: `${G}gmail.readonly`, description: 'Read your email and its settings' },
          { scope: `${G}gmail.send`, description: 'Send email as you' },
        ],
        optionalScopes: [{ scope: `${G}gmail.send`, description: 'Send email as you' }],
      }),
      service('google_calendar'),
      service('google_drive'),
      service('google_docs', { configured: false }),
      service('spotify'),
    ],
  });
  useConnections.setState({ connections: [], loaded: true, flow: null, starting: null, outcome: null });
  useSettings.setState({
    app: { storage: { backend: 'keychain', secure: true, insecureAccepted: false }, protocolScheme: 'junction', notices: [] },
    providers: [],
  });
});

describe('connecting several Google services at once', () => {
  it('ticks the provider’s other set-up services into one consent, and says which were connected', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    const wait = deferred<Connection>();
    fake.on('oauth.start', () => ({ state: 's', authUrl: 'https://accounts.example/auth', service: 'google_gmail', redirectUri: 'x' }));
    fake.on('oauth.wait', () => wait.promise);
    fake.on('connections.list', () => [connection(), connection({ id: 'c2', service: 'google_calendar' })]);
    render(<ServiceView id="google_gmail" />);
    const group = screen.getByRole('group', { name: 'Also connect' });
    expect([...group.querySelectorAll('label')].map((l) => l.textContent)).toEqual(['Calendar', 'Drive']);
    // Plain words, not scope URLs; the URL stays in the tooltip.
    expect(screen.getByText(/Always asked:/).textContent).toBe(
      'Always asked: Know who you are at the provider; Read your email and its settings.',
    );
    expect(screen.getByLabelText('Send email as you')).toBeTruthy();
    expect(screen.queryByText(`${G}gmail.send`)).toBeNull();

    await user.click(screen.getByLabelText('Calendar'));
    await user.click(screen.getByRole('button', { name: 'Connect Gmail + 1 more' }));
    expect(fake.calls.find((c) => c.channel === 'oauth.start')?.payload).toEqual({
      service: 'google_gmail',
      services: ['google_calendar'],
    });
    await act(async () => wait.resolve(connection()));
    expect((await screen.findByText(/with one sign-in/)).textContent).toContain(
      'Connected as alice@example.com: Gmail and Calendar, with one sign-in.',
    );
  });

  it('leaves services out of a plain connect, and offers none for Spotify', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    fake.on('oauth.start', () => ({ state: 's', authUrl: 'https://accounts.example/auth', service: 'spotify', redirectUri: 'x' }));
    fake.on('oauth.wait', () => new Promise<Connection>(() => undefined));
    render(<ServiceView id="spotify" />);
    expect(screen.queryByRole('group', { name: 'Also connect' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Connect Spotify' }));
    expect(fake.calls.find((c) => c.channel === 'oauth.start')?.payload).toEqual({ service: 'spotify' });
  });
});
