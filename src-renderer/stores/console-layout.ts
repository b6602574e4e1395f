// Where the console's request/response split sits, per orientation, remembered across restarts
// (localStorage: the renderer has no file system). A fraction of the split's size for the request.
import { create } from 'zustand';

export type SplitOrientation = 'side' | 'stacked';

const KEY = 'junction.console.split.v1';
const DEFAULTS: Record<SplitOrientation, number> = { side: 0.5, stacked: 0.5 };
/** Neither pane may shrink below this share: a pane dragged shut is a pane lost. */
export const MIN_SHARE = 0.2;

export function clampShare(share: number): number {
  return Number.isFinite(share) ? Math.min(1 - MIN_SHARE, Math.max(MIN_SHARE, share)) : 0.5;
}

function read(): Record<SplitOrientation, number> {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}') as Partial<Record<SplitOrientation, unknown>>;
    return {
      side: typeof saved.side === 'number' ? clampShare(saved.side) : DEFAULTS.side,
      stacked: typeof saved.stacked === 'number' ? clampShare(saved.stacked) : DEFAULTS.stacked,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

interface LayoutState {
  share: Record<SplitOrientation, number>;
  setShare(orientation: SplitOrientation, share: number): void;
}

export const useConsoleLayout = create<LayoutState>((set, get) => ({
  share: read(),
  setShare(orientation, share) {
    const next = { ...get().share, [orientation]: clampShare(share) };
    set({ share: next });
    try {
      globalThis.localStorage?.setItem(KEY, JSON.stringify(next));
    } catch {
      // A full or refused storage only forgets the split.
    }
  },
}));
