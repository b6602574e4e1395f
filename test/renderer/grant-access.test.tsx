// The scope doctor in the window: a missing-scope answer offers Grant access (a sign-in asking
// for granted + missing, repairing the same connection), then the same request again in one click.
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionResult } from '../../src-shared/actions';
import type { ApiResponse, Connection } from '../../src-shared/types';
import QuickActionsView from '../../src-renderer/features/actions/QuickActionsView';
import { ConsoleView } from '../../src-renderer/features/console/ConsoleView';
import { useActions } from '../../src-renderer/stores/actions';
import { useConnections } from '../../src-renderer/stores/connections';
import { useConsole } from '../../src-renderer/stores/console';
import { useHistory } from '../../src-renderer/stores/history';
import { useServices } from '../../src-renderer/stores/services';
import { codedError, connection, deferred, fakeClient, service } from './fixtures';
import { actionResult, LATEST, SEND } from './quick-actions-fixtures';
import { WriteConfirmHost } from '../../src-renderer/features/writes/WriteConfirmHost';
import { useWriteGuard } from '../../src-renderer/stores/write-guard';

const G = 'https://www.googleapis.com/auth/';
const BEFORE = connection({ scopes: ['openid', 'email', `${G}gmail.readonly`] });
const AFTER = connection({ scopes: ['openid', 'email', `${G}gmail.readonly`, `${G}gmail.send`] });
const START = { state: 'st-g', authUrl: 'https://accounts.example/auth?state=st-g', service: 'google_gmail' as const, redirectUri: 'x' };

function answer(status: number, patch: Partial<ApiResponse> = {}): ApiResponse {
  return {
    status,
    statusText: status === 200 ? 'OK' : 'Forbidden',
    headers: { 'content-type': 'application/json' },
    body: '{}',
    json: {},
    bodyEncoding: 'utf8',
    sizeBytes: 2,
    durationMs: 10,
    attempts: 1,
    refreshed: false,
    truncated: false,
    url: 'https://gmail.googleapis.com/gmail/v1/users/me/drafts',
    ...patch,
  };
}

afterEach(() => {
  cleanup();
  delete window.junction;
});
beforeEach(() => {
  window.junction = { invoke: () => Promise.reject(new Error('fake client')), onEvent: () => () => undefined };
  useHistory.setState({ entries: [] });
  useWriteGuard.setState({ pending: null, trusted: false });
  useServices.setState({ services: [service('google_gmail')], loaded: true, error: null });
  useConnections.setState({ connections: [BEFORE], loaded: true, flow: null, starting: null, outcome: null });
  useConsole.setState({
    connectionId: BEFORE.id,
    method: 'GET',
    url: '/users/me/drafts',
    query: [],
    headers: [],
    body: '',
    response: null,
  });
  useActions.setState({ descriptors: {}, listErrors: {}, tabs: {}, chosenConnection: {}, selectedAction: {}, runs: {}, paging: {} });
});

/** Answers the sign-in the test lets finish, after which connections.list shows the repaired connection. */
function signInPeer(fake: ReturnType<typeof fakeClient>) {
  const wait = deferred<Connection>();
  let list = [BEFORE];
  fake.on('oauth.start', () => START);
  fake.on('oauth.wait', () => wait.promise);
  fake.on('connections.list', () => list);
  return async () => {
    list = [AFTER];
    await act(async () => wait.resolve(AFTER));
  };
}

describe('Grant access', () => {
  it('in the console: asks for granted + missing on the same connection, then sends the same request again', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    const finish = signInPeer(fake);
    let calls = 0;
    fake.on('api.request', () =>
      ++calls === 1
        ? answer(403, { missingScopes: [`${G}gmail.send`], hint: 'Gmail refused: this connection lacks gmail.send. Use Grant access.' })
        : answer(200),
    );
    render(<ConsoleView />);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByText(/This connection lacks gmail.send/)).textContent).toContain('Grant access signs in again');

    await user.click(screen.getByRole('button', { name: 'Grant access' }));
    expect(fake.calls.find((c) => c.channel === 'oauth.start')?.payload).toEqual({
      service: 'google_gmail',
      scopes: ['openid', 'email', `${G}gmail.readonly`, `${G}gmail.send`],
    });
    expect(await screen.findByText('Continue in your browser')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Grant access' })).toBeNull();
    await finish();
    expect(await screen.findByText(/Access granted to the same connection/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Send again' }));
    expect(await screen.findByText('200 OK')).toBeTruthy();
    const sent = fake.calls.filter((c) => c.channel === 'api.request').map((c) => c.payload as { connectionId: string; url: string });
    expect(sent.map((p) => [p.connectionId, p.url])).toEqual([
      [BEFORE.id, '/users/me/drafts'],
      [BEFORE.id, '/users/me/drafts'],
    ]);
    expect(screen.queryByText(/Grant access/)).toBeNull();
  });

  it('says so when the person unticked the box again, and keeps a failed sign-in in words', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    fake.on('api.request', () => answer(403, { missingScopes: [`${G}gmail.send`] }));
    fake.on('oauth.start', () => START);
    fake.on('oauth.wait', () => {
      throw codedError('access_denied', 'You declined access to Gmail.');
    });
    fake.on('connections.list', () => [BEFORE]);
    render(<ConsoleView />);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await user.click(await screen.findByRole('button', { name: 'Grant access' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You declined access to Gmail.');
    expect(screen.getByRole('button', { name: 'Grant access' })).toBeTruthy();

    fake.on('oauth.wait', () => BEFORE);
    await user.click(screen.getByRole('button', { name: 'Grant access' }));
    expect((await screen.findByText(/still not granted/)).textContent).toContain('gmail.send was still not granted');
  });

  it('on a quick action refused for a missing scope: the same button instead of only an error, then Run again', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    const finish = signInPeer(fake);
    fake.on('actions.list', () => [LATEST]);
    const done: ActionResult = actionResult();
    let runs = 0;
    fake.on('actions.run', () => {
      if (++runs === 1) {
        throw Object.assign(codedError('access_denied', 'Gmail answered that this connection lacks a scope.'), {
          missingScopes: [`${G}gmail.send`],
        });
      }
      return done;
    });
    render(<QuickActionsView service="google_gmail" />);
    await user.clear(await screen.findByLabelText('How many messages'));
    await user.type(screen.getByLabelText('How many messages'), '3');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const offer = await screen.findByText(/Gmail answered that this connection lacks a scope/);
    expect(offer.textContent).toContain('Grant access signs in again');
    expect(screen.queryByRole('alert')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Grant access' }));
    await finish();
    await user.click(await screen.findByRole('button', { name: 'Run again' }));
    await screen.findByRole('table', { name: /Latest messages/ });
    const payloads = fake.calls
      .filter((c) => c.channel === 'actions.run')
      .map((c) => c.payload as { connectionId: string; params: unknown });
    expect(payloads).toHaveLength(2);
    expect(payloads[1]).toMatchObject({ connectionId: BEFORE.id, params: payloads[0]?.params });
    expect(payloads[1]?.params).toMatchObject({ maxResults: 3 });
  });

  it('Run again of a writing action refused for a missing scope asks again before it runs', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    const finish = signInPeer(fake);
    fake.on('actions.list', () => [SEND]);
    let runs = 0;
    fake.on('actions.run', () => {
      if (++runs === 1) {
        throw Object.assign(codedError('access_denied', 'Gmail answered that this connection lacks a scope.'), {
          missingScopes: [`${G}gmail.send`],
        });
      }
      return actionResult({ actionId: SEND.id });
    });
    useConnections.setState({ connections: [AFTER] });
    render(
      <>
        <QuickActionsView service="google_gmail" />
        <WriteConfirmHost />
      </>,
    );
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    await user.click(await screen.findByRole('button', { name: 'Yes, run it' }));
    await screen.findByText(/Gmail answered that this connection lacks a scope/);
    await user.click(screen.getByRole('button', { name: 'Grant access' }));
    await finish();
    await user.click(await screen.findByRole('button', { name: 'Run again' }));
    expect(await screen.findByRole('alertdialog', { name: /Send a message to myself/ })).toBeTruthy();
    expect(runs).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Yes, run it' }));
    await screen.findByRole('table', { name: /Send a message to myself/ });
    expect(runs).toBe(2);
  });
});
