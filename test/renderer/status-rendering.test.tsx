import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceStatus } from '../../src-renderer/features/services/status';
import { Sidebar } from '../../src-renderer/features/services/Sidebar';
import { useConnections } from '../../src-renderer/stores/connections';
import { useServices } from '../../src-renderer/stores/services';
import { connection, service } from './fixtures';

afterEach(cleanup);

describe('service status', () => {
  const gmail = service('google_gmail');
  it.each([
    ['not set up', service('google_gmail', { configured: false }), [], 'Not set up'],
    ['not connected', gmail, [], 'Not connected'],
    ['connected', gmail, [connection()], 'Connected · alice@example.com'],
    ['needs re-auth', gmail, [connection({ status: 'needs_reauth' })], 'Needs re-auth · alice@example.com'],
    ['several accounts', gmail, [connection(), connection({ id: 'x2', account: { email: 'bob@example.com' } })], 'Connected · 2 accounts'],
    [
      'several, one broken',
      gmail,
      [connection(), connection({ id: 'x2', status: 'needs_reauth', account: { email: 'bob@example.com' } })],
      '2 accounts · 1 needs re-auth',
    ],
    ['display name without email', gmail, [connection({ account: { displayName: 'DJ Alice' } })], 'Connected · DJ Alice'],
  ])('%s', (_name, svc, conns, label) => {
    expect(serviceStatus(svc, conns).label).toBe(label);
  });

  it('ignores connections of other services', () => {
    expect(serviceStatus(gmail, [connection({ service: 'spotify' })]).label).toBe('Not connected');
  });
});

describe('sidebar', () => {
  beforeEach(() => {
    useServices.setState({
      loaded: true,
      error: null,
      services: [
        service('google_gmail'),
        service('google_calendar', { configured: false }),
        service('google_drive'),
        service('google_docs', { configured: false }),
        service('spotify'),
      ],
    });
    useConnections.setState({
      loaded: true,
      connections: [
        connection(),
        connection({ id: 'c2', account: { email: 'bob@example.com' } }),
        connection({ id: 'c3', service: 'spotify', provider: 'spotify', status: 'needs_reauth', account: { displayName: 'DJ Alice' } }),
      ],
    });
  });

  it('lists every service with its status and its accounts under it', () => {
    render(<Sidebar />);
    const list = screen.getByRole('list', { name: 'Services' });
    const items = within(list).getAllByRole('button');
    const texts = items.map((b) => b.textContent);
    expect(texts).toEqual([
      'GmailConnected · 2 accounts',
      'alice@example.comConnected',
      'bob@example.comConnected',
      'CalendarNot set up',
      'DriveNot connected',
      'DocsNot set up',
      'SpotifyNeeds re-auth · DJ Alice',
      'DJ AliceNeeds re-auth',
    ]);
    expect(within(screen.getByRole('list', { name: 'Gmail accounts' })).getAllByRole('listitem')).toHaveLength(2);
  });

  it('marks the current view and shows a load error by its message', () => {
    useServices.setState({ error: 'Junction could not reach its main process. Restart the app.' });
    render(<Sidebar />);
    expect(screen.getByRole('alert').textContent).toBe('Junction could not reach its main process. Restart the app.');
    expect(screen.getByRole('button', { name: /Gmail/ }).getAttribute('aria-current')).toBe('page');
  });
});
