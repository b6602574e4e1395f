// Where the window was: size, position and maximised state, kept in `window-state.json` under
// userData (window-state-file.ts; the app's own preferences, nothing secret). On start the saved
// bounds are used only if they still fall on a connected display, so unplugging a monitor cannot
// open Junction off-screen.
import type { Rectangle } from 'electron';
import type { WindowBounds } from './window';

export interface SavedWindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: SavedWindowState = { width: 1180, height: 780, maximized: false };

/** The store calls used here: window-state-file.ts, or a Map-backed double in tests. */
export interface StateStore {
  get(key: 'window'): unknown;
  set(key: 'window', value: SavedWindowState): void;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Reads what was saved, falling back to defaults for anything missing or malformed. */
export function readWindowState(store: StateStore): SavedWindowState {
  const raw = store.get('window');
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE };
  const value = raw as Record<string, unknown>;
  const width = isFiniteNumber(value['width']) && value['width'] >= 400 ? Math.round(value['width']) : DEFAULT_WINDOW_STATE.width;
  const height = isFiniteNumber(value['height']) && value['height'] >= 300 ? Math.round(value['height']) : DEFAULT_WINDOW_STATE.height;
  const state: SavedWindowState = { width, height, maximized: value['maximized'] === true };
  if (isFiniteNumber(value['x']) && isFiniteNumber(value['y'])) {
    state.x = Math.round(value['x']);
    state.y = Math.round(value['y']);
  }
  return state;
}

function overlaps(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The bounds to open with: the saved ones if their title bar area is on some display, else centred defaults. */
export function boundsOnScreen(state: SavedWindowState, workAreas: readonly Rectangle[]): WindowBounds {
  const { width, height } = state;
  if (state.x === undefined || state.y === undefined) return { width, height };
  // The top strip is what the person grabs to move the window; it must be reachable.
  const titleBar: Rectangle = { x: state.x, y: state.y, width, height: 40 };
  if (workAreas.some((area) => overlaps(titleBar, area))) return { x: state.x, y: state.y, width, height };
  return { width, height };
}

/** The window calls used to track its state. */
export interface TrackedWindow {
  isMaximized(): boolean;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  getNormalBounds(): Rectangle;
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
}

/** Saves the state after moves and resizes (debounced) and on close. */
export function trackWindowState(window: TrackedWindow, store: StateStore, delayMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed() || window.isMinimized()) return;
    // Normal bounds, so a maximised window remembers the size to restore to.
    const bounds = window.getNormalBounds();
    store.set('window', { ...bounds, maximized: window.isMaximized() });
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', save);
}
