// Health in view: the sidebar's badge, the detail's "Sign-in ends" line with Reconnect, and the
// notice said once when the core reports `connection.expiring`.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection, CoreEvent } from '../../src-shared/types';
import { App } from '../../src-renderer/app/App';
import { ConnectionDetail } from '../../src-renderer/features/connect/ConnectionDetail';
import { RequestForm } from '../../src-renderer/features/console/RequestForm';
import { connectionStatus, serviceStatus } from '../../src-renderer/features/services/status';
import { Sidebar } from '../../src-renderer/features/services/Sidebar';
import { useActions } from '../../src-renderer/stores/actions';
import { useConnections } from '../../src-renderer/stores/connections';
import { useHealthNotices } from '../../src-renderer/stores/health-notices';
import { useNavigation } from '../../src-renderer/stores/navigation';
import { useServices } from '../../src-renderer/stores/services';
import { useSettings } from '../../src-renderer/stores/settings';
import { connection, deferred, fakeClient, service } from './fixtures';

const ACT_BY = Date.UTC(2027, 2, 12, 14, 5);
const inLocale = new Date(ACT_BY).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const expiring = (patch: Partial<Connection> = {}) =>
  connection({
    refreshTokenExpiresAt: ACT_BY,
    health: { state: 'expiring', message: 'The sign-in ends on 12 March 2027 (UTC).', actBy: ACT_BY },
    ...patch,
  });

let listeners: Set<(event: CoreEvent) => void>;
function emit(event: CoreEvent) {
  act(() => {
    for (const listener of [...listeners]) listener(event);
  });
}

beforeEach(() => {
  listeners = new Set();
  window.junction = {
    invoke: () => Promise.reject(new Error('the test answers through the fake client')),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  useServices.setState({ loaded: true, error: null, services: [service('google_gmail'), service('spotify')] });
  useConnections.setState({ connections: [], loaded: true, flow: null, starting: null, outcome: null });
  useHealthNotices.setState({ expiring: [], seen: [] });
  useActions.setState({ descriptors: { google_gmail: [] } });
  useSettings.setState({ providers: [], app: null });
});

afterEach(() => {
  cleanup();
  delete window.junction;
});

describe('health in the sidebar', () => {
  it('reads expiring and needs re-auth from health, not only from status', () => {
    expect(connectionStatus(expiring())).toEqual({ label: 'Expiring', tone: 'warn' });
    const pastItsEnd = connection({ health: { state: 'needs_reauth', message: 'The sign-in ended.' } });
    expect(connectionStatus(pastItsEnd)).toEqual({ label: 'Needs re-auth', tone: 'warn' });
    expect(connectionStatus(connection())).toEqual({ label: 'Connected', tone: 'ok' });
    const gmail = service('google_gmail');
    expect(serviceStatus(gmail, [expiring()]).label).toBe('Expiring · alice@example.com');
    expect(serviceStatus(gmail, [expiring(), connection({ id: 'x2', account: { email: 'b@example.com' } })]).label).toBe(
      '2 accounts · 1 expiring',
    );
    // A grant already gone outranks one about to end.
    expect(serviceStatus(gmail, [expiring(), pastItsEnd]).label).toBe('2 accounts · 1 needs re-auth');
  });

  it('marks the console’s connection choice too', () => {
    useConnections.setState({
      connections: [
        expiring(),
        connection({ id: 'x2', account: { email: 'b@example.com' }, health: { state: 'needs_reauth', message: 'Ended.' } }),
      ],
    });
    render(<RequestForm />);
    const options = within(screen.getByLabelText('Connection'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options.slice(1)).toEqual(['Gmail — alice@example.com (expiring)', 'Gmail — b@example.com (needs re-auth)']);
  });

  it('badges the account under its service', () => {
    useConnections.setState({ connections: [expiring()] });
    render(<Sidebar />);
    const accounts = screen.getByRole('list', { name: 'Gmail accounts' });
    expect(within(accounts).getByRole('button').textContent).toBe('alice@example.comExpiring');
    expect(screen.getByRole('button', { name: /^Gmail/ }).textContent).toBe('GmailExpiring · alice@example.com');
  });
});

describe('health on the connection detail', () => {
  it('shows the date the sign-in ends in the person’s locale, and Reconnect now repairs the same connection', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    const wait = deferred<Connection>();
    fake.on('oauth.start', () => ({ state: 's1', authUrl: 'https://accounts.example/auth', service: 'google_gmail', redirectUri: 'x' }));
    fake.on('oauth.wait', () => wait.promise);
    fake.on('connections.list', () => [connection()]);
    useConnections.setState({ connections: [expiring({ scopes: ['openid', 'email', 'https://www.googleapis.com/auth/gmail.labels'] })] });
    render(<ConnectionDetail id={connection().id} />);
    const line = screen.getByText(/Sign-in ends on/);
    expect(line.textContent).toContain(inLocale);
    expect(line.querySelector('time')?.getAttribute('dateTime')).toBe(new Date(ACT_BY).toISOString());
    // The facts list says it too.
    expect(screen.getAllByText(inLocale)).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Reconnect now' }));
    expect(fake.calls.find((c) => c.channel === 'oauth.start')?.payload).toEqual({
      service: 'google_gmail',
      scopes: ['https://www.googleapis.com/auth/gmail.labels'],
    });
    expect(await screen.findByText('Continue in your browser')).toBeTruthy();
    await act(async () => wait.resolve(connection()));
    expect((await screen.findByText('Connected as alice@example.com.')).textContent).toBe('Connected as alice@example.com.');
    expect(useConnections.getState().outcome?.connectionId).toBe(connection().id);
    expect(screen.queryByText(/Sign-in ends on/)).toBeNull();
  });

  it('says when no end is known, and words a health past its end', () => {
    useConnections.setState({ connections: [connection({ refreshTokenExpiresAt: null })] });
    const { unmount } = render(<ConnectionDetail id={connection().id} />);
    expect(screen.getByText('no known end')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reconnect now' })).toBeNull();
    unmount();
    useConnections.setState({ connections: [connection({ health: { state: 'needs_reauth', message: 'The sign-in ended on 1 March.' } })] });
    render(<ConnectionDetail id={connection().id} />);
    expect(screen.getByText('The sign-in ended on 1 March.')).toBeTruthy();
  });
});

describe('the expiring notice', () => {
  it('is said once per event, opens the connection, and stays dismissed', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    fake.on('services.list', () => useServices.getState().services);
    fake.on('connections.list', () => [expiring()]);
    fake.on('settings.getProviders', () => []);
    fake.on('app.info', () => ({
      storage: { backend: 'keychain', secure: true, insecureAccepted: false },
      protocolScheme: 'junction',
      notices: [],
    }));
    fake.on('actions.list', () => []);
    render(<App />);
    await screen.findByRole('list', { name: 'Gmail accounts' });
    expect(screen.queryByText(/the sign-in ends on/)).toBeNull();

    emit({ type: 'connection.expiring', connectionId: connection().id, actBy: ACT_BY });
    emit({ type: 'connection.expiring', connectionId: connection().id, actBy: ACT_BY });
    const notices = screen.getAllByText(/the sign-in ends on/);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.closest('[role="status"]')?.textContent).toContain(`Gmail · alice@example.com: the sign-in ends on ${inLocale}.`);

    await user.click(screen.getByRole('button', { name: 'Open the connection' }));
    expect(useNavigation.getState().view).toEqual({ kind: 'connection', id: connection().id });
    expect(screen.queryByText(/the sign-in ends on/)).toBeNull();
    emit({ type: 'connection.expiring', connectionId: connection().id, actBy: ACT_BY });
    expect(screen.queryByText(/the sign-in ends on/)).toBeNull();
    // A new refresh token (after a reconnect) that nears its own end is news again.
    emit({ type: 'connection.expiring', connectionId: connection().id, actBy: ACT_BY + 86_400_000 });
    expect(screen.getAllByText(/the sign-in ends on/)).toHaveLength(1);
  });
});
