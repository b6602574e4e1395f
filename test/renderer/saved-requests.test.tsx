// Saved requests in the window: the star in the console and on history rows, the saved list
// beside the presets (load, rename, delete), export and import, and Copy as… in each language.
// The core is a fake client answering like the real one (its own tests: test/core/saved-requests).
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SavedRequest } from '../../src-shared/saved';
import { ConsoleView } from '../../src-renderer/features/console/ConsoleView';
import { HistoryView } from '../../src-renderer/features/history/HistoryView';
import { useConnections } from '../../src-renderer/stores/connections';
import { useConsole } from '../../src-renderer/stores/console';
import { useHistory } from '../../src-renderer/stores/history';
import { useSaved } from '../../src-renderer/stores/saved';
import { useServices } from '../../src-renderer/stores/services';
import { codedError, connection, fakeClient, service } from './fixtures';

const CONNECTION = connection();
const form = (url: string) => ({ method: 'GET' as const, url, query: [], headers: [], body: '' });
const saved = (patch: Partial<SavedRequest>): SavedRequest => ({
  id: '11111111-1111-4111-8111-111111111111',
  service: 'google_gmail',
  name: 'Labels',
  request: form('/users/me/labels'),
  createdAt: 1,
  updatedAt: 1,
  ...patch,
});

let fake: ReturnType<typeof fakeClient>;
let list: SavedRequest[];

afterEach(cleanup);

beforeEach(() => {
  localStorage.clear();
  list = [saved({}), saved({ id: '22222222-2222-4222-8222-222222222222', service: 'spotify', name: 'Me', request: form('/me') })];
  fake = fakeClient();
  fake.on('saved.list', () => list);
  useSaved.setState({ items: [], loaded: false, message: null });
  useHistory.setState({ entries: [] });
  useServices.setState({ services: [service('google_gmail'), service('spotify')], loaded: true, error: null });
  useConnections.setState({ connections: [CONNECTION], loaded: true });
  useConsole.setState({
    connectionId: CONNECTION.id,
    method: 'GET',
    url: '',
    query: [],
    headers: [],
    body: '',
    response: null,
    error: null,
  });
});

describe('saved requests in the console', () => {
  it('lists the service’s saved requests beside the presets and loads one into the form', async () => {
    const user = userEvent.setup();
    render(<ConsoleView />);
    const picker = await screen.findByLabelText('Saved');
    await waitFor(() =>
      expect(
        within(picker)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Load a saved request…', 'Labels']),
    );
    await user.selectOptions(picker, 'Labels');
    expect((screen.getByLabelText('URL') as HTMLInputElement).value).toBe('/users/me/labels');
  });

  it('stars the form under a name (Enter saves, it does not send)', async () => {
    const user = userEvent.setup();
    fake.on('saved.save', (p) => saved({ id: '33333333-3333-4333-8333-333333333333', name: p.name.trim(), request: p.request }));
    render(<ConsoleView />);
    await user.type(screen.getByLabelText('URL'), '/users/me/profile');
    await user.click(screen.getByRole('button', { name: '☆ Save…' }));
    const name = screen.getByLabelText('Name') as HTMLInputElement;
    expect(name.value).toBe('GET /users/me/profile');
    await user.clear(name);
    await user.type(name, 'My profile{Enter}');
    await screen.findByText('Saved as “My profile”.');
    const call = fake.calls.find((c) => c.channel === 'saved.save');
    expect(call?.payload).toEqual({ service: 'google_gmail', name: 'My profile', request: form('/users/me/profile') });
    expect(fake.calls.some((c) => c.channel === 'api.request')).toBe(false);
    expect(screen.getByText('Saved requests (2)')).toBeTruthy();
  });

  it('renames and deletes from the list', async () => {
    const user = userEvent.setup();
    fake.on('saved.rename', (p) => saved({ name: p.name }));
    fake.on('saved.delete', () => ({ deleted: true }));
    render(<ConsoleView />);
    await user.click(await screen.findByText('Saved requests (1)'));
    await user.click(screen.getByRole('button', { name: 'Rename Labels' }));
    const field = screen.getByLabelText('New name for Labels');
    await user.clear(field);
    await user.type(field, 'All labels');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    await screen.findByText('Renamed to “All labels”.');
    await user.click(screen.getByRole('button', { name: 'Delete All labels' }));
    await screen.findByText('Deleted “All labels”.');
    expect(screen.getByText('Saved requests (0)')).toBeTruthy();
  });

  it('a damaged import says what the core said, and the list stays', async () => {
    const user = userEvent.setup();
    fake.on('saved.import', () => {
      throw codedError(
        'invalid_input',
        'This file is not JSON, so it may be damaged. Nothing was imported; your saved requests are as they were.',
      );
    });
    render(<ConsoleView />);
    await user.click(await screen.findByText('Saved requests (1)'));
    await user.upload(
      screen.getByLabelText('Import saved requests from a file'),
      new File(['{"format":'], 'broken.json', { type: 'application/json' }),
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Nothing was imported');
    expect(fake.calls.find((c) => c.channel === 'saved.import')?.payload).toEqual({ text: '{"format":' });
    expect(screen.getByRole('button', { name: 'Load Labels' })).toBeTruthy();
  });

  it('refuses a file over 1 MiB without reading it into the core', async () => {
    const user = userEvent.setup();
    render(<ConsoleView />);
    await user.click(await screen.findByText('Saved requests (1)'));
    const big = new File(['x'.repeat(1024 * 1024 + 1)], 'big.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText('Import saved requests from a file'), big);
    expect((await screen.findByRole('alert')).textContent).toContain('over 1 MiB');
    expect(fake.calls.some((c) => c.channel === 'saved.import')).toBe(false);
  });

  it('exports through the core and says where', async () => {
    const user = userEvent.setup();
    fake.on('saved.export', () => ({ saved: true, fileName: 'mine.json', count: 1 }));
    render(<ConsoleView />);
    await user.click(await screen.findByText('Saved requests (1)'));
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    await screen.findByText('Exported 1 saved request to mine.json.');
    expect(fake.calls.find((c) => c.channel === 'saved.export')?.payload).toEqual({ service: 'google_gmail' });
  });
});

describe('Copy as… in the console', () => {
  it.each([
    ['Python requests', `os.environ['GOOGLE_TOKEN']`],
    ['JavaScript fetch', `'Bearer $GOOGLE_TOKEN'`],
    ['Node', `import { auth, gmail } from '@googleapis/gmail';`],
    ['HTTPie', `Authorization:"Bearer $GOOGLE_TOKEN"`],
    ['curl', `-H "Authorization: Bearer $GOOGLE_TOKEN"`],
  ])('%s', async (label, expected) => {
    const user = userEvent.setup();
    render(<ConsoleView />);
    await user.type(screen.getByLabelText('URL'), '/users/me/profile');
    await user.selectOptions(screen.getByLabelText('Snippet language'), label);
    await user.click(screen.getByRole('button', { name: `Copy as ${label}` }));
    expect(await navigator.clipboard.readText()).toContain(expected);
  });
});

describe('saved requests from history', () => {
  it('a history row is saved under its own service', async () => {
    const user = userEvent.setup();
    fake.on('saved.save', (p) => saved({ name: p.name, service: p.service, request: p.request }));
    useHistory.setState({
      entries: [
        {
          id: 'h1',
          at: Date.now(),
          connectionId: 'gone',
          service: 'spotify',
          account: 'alice',
          apiBaseUrl: 'https://api.spotify.com/v1',
          request: form('/me/playlists'),
          outcome: { kind: 'response', status: 200, statusText: 'OK', durationMs: 5, sizeBytes: 10 },
        },
      ],
    });
    render(<HistoryView />);
    await user.click(screen.getByRole('button', { name: '☆ Save…' }));
    await user.type(screen.getByLabelText('Name'), '!{Enter}');
    await screen.findByText('Saved as “GET /me/playlists!”.');
    expect(fake.calls.find((c) => c.channel === 'saved.save')?.payload).toMatchObject({ service: 'spotify', name: 'GET /me/playlists!' });
  });
});
