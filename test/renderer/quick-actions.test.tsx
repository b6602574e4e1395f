import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionDescriptor, ActionResult, PaginateResult } from '../../src-shared/actions';
import type { CoreEvent } from '../../src-shared/types';
import { ServiceTabs } from '../../src-renderer/features/actions/ServiceTabs';
import QuickActionsView from '../../src-renderer/features/actions/QuickActionsView';
import { useActions } from '../../src-renderer/stores/actions';
import { useConnections } from '../../src-renderer/stores/connections';
import { useServices } from '../../src-renderer/stores/services';
import { useWriteGuard } from '../../src-renderer/stores/write-guard';
import { useHistory } from '../../src-renderer/stores/history';
import { WriteConfirmHost } from '../../src-renderer/features/writes/WriteConfirmHost';
import { codedError, connection, deferred, fakeClient, service } from './fixtures';
import { actionResult as result, KINDS, LATEST, SCOPES, SEND } from './quick-actions-fixtures';

let listeners: Set<(event: CoreEvent) => void>;

beforeEach(() => {
  listeners = new Set();
  window.junction = {
    invoke: () => Promise.reject(new Error('the test answers through the fake client')),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  useServices.setState({ loaded: true, services: [service('google_gmail'), service('spotify')] });
  useConnections.setState({ connections: [connection({ scopes: SCOPES })], loaded: true });
  useWriteGuard.setState({ pending: null, trusted: false });
  useHistory.setState({ entries: [] });
  useActions.setState({ descriptors: {}, listErrors: {}, tabs: {}, chosenConnection: {}, selectedAction: {}, runs: {}, paging: {} });
});

afterEach(() => {
  cleanup();
  delete window.junction;
});

function emit(event: CoreEvent) {
  act(() => {
    for (const listener of [...listeners]) listener(event);
  });
}

function setup(descriptors: ActionDescriptor[] = [LATEST, SEND]) {
  const fake = fakeClient();
  fake.on('actions.list', () => descriptors);
  fake.on('connections.list', () => useConnections.getState().connections);
  return fake;
}

describe('quick actions', () => {
  it('opens as a tab of the service, loaded on demand, and says to connect first without an account', async () => {
    const user = userEvent.setup();
    setup();
    useConnections.setState({ connections: [] });
    render(
      <ServiceTabs service="google_gmail">
        <p>the accounts view</p>
      </ServiceTabs>,
    );
    expect(screen.getByText('the accounts view')).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'Quick actions' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Gmail quick actions' })).toBeTruthy();
    expect((await screen.findByText(/Connect a Gmail account first/)).textContent).toContain('its quick actions run as that account');
    await user.click(screen.getByRole('button', { name: 'Go to Accounts' }));
    expect(screen.getByRole('tab', { name: 'Accounts' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('the accounts view')).toBeTruthy();
  });

  it('runs a read action with its defaults and shows a captioned table, JSON one click away', async () => {
    const user = userEvent.setup();
    const fake = setup();
    fake.on('actions.run', () => result());
    render(<QuickActionsView service="google_gmail" />);
    expect(await screen.findByRole('heading', { name: 'Latest messages' })).toBeTruthy();
    expect((screen.getByLabelText('How many messages') as HTMLInputElement).value).toBe('10');
    expect(screen.getByLabelText('Gmail search').getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText('E.g. "is:unread" or "from:alice"')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Run' }));

    const table = await screen.findByRole('table', { name: /Latest messages/ });
    expect(fake.calls.find((c) => c.channel === 'actions.run')?.payload).toMatchObject({
      connectionId: connection().id,
      actionId: 'gmail.latest_messages',
      params: { maxResults: 10 },
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['From', 'Subject', 'Date']);
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('Compilers')).toBeTruthy();
    expect(within(table).getByText('empty')).toBeTruthy();
    expect(table.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-20T09:00:00.000Z');
    expect(screen.getByText('2 of about 2 messages')).toBeTruthy();
    expect(screen.getByText(/3 requests · 42 ms · as alice@example.com/)).toBeTruthy();

    const toggle = screen.getByRole('button', { name: 'JSON' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await user.click(toggle);
    await user.click(await screen.findByRole('button', { name: 'Expand 0, 2 keys' }));
    expect(screen.getByText('"About compilers"')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    await user.click(toggle);
    expect(screen.getByRole('table', { name: /Latest messages/ })).toBeTruthy();
  });

  it('asks before a write, and runs it only when confirmed', async () => {
    const user = userEvent.setup();
    const fake = setup();
    fake.on('actions.run', () =>
      result({
        actionId: 'gmail.send_to_self',
        columns: [{ key: 'to', label: 'To' }],
        rows: [{ to: 'alice@example.com' }],
        summary: 'Sent.',
        calls: [
          {
            method: 'POST',
            url: '/users/me/messages/send',
            headers: { 'content-type': 'application/json' },
            body: '{"raw":"VG8"}',
            status: 200,
            statusText: 'OK',
            durationMs: 12,
            sizeBytes: 40,
          },
        ],
      }),
    );
    render(
      <>
        <QuickActionsView service="google_gmail" />
        <WriteConfirmHost />
      </>,
    );
    await user.click(await screen.findByRole('button', { name: /Send a message to myself/ }));
    const subject = screen.getByLabelText('Subject');
    await user.clear(subject);
    await user.type(subject, 'Hi me');
    expect(screen.getByLabelText('Text').tagName).toBe('TEXTAREA');
    await user.click(screen.getByRole('button', { name: 'Run' }));

    let dialog = screen.getByRole('alertdialog', { name: 'Run “Send a message to myself” as alice@example.com?' });
    expect(within(dialog).getByText('Hi me')).toBeTruthy();
    // The request it sends, on this connection's API base; a value it learns on the way stays a named blank.
    expect(within(dialog).getByText('POST https://gmail.googleapis.com/gmail/v1/users/{userId}/messages/send')).toBeTruthy();
    // The safe choice has focus, and Tab stays inside the box.
    expect(document.activeElement?.textContent).toBe('Cancel');
    await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.tab();
    await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.calls.some((c) => c.channel === 'actions.run')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Run' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Run' }));
    dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Yes, run it' }));
    expect(await screen.findByRole('table', { name: /Send a message to myself/ })).toBeTruthy();
    expect(fake.calls.filter((c) => c.channel === 'actions.run').map((c) => (c.payload as { params: unknown }).params)).toEqual([
      { subject: 'Hi me', text: 'Sent with Junction.' },
    ]);
    // Its request is in History under the action's name, ready to re-run or copy.
    expect(useHistory.getState().entries.map((e) => [e.action, e.request.method, e.request.url, e.request.body])).toEqual([
      ['Send a message to myself', 'POST', '/users/me/messages/send', '{\n  "raw": "VG8"\n}'],
    ]);
  });

  it('draws every kind of field, labelled, and points at the first problem', async () => {
    const user = userEvent.setup();
    const fake = setup([KINDS]);
    fake.on('actions.run', () => result({ actionId: 'gmail.kinds' }));
    render(<QuickActionsView service="google_gmail" />);
    await screen.findByRole('heading', { name: 'Every kind' });
    expect((screen.getByRole('combobox', { name: /Format/ }) as HTMLSelectElement).value).toBe('full');
    expect((screen.getByRole('checkbox', { name: 'Include spam' }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('spinbutton', { name: 'Count' }) as HTMLInputElement).value).toBe('2');
    expect(screen.getByLabelText('Body').tagName).toBe('TEXTAREA');
    expect(screen.getByLabelText('Start').getAttribute('type')).toBe('datetime-local');

    const count = screen.getByRole('spinbutton', { name: 'Count' });
    await user.clear(count);
    await user.type(count, '9');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const label = screen.getByLabelText(/Label name/);
    expect(document.activeElement).toBe(label);
    expect(label.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Label name is required.')).toBeTruthy();
    expect(screen.getByText('Count must be at most 5.')).toBeTruthy();
    expect(fake.calls.some((c) => c.channel === 'actions.run')).toBe(false);

    await user.type(label, 'Work');
    await user.clear(count);
    await user.type(count, '3');
    await user.selectOptions(screen.getByRole('combobox', { name: /Format/ }), 'minimal');
    await user.click(screen.getByRole('checkbox', { name: 'Include spam' }));
    await user.type(screen.getByLabelText('Start'), '2026-11-24T10:30');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByRole('table');
    const params = (fake.calls.find((c) => c.channel === 'actions.run')?.payload as { params: Record<string, unknown> }).params;
    expect(params).toMatchObject({ label: 'Work', format: 'minimal', includeSpam: true, count: 3 });
    expect(params.start).toMatch(/^2026-11-24T10:30:00[+-]\d\d:\d\d$/);
    expect(params).not.toHaveProperty('body');
  });

  it('shows the core’s words for a failure and a way to the connection, and warns of a missing scope up front', async () => {
    const user = userEvent.setup();
    useConnections.setState({ connections: [connection({ scopes: ['openid', 'email'] })] });
    const fake = setup();
    fake.on('actions.run', () => {
      throw codedError(
        'access_denied',
        '"Latest messages" needs the scope https://www.googleapis.com/auth/gmail.readonly, which this connection was not granted.',
      );
    });
    render(<QuickActionsView service="google_gmail" />);
    // Checked up front from the descriptor, with Grant access offered at once.
    expect((await screen.findByText(/This connection lacks gmail.readonly/)).textContent).toContain('Grant access signs in again');
    expect(screen.getByRole('button', { name: 'Grant access' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('needs the scope https://www.googleapis.com/auth/gmail.readonly');
    expect(within(alert).getByRole('button', { name: 'Open the connection' })).toBeTruthy();
  });

  it('can stop a running action', async () => {
    const user = userEvent.setup();
    const fake = setup();
    const run = deferred<ActionResult>();
    fake.on('actions.run', () => run.promise);
    fake.on('api.cancel', () => {
      run.reject(codedError('cancelled', 'Cancelled.'));
      return { cancelled: true };
    });
    render(<QuickActionsView service="google_gmail" />);
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    expect(screen.getByText(/Running “Latest messages” as alice@example.com/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Running…' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    const requestId = (fake.calls.find((c) => c.channel === 'actions.run')?.payload as { requestId: string }).requestId;
    expect(fake.calls.find((c) => c.channel === 'api.cancel')?.payload).toEqual({ requestId });
    expect((await screen.findByRole('alert')).textContent).toContain('Stopped before it finished.');
  });

  it('fetches every page with a labelled progress bar that follows the core’s events, and can cancel', async () => {
    const user = userEvent.setup();
    useServices.setState({ services: [service('spotify')] });
    useConnections.setState({
      connections: [
        connection({
          id: '0b7f1c2e-0000-4000-8000-000000000001',
          service: 'spotify',
          provider: 'spotify',
          scopes: ['playlist-read-private'],
        }),
      ],
    });
    const fake = setup([]);
    const paging = deferred<PaginateResult>();
    fake.on('api.paginate', () => paging.promise);
    fake.on('api.cancel', () => ({ cancelled: true }));
    render(<QuickActionsView service="spotify" />);
    expect(await screen.findByText('Spotify has no quick actions yet.')).toBeTruthy();
    await user.clear(screen.getByLabelText('Items per page'));
    await user.type(screen.getByLabelText('Items per page'), '60');
    expect(screen.getByText('Pick a whole number of items per page from 1 to 50.')).toBeTruthy();
    await user.clear(screen.getByLabelText('Items per page'));
    await user.type(screen.getByLabelText('Items per page'), '20');
    await user.clear(screen.getByLabelText('At most this many pages'));
    await user.type(screen.getByLabelText('At most this many pages'), '5');
    await user.click(screen.getByRole('button', { name: 'Fetch every page' }));
    const payload = fake.calls.find((c) => c.channel === 'api.paginate')?.payload as { requestId: string };
    expect(payload).toMatchObject({ url: '/me/playlists', query: { limit: '20' }, maxPages: 5 });

    expect(screen.getByRole('progressbar', { name: 'Waiting for the first page…' })).toBeTruthy();
    emit({ type: 'api.progress', requestId: 'someone-else', pages: 4, items: 200 });
    emit({ type: 'api.progress', requestId: payload.requestId, pages: 2, items: 100 });
    const bar = screen.getByRole('progressbar', { name: 'Page 2 of at most 5 · 100 items so far' }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([2, 5]);
    // A rate limit holds the next page: the wait shows, and goes when a page arrives.
    emit({
      type: 'api.progress',
      requestId: payload.requestId,
      pages: 2,
      items: 100,
      waitingMs: 12_000,
      reason: "waiting for Spotify's rate limit (12 s)",
    });
    expect(screen.getByRole('status').textContent).toBe("Waiting for Spotify's rate limit (12 s); the run goes on after it.");
    emit({ type: 'api.progress', requestId: payload.requestId, pages: 2, items: 100 });
    expect(screen.queryByText(/rate limit/)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.calls.find((c) => c.channel === 'api.cancel')?.payload).toEqual({ requestId: payload.requestId });
    expect(screen.getByRole('button', { name: 'Stopping…' })).toBeTruthy();
    const items = Array.from({ length: 100 }, (_, i) => ({
      id: `p${i}`,
      name: `Playlist ${i}`,
      owner: { display_name: 'Ada' },
      tracks: { total: i },
    }));
    await act(async () =>
      paging.resolve({ requestId: payload.requestId, pages: 2, items, capped: false, cancelled: true, itemsKey: 'items' }),
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText(/100 items from 2 pages \(stopped when you cancelled\)/)).toBeTruthy();
    const table = screen.getByRole('table', { name: /My playlists/ });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'Id', 'Owner', 'Tracks']);
    expect(within(table).getAllByRole('row')[1]?.textContent).toBe('Playlist 0p0Ada0');
    expect(listeners.size).toBe(0);
  });
});
