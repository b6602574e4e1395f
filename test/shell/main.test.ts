// The start-up wiring of src-main/main.ts against the electron double: what is registered before
// `ready`, what the core is created with, that every contract channel gets a handler, and that
// deep links from every entry point reach the core (after it is ready) while other links do not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreOptions } from '../../src-main/core/options';
import { CHANNELS } from '../../src-shared/channels';
import type { CoreEvent } from '../../src-shared/types';
import { EVENT_CHANNEL } from '../../src-preload/bridge';
import { createElectronDouble, electronModule, type ElectronDouble, type FakeBrowserWindow } from './electron-double';

const state = vi.hoisted(() => ({
  electron: undefined as ElectronDouble | undefined,
  coreOptions: undefined as CoreOptions | undefined,
  handled: [] as string[],
  invoked: [] as Array<{ channel: string; payload: unknown }>,
  listeners: [] as Array<(event: CoreEvent) => void>,
  closed: 0,
}));

vi.mock('electron', () =>
  electronModule({
    get current() {
      return state.electron;
    },
  }),
);

vi.mock('../../src-main/core/index', () => ({
  createCore: vi.fn(async (options: CoreOptions) => {
    state.coreOptions = options;
    return {
      invokeUntrusted: async (channel: string, payload: unknown) => {
        state.invoked.push({ channel, payload });
        return { channel };
      },
      onEvent: (listener: (event: CoreEvent) => void) => {
        state.listeners.push(listener);
        return () => undefined;
      },
      handleProtocolUrl: async (url: string) => {
        state.handled.push(url);
        return true;
      },
      close: async () => {
        state.closed += 1;
      },
    };
  }),
}));

const CALLBACK = 'junction://oauth/callback?code=abc&state=xyz&iss=https%3A%2F%2Faccounts.spotify.com';
const savedArgv = process.argv;
const savedEnv = { ...process.env };
let userData: string;

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function launch(
  options: {
    argv?: string[];
    env?: Record<string, string>;
    backend?: string;
    beforeReady?: (e: ElectronDouble) => void;
    packaged?: boolean;
    testBuild?: boolean;
  } = {},
): Promise<ElectronDouble> {
  vi.resetModules();
  const electron = createElectronDouble(userData, { backend: options.backend ?? 'gnome_libsecret' });
  electron.app.isPackaged = options.packaged ?? false;
  state.electron = electron;
  process.argv = options.argv ?? ['/usr/bin/electron', '.'];
  for (const [key, value] of Object.entries(options.env ?? {})) process.env[key] = value;
  if (options.testBuild) await import('../support/electron-test-main');
  else await import('../../src-main/shell/main');
  options.beforeReady?.(electron);
  electron.app.fireReady();
  await settle();
  // Start-up failures end in an error box and exit(1), which a test would otherwise not notice.
  expect(electron.dialog.showErrorBox.mock.calls).toEqual([]);
  expect(electron.app.exit).not.toHaveBeenCalled();
  return electron;
}

function mainWindow(electron: ElectronDouble): FakeBrowserWindow {
  const window = electron.BrowserWindow.getAllWindows()[0];
  if (!window) throw new Error('no window was created');
  return window;
}

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'junction-shell-'));
  state.coreOptions = undefined;
  state.handled = [];
  state.invoked = [];
  state.listeners = [];
  state.closed = 0;
});

afterEach(() => {
  process.argv = savedArgv;
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  rmSync(userData, { recursive: true, force: true });
});

describe('start-up', () => {
  it('takes the single-instance lock and quits when another Junction holds it', async () => {
    vi.resetModules();
    const electron = createElectronDouble(userData);
    electron.app.lockGranted = false;
    state.electron = electron;
    await import('../../src-main/shell/main');
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.listenerCount('second-instance')).toBe(0);
  });

  it('sandboxes every renderer, declares app:// privileged and registers the junction scheme before ready', async () => {
    vi.resetModules();
    const electron = createElectronDouble(userData);
    state.electron = electron;
    process.argv = ['/usr/bin/electron', '.'];
    await import('../../src-main/shell/main');
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('junction');
    expect(electron.app.listenerCount('open-url')).toBe(1);
  });

  it('creates the core with userData, the safeStorage cipher, env client IDs and a browser opener limited to http(s)', async () => {
    const electron = await launch({
      env: {
        JUNCTION_GOOGLE_CLIENT_ID: 'g-id.apps.googleusercontent.com',
        JUNCTION_GOOGLE_CLIENT_SECRET: 'g-secret',
        JUNCTION_SPOTIFY_CLIENT_ID: 's-id',
      },
    });
    const options = state.coreOptions;
    expect(options).toBeDefined();
    expect(options?.dataDir).toBe(userData);
    expect(options?.cipher.backend).toBe('gnome_libsecret');
    expect(options?.cipher.secure).toBe(true);
    expect(options?.providers).toEqual({
      google: { clientId: 'g-id.apps.googleusercontent.com', clientSecret: 'g-secret' },
      spotify: { clientId: 's-id' },
    });
    expect(options?.protocolScheme).toBe('junction');

    await options?.openExternal('https://accounts.google.com/o/oauth2/v2/auth?x=1');
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://accounts.google.com/o/oauth2/v2/auth?x=1');
    await expect(Promise.resolve().then(() => options?.openExternal('file:///etc/passwd'))).rejects.toThrow(/http or https/);
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('reports the cipher as not secure on Linux basic_text', async () => {
    await launch({ backend: 'basic_text' });
    expect(state.coreOptions?.cipher).toMatchObject({ backend: 'basic_text', secure: false });
  });

  it('applies the session policy, serves app:// and loads the app page in a hardened window', async () => {
    const electron = await launch();
    const session = electron.session.defaultSession;
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalled();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const window = mainWindow(electron);
    expect(window.loaded).toEqual(['app://junction/index.html']);
    expect(window.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String((window.options['webPreferences'] as { preload: string }).preload)).toMatch(/preload[/\\]index\.cjs$/);
    // web-contents-created hardened the window's contents.
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(window.webContents.listenerCount('will-navigate')).toBe(1);
    expect(window.webContents.listenerCount('will-attach-webview')).toBe(1);
  });

  it('the product reads no test switch, even unpackaged: no test cipher, no overrides, the browser opens', async () => {
    const electron = await launch({
      env: {
        JUNCTION_TEST_CIPHER: 'aes-gcm',
        JUNCTION_TEST_NO_BROWSER: '1',
        JUNCTION_TEST_OVERRIDES: JSON.stringify({ providers: { google: { tokenEndpoint: 'http://127.0.0.1:1/token' } } }),
      },
    });
    expect(state.coreOptions?.cipher.backend).toBe('gnome_libsecret');
    expect(state.coreOptions?.providers).toEqual({});
    expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalled();
    await state.coreOptions?.openExternal('http://127.0.0.1:5/authorize');
    expect(electron.shell.openExternal).toHaveBeenCalledWith('http://127.0.0.1:5/authorize');
  });

  it('ignores JUNCTION_DATA_DIR in a packaged app', async () => {
    const other = mkdtempSync(join(tmpdir(), 'junction-other-'));
    // Electron sets this in every app; a packaged one finds its window icon there.
    const processWithResources = process as NodeJS.Process & { resourcesPath: string };
    const savedResources = processWithResources.resourcesPath;
    processWithResources.resourcesPath = '/opt/Junction/resources';
    try {
      await launch({
        packaged: true,
        env: {
          JUNCTION_DATA_DIR: other,
          JUNCTION_TEST_CIPHER: 'aes-gcm',
          JUNCTION_TEST_OVERRIDES: JSON.stringify({ providers: { google: { tokenEndpoint: 'http://127.0.0.1:1/token' } } }),
        },
      });
      expect(state.coreOptions?.dataDir).toBe(userData);
      expect(state.coreOptions?.cipher.backend).toBe('gnome_libsecret');
      expect(state.coreOptions?.providers).toEqual({});
    } finally {
      processWithResources.resourcesPath = savedResources;
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('the test build honours the test switches', async () => {
    const other = mkdtempSync(join(tmpdir(), 'junction-other-'));
    try {
      const electron = await launch({
        testBuild: true,
        env: {
          JUNCTION_DATA_DIR: other,
          JUNCTION_TEST_CIPHER: 'aes-gcm',
          JUNCTION_TEST_NO_BROWSER: '1',
          JUNCTION_TEST_OVERRIDES: JSON.stringify({
            providers: { google: { clientId: 'peer', tokenEndpoint: 'http://127.0.0.1:1/token' } },
          }),
        },
      });
      expect(state.coreOptions?.dataDir).toBe(other);
      // A test launch leaves the OS's junction: registration alone.
      expect(electron.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
      expect(state.coreOptions?.cipher).toMatchObject({ backend: 'test_aes_gcm', secure: true });
      expect(state.coreOptions?.providers?.google).toEqual({ clientId: 'peer', tokenEndpoint: 'http://127.0.0.1:1/token' });
      await state.coreOptions?.openExternal('http://127.0.0.1:5/authorize');
      expect(electron.shell.openExternal).not.toHaveBeenCalled();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('window first', () => {
  it('answers a call made before the core has loaded once it has, instead of refusing it', async () => {
    vi.resetModules();
    const electron = createElectronDouble(userData);
    state.electron = electron;
    process.argv = ['/usr/bin/electron', '.'];
    await import('../../src-main/shell/main');
    let pending: Promise<unknown> | undefined;
    electron.app.on('web-contents-created', () => {
      // The same tick as the window: the handlers exist before the page could call.
      queueMicrotask(() => {
        const window = mainWindow(electron);
        pending = electron.handlers.get('services.list')?.({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, {});
      });
    });
    electron.app.fireReady();
    await settle();
    expect(pending).toBeDefined();
    await expect(pending).resolves.toEqual({ ok: true, data: { channel: 'services.list' } });
  });
});

describe('IPC wiring', () => {
  it('registers exactly one handler per contract channel, forwarding to the core in an envelope', async () => {
    const electron = await launch();
    expect([...electron.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const window = mainWindow(electron);
    for (const channel of CHANNELS) {
      const handler = electron.handlers.get(channel);
      const result = await handler?.({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, { probe: channel });
      expect(result).toEqual({ ok: true, data: { channel } });
    }
    expect(state.invoked.map((call) => call.channel)).toEqual([...CHANNELS]);
  });

  it('refuses a call from a frame that is not the app page', async () => {
    const electron = await launch();
    const window = mainWindow(electron);
    const handler = electron.handlers.get('connections.list');
    const result = await handler?.({ sender: window.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, {});
    expect(result).toEqual({ ok: false, error: { code: 'access_denied', message: expect.any(String) } });
    expect(state.invoked).toEqual([]);
  });

  it('sends core events to the window on the event channel', async () => {
    const electron = await launch();
    const window = mainWindow(electron);
    for (const listener of state.listeners) listener({ type: 'connections.changed' });
    expect(window.webContents.sent).toEqual([{ channel: EVENT_CHANNEL, payload: { type: 'connections.changed' } }]);
  });
});

describe('deep links', () => {
  it('queues an open-url that arrives before ready and delivers it once the core is ready', async () => {
    await launch({
      beforeReady: (electron) => {
        const event = { preventDefault: vi.fn() };
        electron.app.emit('open-url', event, CALLBACK);
        expect(event.preventDefault).toHaveBeenCalled();
        expect(state.handled).toEqual([]);
      },
    });
    expect(state.handled).toEqual([CALLBACK]);
  });

  it('takes the callback from the launch argv (Windows, Linux)', async () => {
    await launch({ argv: ['/opt/Junction/junction', '--no-sandbox', CALLBACK] });
    expect(state.handled).toEqual([CALLBACK]);
  });

  it('takes the callback from a second instance and focuses the window', async () => {
    const electron = await launch();
    const window = mainWindow(electron);
    window.minimized = true;
    electron.app.emit('second-instance', {}, ['/opt/Junction/junction', CALLBACK], '/home/ada');
    await settle();
    expect(state.handled).toEqual([CALLBACK]);
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('ignores links that are not the OAuth callback, from every entry point', async () => {
    const electron = await launch({ argv: ['/opt/Junction/junction', 'junction://settings/delete-everything'] });
    electron.app.emit('open-url', { preventDefault: vi.fn() }, 'junction://oauth/callbackX?code=1');
    electron.app.emit('open-url', { preventDefault: vi.fn() }, 'https://oauth/callback?code=1');
    electron.app.emit('second-instance', {}, ['/opt/Junction/junction', 'junction://evil/oauth/callback'], '/');
    await settle();
    expect(state.handled).toEqual([]);
  });
});

describe('quitting', () => {
  it('closes the core once before the app quits', async () => {
    const electron = await launch();
    const first = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', first);
    electron.app.emit('before-quit', { preventDefault: vi.fn() });
    expect(first.preventDefault).toHaveBeenCalled();
    await settle();
    expect(state.closed).toBe(1);
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    const last = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });
});
