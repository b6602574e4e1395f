// Where window-state.json is read and written: a plain JSON file under userData, in the layout
// electron-store used for it ({ "window": { … } }, tab-indented), so a saved window from an
// earlier version still opens where it was. electron-store is not used: it loads conf and ajv
// (~120 ms on a cold start), and the window's bounds are needed before the window can exist.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { SavedWindowState, StateStore } from './window-state';

/** Far above what { window: { x, y, width, height, maximized } } takes: anything larger is not ours. */
export const MAX_STATE_FILE_BYTES = 64 * 1024;

export function windowStateFile(path: string, onWriteError: (message: string) => void): StateStore {
  return {
    get(key) {
      try {
        // A huge file would stall the start for nothing; the defaults are a fine answer.
        if (statSync(path).size > MAX_STATE_FILE_BYTES) return undefined;
        const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
        return typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
      } catch {
        // Missing (first start) or unreadable: readWindowState falls back to defaults.
        return undefined;
      }
    },
    set(key, value: SavedWindowState) {
      // Written beside and renamed over, so a crash mid-write leaves the old file, not half a new one.
      const temporary = `${path}.tmp`;
      try {
        writeFileSync(temporary, `${JSON.stringify({ [key]: value }, undefined, '\t')}\n`);
        renameSync(temporary, path);
      } catch (error) {
        // Losing the window's position is not worth crashing the main process over (disk full…).
        onWriteError(`Could not save the window's position: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
