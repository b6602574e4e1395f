// The sandboxed preload: exposes `window.junction` and nothing else of Electron or Node. The page
// never sees `ipcRenderer` (security checklist item 20); it gets two frozen functions whose
// arguments are copied across the context bridge.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL } from '../src-shared/bridge';
import type { CoreEvent } from '../src-shared/types';
import { createBridge } from './bridge';

const bridge = createBridge(
  (channel, payload) => ipcRenderer.invoke(channel, payload),
  (listener) => {
    // A wrapper per subscription: the page's function never receives the IpcRendererEvent
    // (whose `sender` is the ipcRenderer itself) and unsubscribing removes exactly this one.
    const forward = (_event: IpcRendererEvent, coreEvent: CoreEvent) => listener(coreEvent);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
);

contextBridge.exposeInMainWorld('junction', {
  invoke: (channel: string, payload?: unknown) => bridge.invoke(channel, payload),
  onEvent: (listener: (event: CoreEvent) => void) => bridge.onEvent(listener),
});
