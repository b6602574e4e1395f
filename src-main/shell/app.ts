// Electron start-up and wiring only: every decision lives in a module of its own (window.ts,
// ipc.ts, deep-links.ts, safe-storage.ts, …) and the product lives in the core. Order matters
// here, and each step says why it is where it is. main.ts starts it as the product; a test build
// (test/support/electron-test-main.ts) starts it with hooks that never reach the product bundle.
import { BODY_WORKER_PATH } from './body-worker-path';
import { BrowserWindow, Menu, app, dialog, ipcMain, nativeTheme, protocol, safeStorage, screen, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import type { Cipher, Core, CoreOptions } from '../core/options';
import { DEFAULT_SCHEME, createDeepLinkQueue, findProtocolUrlInArgv, registerProtocolClient } from './deep-links';
import { bringToFront } from './focus';
import { appOrigins, createSenderCheck, forwardCoreEvents, registerIpcHandlers } from './ipc';
import { mergeProviders, readLaunchConfig } from './launch-config';
import { enableCompileCache } from './compile-cache';
import { createLogger } from './logger';
import { buildMenuTemplate } from './menu';
import { createOpenExternal } from './open-external';
import { createSafeStorageCipher } from './safe-storage';
import { createChooseSavePath } from './save-dialog';
import { applySessionPolicy, contentSecurityPolicy } from './session-policy';
import { hardenWebContents, mainWindowOptions } from './window';
import { boundsOnScreen, readWindowState, trackWindowState } from './window-state';
import { windowStateFile } from './window-state-file';

/**
 * What a test launch changes; nothing in the product passes any. The product bundle holds none of
 * the code behind them (the test cipher, the override parser): that lives under test/.
 */
export interface ShellHooks {
  /** Replaces safeStorage (test machines have no keyring). */
  createCipher?: (dataDir: string) => Cipher;
  /** Endpoint and client overrides, merged over the environment's client IDs field by field. */
  providers?: NonNullable<CoreOptions['providers']>;
  services?: NonNullable<CoreOptions['services']>;
  /** Do not start a browser for sign-in: the test drives the authorization URL itself. */
  suppressBrowser?: boolean;
}

export function startJunction(hooks: ShellHooks = {}): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const preloadPath = join(here, '../preload/index.cjs');
  const rendererDir = join(here, '../renderer');

  const isDev = !app.isPackaged;
  // electron-vite sets this for `electron-vite dev`; a packaged app never loads a dev server.
  const devServerUrl = isDev ? process.env['ELECTRON_RENDERER_URL'] : undefined;
  const launch = readLaunchConfig(process.env, { isPackaged: app.isPackaged });
  const testMode = Object.keys(hooks).length > 0;
  const providers = mergeProviders(launch.providers, hooks.providers);

  // Before anything reads userData: the single-instance lock, the log and the store all live there,
  // so a test profile must be in place first.
  if (launch.dataDir) app.setPath('userData', launch.dataDir);
  const dataDir = app.getPath('userData');
  const log = createLogger({ dir: join(dataDir, 'logs'), echo: isDev });
  if (testMode) log.warn("Test mode: a test build's overrides are active.");

  // Both only work before `ready`. `enableSandbox` sandboxes every renderer the app could ever
  // create, not only the window that sets `sandbox: true` (checklist item 4, defence in depth).
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  const trustedOrigins = appOrigins(APP_ORIGIN, devServerUrl);
  // Test launches drive sign-in URLs themselves and must not start a real browser; the same
  // http(s)-only rule still applies.
  const openExternal = createOpenExternal(
    hooks.suppressBrowser ? async () => log.info('Test mode: not opening the system browser.') : (url) => shell.openExternal(url),
  );
  const deepLinks = createDeepLinkQueue(log, DEFAULT_SCHEME, () => focusMainWindow());

  // macOS delivers the link that launched the app through `open-url`, possibly before `ready`:
  // registered at module load so that first link is queued rather than lost.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deepLinks.push(url);
  });

  let mainWindow: BrowserWindow | undefined;
  let corePromise: Promise<Core> | undefined;

  function focusMainWindow(steal = false): void {
    bringToFront(mainWindow, { app, platform: process.platform, steal });
  }

  function createMainWindow(): BrowserWindow {
    const stateStore = windowStateFile(join(dataDir, 'window-state.json'), (message) => log.warn(message));
    const state = readWindowState(stateStore);
    const bounds = boundsOnScreen(
      state,
      screen.getAllDisplays().map((display) => display.workArea),
    );
    // Packaged: copied beside app.asar by electron-builder's extraResources; unpackaged: the repo's.
    const iconPath = app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(app.getAppPath(), 'resources', 'icon.png');
    const window = new BrowserWindow(
      mainWindowOptions(preloadPath, bounds, {
        devTools: isDev,
        dark: nativeTheme.shouldUseDarkColors,
        ...(existsSync(iconPath) ? { icon: iconPath } : {}),
      }),
    );
    if (state.maximized) window.maximize();
    trackWindowState(window, stateStore);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = undefined;
    });
    window.loadURL(devServerUrl ?? APP_ENTRY_URL).catch((error: unknown) => {
      log.error(`The window could not load its page: ${error instanceof Error ? error.message : String(error)}`);
    });
    mainWindow = window;
    return window;
  }

  async function createAppCore(): Promise<Core> {
    // The engine (zod, undici, conf, oauth4webapi) is loaded only now, after the window exists:
    // its page loads meanwhile, and the keyring is asked at the same time.
    const [{ createCore }, cipher] = await Promise.all([
      import('../core/index'),
      hooks.createCipher ? hooks.createCipher(dataDir) : createSafeStorageCipher(safeStorage, process.platform),
    ]);
    log.info(
      `Secret storage: ${cipher.backend} (${cipher.secure ? 'secure' : 'not secure: the person is asked to accept it before a token is stored'}).`,
    );
    return createCore({
      dataDir,
      cipher,
      openExternal,
      bodyWorkerPath: BODY_WORKER_PATH,
      chooseSavePath: createChooseSavePath({ dialog, window: () => mainWindow, folder: () => app.getPath('downloads') }),
      providers,
      services: hooks.services ?? {},
      protocolScheme: DEFAULT_SCHEME,
    });
  }

  async function onReady(): Promise<void> {
    applySessionPolicy(
      session.defaultSession,
      contentSecurityPolicy({ dev: devServerUrl !== undefined, ...(devServerUrl ? { devServerUrl } : {}) }),
    );
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          appName: app.name,
          isMac: process.platform === 'darwin',
          isDev,
          openLogsFolder: () => {
            void shell.openPath(log.dir);
          },
        }),
      ),
    );

    // Window first: it is what the person waits for, and its page loads while the core does. The
    // handlers are registered in the same tick, before the page can call; a call that arrives
    // before the core has loaded and opened its store waits for it instead of finding no handler.
    createMainWindow();
    // After the window (it does a little disk work), before the core's chunk loads: that chunk is
    // what the cache saves compiling; the shell's own small chunk is compiled already.
    enableCompileCache(dataDir, (message) => log.warn(message));
    const core = createAppCore();
    corePromise = core;
    const isOwnWebContents = (id: number) => BrowserWindow.getAllWindows().some((window) => window.webContents.id === id);
    registerIpcHandlers(
      ipcMain,
      { invokeUntrusted: async (channel, payload) => (await core).invokeUntrusted(channel, payload) },
      createSenderCheck(trustedOrigins, isOwnWebContents),
      log,
    );

    const ready = await core;
    forwardCoreEvents(ready, () => BrowserWindow.getAllWindows().map((window) => window.webContents));
    // Back from the browser: a finished sign-in (either way) brings Junction to the front.
    ready.onEvent((event) => event.type === 'oauth.finished' && focusMainWindow(true));
    deepLinks.attach((url) => ready.handleProtocolUrl(url));
    log.info('Junction is ready.');
  }

  function fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`Start-up failed: ${message}`);
    dialog.showErrorBox('Junction could not start', `${message}\n\nThe log is in ${log.dir}.`);
    app.exit(1);
  }

  function start(): void {
    // Windows and Linux: a second launch (often the OS handing over a junction:// link) lands
    // here; the first instance takes the link and comes to the front.
    app.on('second-instance', (_event, argv) => {
      const url = findProtocolUrlInArgv(argv);
      if (url) deepLinks.push(url);
      focusMainWindow();
    });
    // A test launch must not take over the person's junction: links with a throwaway profile.
    if (!testMode && !registerProtocolClient(app, process, (path) => resolve(path))) {
      log.warn(`Could not register Junction as the handler of ${DEFAULT_SCHEME}: links.`);
    }
    // This launch's own link (Windows, Linux).
    const launchUrl = findProtocolUrlInArgv(process.argv);
    if (launchUrl) deepLinks.push(launchUrl);

    app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { appOrigins: trustedOrigins, openExternal, log }));
    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit();
    });
    app.on('activate', () => {
      if (corePromise && BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });

    // Closing the core flushes its state and stops loopback listeners before the process ends.
    let quitting: 'no' | 'closing' | 'closed' = 'no';
    app.on('before-quit', (event) => {
      if (quitting === 'closed' || !corePromise) return;
      event.preventDefault();
      if (quitting === 'closing') return;
      quitting = 'closing';
      corePromise
        .then((core) => core.close())
        .catch((error: unknown) => log.error(`Closing the core failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          quitting = 'closed';
          app.quit();
        });
    });

    app.whenReady().then(onReady).catch(fail);
  }

  // One Junction per profile: a second copy would fight over the store and the loopback ports.
  if (app.requestSingleInstanceLock()) {
    start();
  } else {
    app.quit();
  }
}
