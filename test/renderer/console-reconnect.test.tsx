// The console's needs-re-auth refusal: Reconnect on the spot (the same connection, repaired in
// place), then Send again; other errors offer nothing of the kind.
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResponse, Connection } from '../../src-shared/types';
import { ConsoleView } from '../../src-renderer/features/console/ConsoleView';
import { useConnections } from '../../src-renderer/stores/connections';
import { useConsole } from '../../src-renderer/stores/console';
import { useHistory } from '../../src-renderer/stores/history';
import { useServices } from '../../src-renderer/stores/services';
import { codedError, connection, deferred, fakeClient, service } from './fixtures';

const G = 'https://www.googleapis.com/auth/';
// Granted on top of the service's own scopes: a reconnect asks for them again.
const EXTRA = `${G}gmail.send`;
const OK = connection({ scopes: ['openid', 'email', `${G}gmail.readonly`, EXTRA] });
const BROKEN: Connection = { ...OK, status: 'needs_reauth', health: { state: 'needs_reauth', message: 'Reconnect.' } };
const START = { state: 'st-r', authUrl: 'https://accounts.example/auth?state=st-r', service: 'google_gmail' as const, redirectUri: 'x' };
const ANSWER: ApiResponse = {
  status: 200,
  statusText: 'OK',
  headers: {},
  body: '{}',
  json: {},
  bodyEncoding: 'utf8',
  sizeBytes: 2,
  durationMs: 5,
  attempts: 1,
  refreshed: false,
  truncated: false,
  url: 'https://gmail.googleapis.com/gmail/v1/users/me/profile',
};

afterEach(() => {
  cleanup();
  delete window.junction;
});
beforeEach(() => {
  window.junction = { invoke: () => Promise.reject(new Error('fake client')), onEvent: () => () => undefined };
  useHistory.setState({ entries: [] });
  useServices.setState({
    services: [service('google_gmail', { scopes: ['openid', 'email', `${G}gmail.readonly`] })],
    loaded: true,
    error: null,
  });
  useConnections.setState({ connections: [OK], loaded: true, flow: null, starting: null, outcome: null });
  useConsole.setState({
    connectionId: OK.id,
    method: 'GET',
    url: '/users/me/profile',
    query: [],
    headers: [],
    body: '',
    response: null,
    error: null,
  });
});

describe("the console's Reconnect", () => {
  it('on a needs-re-auth refusal: Reconnect signs in for the same connection with its extra scopes, then Send again answers', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    const wait = deferred<Connection>();
    let calls = 0;
    fake.on('api.request', () => {
      if (++calls > 1) return ANSWER;
      // The core marks the connection needs_reauth (connections.changed) as it refuses.
      useConnections.setState({ connections: [BROKEN] });
      throw codedError('reauth_required', 'Google no longer accepts this sign-in.');
    });
    fake.on('oauth.start', () => START);
    fake.on('oauth.wait', () => wait.promise);
    fake.on('connections.list', () => [OK]);
    render(<ConsoleView />);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await user.click(await screen.findByRole('button', { name: 'Reconnect alice@example.com' }));
    expect(fake.calls.find((c) => c.channel === 'oauth.start')?.payload).toEqual({ service: 'google_gmail', scopes: [EXTRA] });
    expect(await screen.findByText('Continue in your browser')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Reconnect/ })).toBeNull();

    await act(async () => wait.resolve(OK));
    expect(await screen.findByText('Connected as alice@example.com.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send again' }));
    expect(await screen.findByText('200 OK')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Reconnect/ })).toBeNull();
    const sent = fake.calls.filter((c) => c.channel === 'api.request').map((c) => (c.payload as { connectionId: string }).connectionId);
    expect(sent).toEqual([OK.id, OK.id]);
  });

  it('offers no Reconnect for an error that is not about the sign-in', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    fake.on('api.request', () => {
      throw codedError('network_error', 'Could not reach gmail.googleapis.com.');
    });
    render(<ConsoleView />);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Could not reach');
    expect(screen.queryByRole('button', { name: /^Reconnect/ })).toBeNull();
  });
});
