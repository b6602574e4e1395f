import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResponse, ConnectionPace } from '../../src-shared/types';
import { ConsoleView } from '../../src-renderer/features/console/ConsoleView';
import { useConnections } from '../../src-renderer/stores/connections';
import { useConsole } from '../../src-renderer/stores/console';
import { useHistory } from '../../src-renderer/stores/history';
import { useServices } from '../../src-renderer/stores/services';
import { connection, fakeClient, service } from './fixtures';

const CONNECTION = connection();

function pace(patch: Partial<ConnectionPace> = {}): ConnectionPace {
  return { requestsLastMinute: 3, queued: 0, inFlight: 1, nextSendAt: null, ratePerSecond: 5, ...patch };
}

/** The console's live region (Copy buttons have their own for "Copied."). */
const announcer = () => document.querySelector('.console-announcer') ?? document.body;

afterEach(cleanup);

beforeEach(() => {
  localStorage.clear();
  useHistory.setState({ entries: [] });
  useServices.setState({ services: [service('google_gmail')], loaded: true, error: null });
  useConnections.setState({ connections: [CONNECTION], loaded: true });
  useConsole.setState({
    connectionId: null,
    url: '',
    query: [],
    response: null,
    error: null,
    formError: null,
    sending: false,
    inFlight: null,
  });
});

describe('the console while it waits', () => {
  it('says which service it waits for and for which request, and that a rate limit holds it back', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    let answer: (r: ApiResponse) => void = () => {};
    fake.on('api.request', () => new Promise<ApiResponse>((resolve) => (answer = resolve)));
    fake.on('connections.pace', () => pace({ reason: 'waiting for Google’s rate limit (12 s)', queued: 1 }));
    render(<ConsoleView />);
    await user.clear(screen.getByLabelText('URL'));
    await user.type(screen.getByLabelText('URL'), '/users/me/labels?maxResults=2');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    await screen.findByText(/Waiting for Gmail to answer/);
    expect(screen.getByText(/Waiting for Gmail to answer/).textContent).toContain(
      `GET ${CONNECTION.apiBaseUrl}/users/me/labels?maxResults=2`,
    );
    await screen.findByText('Junction is waiting for Google’s rate limit (12 s) before sending it.');
    // Said once by the one live region; the waiting line itself is not live (it ticks every second).
    expect(announcer().textContent).toBe('Sending GET /users/me/labels.');
    expect(screen.getByRole('button', { name: 'Sending…' }).getAttribute('aria-disabled')).toBe('true');

    answer({
      status: 200,
      statusText: 'OK',
      headers: {},
      body: '{}',
      json: {},
      bodyEncoding: 'utf8',
      sizeBytes: 2,
      durationMs: 40,
      attempts: 1,
      refreshed: false,
      truncated: false,
      url: `${CONNECTION.apiBaseUrl}/users/me/labels?maxResults=2`,
    });
    await waitFor(() => expect(announcer().textContent).toBe('Response 200 OK, 2 B in 40 ms.'));
    expect(screen.queryByText(/Waiting for Gmail/)).toBeNull();
  });
});
