// A quick action held by the provider's rate limit says so while it runs, and stops saying so
// once the wait is over.
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionResult } from '../../src-shared/actions';
import type { CoreEvent } from '../../src-shared/types';
import QuickActionsView from '../../src-renderer/features/actions/QuickActionsView';
import { useActions } from '../../src-renderer/stores/actions';
import { useConnections } from '../../src-renderer/stores/connections';
import { useExports } from '../../src-renderer/stores/exports';
import { useServices } from '../../src-renderer/stores/services';
import { connection, deferred, fakeClient, service } from './fixtures';
import { actionResult, LATEST, SCOPES } from './quick-actions-fixtures';

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
  useServices.setState({ loaded: true, services: [service('google_gmail')] });
  useConnections.setState({ connections: [connection({ scopes: SCOPES })], loaded: true });
  useActions.setState({ descriptors: {}, listErrors: {}, tabs: {}, chosenConnection: {}, selectedAction: {}, runs: {}, paging: {} });
  useExports.setState({ runs: {} });
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

function setup() {
  const fake = fakeClient();
  fake.on('actions.list', () => [LATEST]);
  fake.on('connections.list', () => useConnections.getState().connections);
  return fake;
}

describe('a quick action waiting for the rate limit', () => {
  it('shows the wait on its running line, and drops it when the core says the wait is over', async () => {
    const user = userEvent.setup();
    const fake = setup();
    const running = deferred<ActionResult>();
    fake.on('actions.run', () => running.promise);
    render(<QuickActionsView service="google_gmail" />);
    await screen.findByRole('heading', { name: 'Latest messages' });
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const { requestId } = fake.calls.find((c) => c.channel === 'actions.run')?.payload as { requestId: string };
    emit({ type: 'api.progress', requestId, pages: 0, items: 0, waitingMs: 5000, reason: "waiting for Google's rate limit (5 s)" });
    expect(screen.getByText("Waiting for Google's rate limit (5 s); it goes on after it.")).toBeTruthy();
    emit({ type: 'api.progress', requestId, pages: 0, items: 0 });
    expect(screen.queryByText(/rate limit/)).toBeNull();
    await act(async () => running.resolve(actionResult()));
    await screen.findByRole('table', { name: /Latest messages/ });
    expect(listeners.size).toBe(0);
  });
});
