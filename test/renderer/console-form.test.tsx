import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src-shared/types';
import { ConsoleView } from '../../src-renderer/features/console/ConsoleView';
import { useConnections } from '../../src-renderer/stores/connections';
import { useConsole } from '../../src-renderer/stores/console';
import { HISTORY_KEY, useHistory } from '../../src-renderer/stores/history';
import { useSaved } from '../../src-renderer/stores/saved';
import { useServices } from '../../src-renderer/stores/services';
import { useWriteGuard } from '../../src-renderer/stores/write-guard';
import { WriteConfirmHost } from '../../src-renderer/features/writes/WriteConfirmHost';
import { codedError, connection, fakeClient, service } from './fixtures';

const CONNECTION = connection();

function response(patch: Partial<ApiResponse> = {}): ApiResponse {
  const json = { emailAddress: 'alice@example.com', messagesTotal: 42 };
  return {
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(json),
    json,
    bodyEncoding: 'utf8',
    sizeBytes: 50,
    durationMs: 123,
    attempts: 1,
    refreshed: true,
    truncated: false,
    url: 'https://gmail.googleapis.com/gmail/v1/users/me/profile',
    ...patch,
  };
}

afterEach(cleanup);

beforeEach(() => {
  localStorage.clear();
  useHistory.setState({ entries: [] });
  useWriteGuard.setState({ pending: null, trusted: false });
  // Saved requests have tests of their own (saved-requests.test.tsx): none here, and none to load.
  useSaved.setState({ items: [], loaded: true, message: null });
  useServices.setState({ services: [service('google_gmail')], loaded: true, error: null });
  useConnections.setState({ connections: [CONNECTION], loaded: true });
  useConsole.setState({
    connectionId: null,
    method: 'GET',
    url: '',
    query: [],
    headers: [],
    body: '',
    response: null,
    error: null,
    sending: false,
    requestId: null,
    formError: null,
    inFlight: null,
  });
});

describe('console form', () => {
  it('fills the form from a preset and shows the service’s API base', async () => {
    const user = userEvent.setup();
    render(<ConsoleView />);
    await user.selectOptions(screen.getByLabelText('Connection'), CONNECTION.id);
    expect(screen.getByText('https://gmail.googleapis.com/gmail/v1')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Preset'), 'gmail-messages');
    // The URL shows the parameter rows' query string; what is sent is the path plus the rows.
    expect((screen.getByLabelText('URL') as HTMLInputElement).value).toBe('/users/me/messages?maxResults=10');
    expect((screen.getByLabelText('Query parameters 1 name') as HTMLInputElement).value).toBe('maxResults');
    expect((screen.getByLabelText('Query parameters 1 value') as HTMLInputElement).value).toBe('10');

    await user.selectOptions(screen.getByLabelText('Preset'), 'gmail-send-self');
    expect((screen.getByLabelText('Method') as HTMLSelectElement).value).toBe('POST');
    // The message reads as fields, not as base64; the JSON is one click away.
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('alice@example.com');
    expect((screen.getByLabelText('Subject') as HTMLInputElement).value).toBe('Hello from Junction');
    expect((screen.getByLabelText('Text') as HTMLTextAreaElement).value).toMatch(/^Sent from Junction at /);
    await user.click(screen.getByRole('button', { name: /Edit as JSON/ }));
    const body = JSON.parse((screen.getByLabelText('Body (JSON)') as HTMLTextAreaElement).value) as { raw: string };
    const decoded = atob(body.raw.replace(/-/g, '+').replace(/_/g, '/'));
    expect(decoded).toContain('To: alice@example.com');
  });

  it('flags invalid JSON and refuses to send it', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    render(<ConsoleView />);
    await user.selectOptions(screen.getByLabelText('Connection'), CONNECTION.id);
    await user.selectOptions(screen.getByLabelText('Method'), 'POST');
    await user.clear(screen.getByLabelText('URL'));
    await user.type(screen.getByLabelText('URL'), '/users/me/messages/send');
    const body = screen.getByLabelText('Body (JSON)');
    await user.type(body, '{{"raw": ');
    expect(body.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/not valid JSON/);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(fake.calls.filter((c) => c.channel === 'api.request')).toHaveLength(0);
    expect(screen.getAllByRole('alert').some((a) => /not valid JSON/.test(a.textContent ?? ''))).toBe(true);
  });

  it('sends with Ctrl+Enter: query and header rows, parsed JSON body; shows the response and keeps a redacted history', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    fake.on('api.request', () => response());
    render(
      <>
        <ConsoleView />
        <WriteConfirmHost />
      </>,
    );
    await user.selectOptions(screen.getByLabelText('Connection'), CONNECTION.id);
    await user.selectOptions(screen.getByLabelText('Method'), 'PATCH');
    await user.clear(screen.getByLabelText('URL'));
    await user.type(screen.getByLabelText('URL'), 'users/me/settings');
    await user.click(screen.getByRole('button', { name: 'Add parameter' }));
    await user.type(screen.getByLabelText('Query parameters 1 name'), 'fields');
    await user.type(screen.getByLabelText('Query parameters 1 value'), 'id');
    await user.click(screen.getByRole('button', { name: 'Add header' }));
    await user.type(screen.getByLabelText('Headers 1 name'), 'Authorization');
    await user.type(screen.getByLabelText('Headers 1 value'), 'Bearer secret-typed-by-hand');
    await user.click(screen.getByRole('button', { name: 'Add header' }));
    await user.type(screen.getByLabelText('Headers 2 name'), 'X-Off');
    await user.click(screen.getByLabelText('Send header 2'));
    await user.click(screen.getByLabelText('Body (JSON)'));
    await user.paste('{"a": [1, 2]}');
    await user.keyboard('{Control>}{Enter}{/Control}');

    // A PATCH asks first: method, URL and the body in words, the safe choice focused.
    const dialog = await screen.findByRole('alertdialog', { name: 'Send PATCH as alice@example.com?' });
    expect(within(dialog).getByText('PATCH https://gmail.googleapis.com/gmail/v1/users/me/settings?fields=id')).toBeTruthy();
    expect(within(dialog).getByText('[1,2]')).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Cancel');
    expect(fake.calls.filter((c) => c.channel === 'api.request')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, send it' }));

    await screen.findByText('200 OK');
    const sent = fake.calls.find((c) => c.channel === 'api.request')?.payload;
    expect(sent).toMatchObject({
      connectionId: CONNECTION.id,
      method: 'PATCH',
      url: 'users/me/settings',
      query: { fields: 'id' },
      headers: { Authorization: 'Bearer secret-typed-by-hand' },
      body: { a: [1, 2] },
    });
    expect(typeof (sent as { requestId: unknown }).requestId).toBe('string');
    expect(screen.getByText('token refreshed')).toBeTruthy();
    expect(screen.getByText('123 ms')).toBeTruthy();

    const stored = localStorage.getItem(HISTORY_KEY) ?? '';
    expect(stored).toContain('[redacted]');
    expect(stored).not.toContain('secret-typed-by-hand');
    expect(useHistory.getState().entries[0]?.outcome).toMatchObject({ kind: 'response', status: 200 });
  });

  it('says how long a response waited for the rate limit, and nothing when it did not wait', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    const answers = [response({ waitedMs: 3_240, attempts: 2 }), response()];
    fake.on('api.request', () => answers.shift() ?? response());
    render(<ConsoleView />);
    await user.selectOptions(screen.getByLabelText('Connection'), CONNECTION.id);
    await user.clear(screen.getByLabelText('URL'));
    await user.type(screen.getByLabelText('URL'), 'users/me/profile');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByText('waited 3.2 s for the rate limit')).toBeTruthy();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(screen.queryByText(/for the rate limit/)).toBeNull());
  });

  it('shows a core error by its message, never [object Object]', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    fake.on('api.request', () => {
      throw codedError('host_not_allowed', 'evil.example is not a Gmail host. Use a URL on gmail.googleapis.com.');
    });
    render(<ConsoleView />);
    await user.selectOptions(screen.getByLabelText('Connection'), CONNECTION.id);
    await user.clear(screen.getByLabelText('URL'));
    await user.type(screen.getByLabelText('URL'), 'https://evil.example/x');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('evil.example is not a Gmail host. Use a URL on gmail.googleapis.com.');
  });

  it('cancels a request in flight', async () => {
    const user = userEvent.setup();
    const fake = fakeClient();
    let reject: (e: Error) => void = () => {};
    fake.on('api.request', () => new Promise<ApiResponse>((_resolve, rej) => (reject = rej)));
    fake.on('api.cancel', () => {
      reject(codedError('cancelled', 'The request was cancelled.'));
      return { cancelled: true };
    });
    render(<ConsoleView />);
    await user.selectOptions(screen.getByLabelText('Connection'), CONNECTION.id);
    await user.clear(screen.getByLabelText('URL'));
    await user.type(screen.getByLabelText('URL'), '/users/me/profile');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Request cancelled.'));
    const cancel = fake.calls.find((c) => c.channel === 'api.cancel');
    const request = fake.calls.find((c) => c.channel === 'api.request');
    expect((cancel?.payload as { requestId: string }).requestId).toBe((request?.payload as { requestId: string }).requestId);
  });

  it('picks the only connection by itself', () => {
    render(<ConsoleView />);
    expect((screen.getByLabelText('Connection') as HTMLSelectElement).value).toBe(CONNECTION.id);
  });

  it('asks which connection when there are several', async () => {
    const user = userEvent.setup();
    fakeClient();
    useConnections.setState({
      connections: [CONNECTION, connection({ id: '0d7f4c1e-2f8b-4c55-8a4a-3b1f1e2c9d10', account: { email: 'bob@example.com' } })],
    });
    render(<ConsoleView />);
    await user.clear(screen.getByLabelText('URL'));
    await user.type(screen.getByLabelText('URL'), '/x');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('alert').textContent).toBe('Pick a connection to send the request with.');
  });

  it('copies as curl with the token only for the hosts the core gives for the service', async () => {
    const user = userEvent.setup();
    useServices.setState({
      services: [service('google_gmail', { allowedOrigins: ['https://gmail.googleapis.com', 'https://www.googleapis.com'] })],
    });
    render(<ConsoleView />);
    const copied = async (url: string) => {
      await user.clear(screen.getByLabelText('URL'));
      await user.type(screen.getByLabelText('URL'), url.replace(/[{[]/g, '$&$&'));
      await user.click(screen.getByRole('button', { name: 'Copy as curl' }));
      return navigator.clipboard.readText();
    };
    expect(await copied('https://www.googleapis.com/drive/v3/files')).toContain('-H "Authorization: Bearer $GOOGLE_TOKEN"');
    const refused = await copied('https://{www.googleapis.com,evil.example}/x');
    expect(refused).toMatch(/^# Junction would refuse this URL: \{www.googleapis.com,evil.example\} is not one/);
    expect(refused).not.toContain('$GOOGLE_TOKEN');
    expect(refused).toContain('curl --globoff ');
  });
});
