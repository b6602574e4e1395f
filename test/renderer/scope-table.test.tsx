// Granted versus asked: every scope in words, granted or not (the person can untick boxes on
// Google's consent screen), and the quick actions that need it.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionDetail } from '../../src-renderer/features/connect/ConnectionDetail';
import { useActions } from '../../src-renderer/stores/actions';
import { useConnections } from '../../src-renderer/stores/connections';
import { useServices } from '../../src-renderer/stores/services';
import { connection, fakeClient, service } from './fixtures';
import { LATEST, SEND } from './quick-actions-fixtures';

const G = 'https://www.googleapis.com/auth/';
const GMAIL = service('google_gmail', {
  scopes: ['openid', 'email', `${G}gmail.readonly`, `${G}gmail.send`],
  optionalScopes: [{ scope: `${G}gmail.labels`, description: 'Manage labels' }],
  scopeInfo: [
    { scope: 'openid', description: 'Know who you are at the provider' },
    { scope: 'email', description: 'See your email address' },
    { scope: `${G}gmail.readonly`, description: 'Read your email and its settings' },
    { scope: `${G}gmail.send`, description: 'Send email as you' },
    { scope: `${G}gmail.labels`, description: 'Manage labels' },
  ],
});

afterEach(cleanup);
beforeEach(() => {
  useServices.setState({ loaded: true, services: [GMAIL] });
  useActions.setState({ descriptors: {}, listErrors: {} });
});

function rowTexts(): string[][] {
  const table = screen.getByRole('table', { name: 'Access: granted versus asked' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent ?? ''),
    );
}

describe('granted versus asked', () => {
  it('lists each scope with its meaning, whether it was granted, and the actions that need it', async () => {
    const fake = fakeClient();
    fake.on('actions.list', () => [LATEST, SEND]);
    // The person unticked "Send email as you" at consent.
    useConnections.setState({ loaded: true, connections: [connection({ scopes: ['openid', 'email', `${G}gmail.readonly`] })] });
    render(<ConnectionDetail id={connection().id} />);
    await screen.findByText('Latest messages');
    expect(fake.calls.filter((c) => c.channel === 'actions.list')).toEqual([
      { channel: 'actions.list', payload: { service: 'google_gmail' } },
    ]);
    expect(rowTexts()).toEqual([
      ['Know who you are at the provider', 'openid', 'Granted', 'none'],
      ['See your email address', 'email', 'Granted', 'none'],
      ['Read your email and its settings', 'gmail.readonly', 'Granted', 'Latest messages'],
      ['Send email as you', 'gmail.send', 'Asked, not granted', 'Send a message to myself'],
      ['Manage labels', 'gmail.labels', 'Not granted (optional)', 'none'],
    ]);
  });

  it('adds a scope granted beyond what was asked, and one only an action needs, by its name when no meaning is known', async () => {
    const fake = fakeClient();
    fake.on('actions.list', () => [{ ...SEND, scopes: [['gmail.compose']] }]);
    useConnections.setState({ loaded: true, connections: [connection({ scopes: ['openid', 'email', 'https://mail.google.com/'] })] });
    render(<ConnectionDetail id={connection().id} />);
    await screen.findByText('Send a message to myself');
    const rows = rowTexts();
    expect(rows).toContainEqual(['No description', 'https://mail.google.com/', 'Granted', 'none']);
    expect(rows).toContainEqual(['No description', 'gmail.compose', 'Not granted', 'Send a message to myself']);
    expect(screen.getByTitle(`${G}gmail.compose`)).toBeTruthy();
  });

  it('reads Google’s names for the identity scopes, and the identity read at sign-in, as granted', async () => {
    const fake = fakeClient();
    fake.on('actions.list', () => []);
    const GMAIL_PROFILE = service('google_gmail', { ...GMAIL, scopes: [...GMAIL.scopes, 'profile'] });
    useServices.setState({ services: [GMAIL_PROFILE] });
    useConnections.setState({
      loaded: true,
      connections: [
        connection({ scopes: [`${G}userinfo.email`, `${G}gmail.readonly`], account: { id: 'u1', email: 'alice@example.com' } }),
      ],
    });
    render(<ConnectionDetail id={connection().id} />);
    await screen.findByRole('table');
    const rows = rowTexts();
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ['openid', 'Granted'],
      ['email', 'Granted'],
      ['gmail.readonly', 'Granted'],
      ['gmail.send', 'Asked, not granted'],
      ['profile', 'Asked, not granted'],
      ['gmail.labels', 'Not granted (optional)'],
    ]);
  });
});
