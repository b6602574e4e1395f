// The Quick actions view's test world: fresh stores before each test, `window.junction` whose
// `onEvent` the test drives with `emit` (calls go through the fake client), and a fake that lists
// Gmail's Latest messages.
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import type { CoreEvent } from '../../src-shared/types';
import { useActions } from '../../src-renderer/stores/actions';
import { useConnections } from '../../src-renderer/stores/connections';
import { useExports } from '../../src-renderer/stores/exports';
import { useServices } from '../../src-renderer/stores/services';
import { connection, fakeClient, service } from './fixtures';
import { LATEST, SCOPES } from './quick-actions-fixtures';

export function useQuickActionsWorld() {
  let listeners = new Set<(event: CoreEvent) => void>();

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

  return {
    /** Subscriptions still open (0 once the view has stopped listening). */
    listenerCount: () => listeners.size,
    emit(event: CoreEvent) {
      act(() => {
        for (const listener of [...listeners]) listener(event);
      });
    },
    setup() {
      const fake = fakeClient();
      fake.on('actions.list', () => [LATEST]);
      fake.on('connections.list', () => useConnections.getState().connections);
      return fake;
    },
  };
}
