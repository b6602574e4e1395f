// Window bounds: restored when on a display, defaults otherwise, saved on move and close.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  boundsOnScreen,
  readWindowState,
  trackWindowState,
  type SavedWindowState,
} from '../../src-main/shell/window-state';

function store(initial?: unknown) {
  const values = new Map<string, unknown>(initial === undefined ? [] : [['window', initial]]);
  return {
    get: (key: 'window') => values.get(key),
    set: vi.fn((key: 'window', value: SavedWindowState) => values.set(key, value)),
    values,
  };
}

const display = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window state', () => {
  it.each([undefined, null, 'x', { width: 'wide' }, { width: 10, height: 10 }])('falls back to defaults for %j', (saved) => {
    expect(readWindowState(store(saved))).toMatchObject({ width: DEFAULT_WINDOW_STATE.width, height: DEFAULT_WINDOW_STATE.height });
  });

  it('restores saved bounds that are on a display and drops those that are not', () => {
    const saved = readWindowState(store({ x: 100, y: 50, width: 1000, height: 700, maximized: true }));
    expect(saved).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: true });
    expect(boundsOnScreen(saved, [display])).toEqual({ x: 100, y: 50, width: 1000, height: 700 });
    expect(boundsOnScreen({ ...saved, x: 5000, y: 5000 }, [display])).toEqual({ width: 1000, height: 700 });
  });

  it('saves normal bounds after a move (debounced) and on close, not while minimised', () => {
    vi.useFakeTimers();
    try {
      const window = Object.assign(new EventEmitter(), {
        minimized: false,
        isMaximized: () => false,
        isMinimized(): boolean {
          return this.minimized;
        },
        isDestroyed: () => false,
        getNormalBounds: () => ({ x: 1, y: 2, width: 900, height: 600 }),
      });
      const s = store();
      trackWindowState(window, s, 100);
      window.emit('move');
      window.emit('resize');
      expect(s.set).not.toHaveBeenCalled();
      vi.advanceTimersByTime(100);
      expect(s.set).toHaveBeenCalledTimes(1);
      expect(s.values.get('window')).toEqual({ x: 1, y: 2, width: 900, height: 600, maximized: false });
      window.minimized = true;
      window.emit('close');
      expect(s.set).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
