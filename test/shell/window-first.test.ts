// Window first: the shell constructs the window and starts loading its page before the
// engine's module is even imported, then loads the core. A file of its own, because vitest runs a
// mock's factory once per file: here its first run is the moment the shell imports the core.
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CoreOptions } from '../../src-main/core/options';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';
import { createElectronDouble, electronModule, type ElectronDouble } from './electron-double';

const state = vi.hoisted(() => ({
  electron: undefined as ElectronDouble | undefined,
  coreModuleLoaded: false,
  coreOptions: undefined as CoreOptions | undefined,
}));

vi.mock('electron', () =>
  electronModule({
    get current() {
      return state.electron;
    },
  }),
);

vi.mock('../../src-main/core/index', () => {
  state.coreModuleLoaded = true;
  return {
    createCore: vi.fn(async (options: CoreOptions) => {
      state.coreOptions = options;
      return {
        invokeUntrusted: async (channel: string) => ({ channel }),
        onEvent: () => () => undefined,
        handleProtocolUrl: async () => false,
        close: async () => undefined,
      };
    }),
  };
});

afterAll(() => removeAllTempDirs());

describe('start-up order', () => {
  it('constructs the window and loads its page before the core module is imported, then loads the core', async () => {
    const electron = createElectronDouble(makeTempDir('junction-window-first-'));
    state.electron = electron;
    const atWindow: Array<{ coreModuleLoaded: boolean }> = [];
    electron.app.on('web-contents-created', () => atWindow.push({ coreModuleLoaded: state.coreModuleLoaded }));

    await import('../../src-main/shell/main');
    expect(state.coreModuleLoaded).toBe(false);
    electron.app.fireReady();
    for (let i = 0; i < 50 && !state.coreOptions; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));

    expect(atWindow).toEqual([{ coreModuleLoaded: false }]);
    expect(electron.BrowserWindow.getAllWindows()[0]?.loaded).toEqual(['app://junction/index.html']);
    expect(state.coreModuleLoaded).toBe(true);
    expect(state.coreOptions?.dataDir).toBeDefined();
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
  });
});
