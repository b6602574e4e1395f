// The one object the preload exposes (CONTRACT.md, "The bridge the renderer sees"). The renderer
// knows nothing else about the main process.
import type { CoreEvent } from '../../src-main/core/types';

export interface JunctionBridge {
  invoke(channel: string, payload?: unknown): Promise<unknown>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

declare global {
  interface Window {
    junction?: JunctionBridge;
  }
}

export function getBridge(): JunctionBridge {
  const bridge = window.junction;
  if (!bridge) {
    throw Object.assign(new Error('Junction could not reach its main process. Restart the app.'), { code: 'unknown_channel' });
  }
  return bridge;
}
