// A disconnect that revokes nothing says why on the service's card the window goes to: another
// service of the account still shares the sign-in, or the provider has no revocation endpoint.
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionDetail } from '../../src-renderer/features/connect/ConnectionDetail';
import { ServiceView } from '../../src-renderer/features/connect/ServiceView';
import { useActions } from '../../src-renderer/stores/actions';
import { useConnections } from '../../src-renderer/stores/connections';
import { useNavigation } from '../../src-renderer/stores/navigation';
import { useServices } from '../../src-renderer/stores/services';
import { useSettings } from '../../src-renderer/stores/settings';
import { connection, fakeClient, service } from './fixtures';

function Window() {
  const view = useNavigation((s) => s.view);
  return view.kind === 'connection' ? <ConnectionDetail id={view.id} /> : <ServiceView id="google_gmail" />;
}

afterEach(cleanup);
beforeEach(() => {
  useServices.setState({ loaded: true, services: [service('google_gmail')] });
  useConnections.setState({ connections: [connection()], loaded: true, flow: null, starting: null, outcome: null });
  useActions.setState({ descriptors: { google_gmail: [] } });
  useSettings.setState({ app: null, providers: [] });
  useNavigation.setState({ view: { kind: 'connection', id: connection().id } });
});

describe('disconnect', () => {
  it.each([
    [
      { revoked: false, message: 'Gmail is disconnected. Calendar still uses this Google sign-in, so nothing was revoked at Google.' },
      'status',
      'Gmail is disconnected. Calendar still uses this Google sign-in, so nothing was revoked at Google.',
    ],
    [{ revoked: true }, 'status', 'Disconnected; the provider revoked the access.'],
  ])('answered %j: the service card says so', async (answer, role, text) => {
    const user = userEvent.setup();
    const fake = fakeClient();
    fake.on('connections.delete', () => answer);
    fake.on('connections.list', () => []);
    render(<Window />);
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    await user.click(screen.getByRole('button', { name: 'Yes, disconnect' }));
    const said = await screen.findByText(text);
    expect(said.closest(`[role="${role}"]`)?.className).toMatch(answer.revoked ? /notice-success/ : /notice-info/);
    expect(useNavigation.getState().view).toEqual({ kind: 'service', service: 'google_gmail' });
  });
});
