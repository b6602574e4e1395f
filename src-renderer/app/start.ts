// Start-up: load what the window shows and follow the core's events. Returns the unsubscribe.
import type { CoreEvent } from '../../src-shared/types';
import { getBridge } from '../api/bridge';
import { errorMessage } from '../api/errors';
import { useConnections } from '../stores/connections';
import { useHealthNotices } from '../stores/health-notices';
import { useServices } from '../stores/services';
import { useSettings } from '../stores/settings';

function onEvent(event: CoreEvent): void {
  switch (event.type) {
    case 'connections.changed':
      void useConnections.getState().load();
      return;
    case 'oauth.finished':
      // oauth.wait delivers the outcome; the list may have changed either way.
      void useConnections.getState().load();
      return;
    case 'connection.expiring':
      // A connections.changed follows it and redraws the badges; the notice is said once.
      useHealthNotices.getState().add({ connectionId: event.connectionId, actBy: event.actBy });
      return;
    case 'api.progress':
      // Paging progress belongs to whoever started the paging; the window has nothing to update.
      return;
    case 'storage.changed':
      useSettings.getState().setStorage(event.storage);
      return;
    default: {
      const missing: never = event;
      console.warn('Unknown core event', missing);
    }
  }
}

export function start(): () => void {
  let unsubscribe = () => {};
  try {
    unsubscribe = getBridge().onEvent(onEvent);
  } catch (error) {
    useServices.setState({ loaded: true, error: errorMessage(error) });
    return unsubscribe;
  }
  void useServices.getState().load();
  void useConnections.getState().load();
  void useSettings.getState().load();
  return unsubscribe;
}
