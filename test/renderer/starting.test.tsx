// The window's first paint comes before the core has loaded: the sidebar and its tools
// show at once with a "Starting Junction…" status, which gives way to the services once the core
// answers services.list.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Service } from '../../src-shared/types';
import { Sidebar } from '../../src-renderer/features/services/Sidebar';
import { useConnections } from '../../src-renderer/stores/connections';
import { useServices } from '../../src-renderer/stores/services';
import { deferred, fakeClient, service } from './fixtures';

afterEach(cleanup);

describe('starting', () => {
  it('shows the shell and a starting status until services.list answers', async () => {
    const fake = fakeClient();
    const answer = deferred<Service[]>();
    fake.on('services.list', () => answer.promise);
    useServices.setState({ services: [], loaded: false, error: null });
    useConnections.setState({ connections: [], loaded: false });
    render(<Sidebar />);
    const loading = useServices.getState().load();

    expect(screen.getByRole('status').textContent).toBe('Starting Junction…');
    expect(screen.getByRole('button', { name: 'API console' })).toBeTruthy();

    await act(async () => {
      answer.resolve([service('google_gmail')]);
      await loading;
    });
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('button', { name: /Gmail/ })).toBeTruthy();
  });
});
