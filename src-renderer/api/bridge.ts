// The one object the preload exposes (docs/contract.md, "The bridge"). The renderer knows nothing
// else about the main process.
import type { JunctionBridge } from '../../src-shared/bridge';

export type { JunctionBridge } from '../../src-shared/bridge';

declare global {
  interface Window {
    junction?: JunctionBridge;
  }
}

export function getBridge(): JunctionBridge {
  const bridge = window.junction;
  if (!bridge) {
    // Without the preload nothing works: that is Junction's own fault, never the person's.
    throw Object.assign(
      new Error(
        'Junction hit a bug: its window could not reach the main process. Restart Junction; if it keeps happening, the log (Help → Open Logs Folder) has details.',
      ),
      {
        code: 'internal',
      },
    );
  }
  return bridge;
}
