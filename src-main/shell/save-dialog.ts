// The core's `chooseSavePath`: Electron's save dialog, attached to the window when there is one.
// The path comes from the person's choice in the OS dialog, never from the window's payload.
import type { BrowserWindow, Dialog } from 'electron';
import { basename, join } from 'node:path';
import type { SavePathRequest } from '../core/options';

export function createChooseSavePath(deps: {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  window: () => BrowserWindow | undefined;
  /** The folder the dialog opens in (the person's Downloads). */
  folder: () => string;
}): (request: SavePathRequest) => Promise<string | null> {
  return async (request) => {
    const options = {
      title: request.title,
      // A name only: whatever folder a caller put in it is dropped.
      defaultPath: join(deps.folder(), basename(request.defaultName)),
      filters: request.filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
    };
    const window = deps.window();
    const result = window ? await deps.dialog.showSaveDialog(window, options) : await deps.dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
