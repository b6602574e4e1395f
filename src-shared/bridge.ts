// The one object the preload exposes to the page as `window.junction` (docs/contract.md, "The
// bridge"), and the IPC channel events travel on. The renderer knows nothing else of Electron.
import type { CoreEvent } from './types';

/** The one IPC channel core events travel on, main → renderer. Not a contract channel: nothing invokes it. */
export const EVENT_CHANNEL = 'junction:event';

export interface JunctionBridge {
  /** Only the contract's channels; any other name rejects with code `unknown_channel`. */
  invoke(channel: string, payload?: unknown): Promise<unknown>;
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
}
