// A stand-in for the `electron` module under plain Node, for the start-up bench: the same surface
// as test/shell/electron-double.ts (which needs vitest), without recording libraries, so a cold
// process pays only for what the main bundle itself loads. It marks when the first window is
// constructed and exposes the IPC handlers the shell registers.
import { EventEmitter } from 'node:events';

export const marks = {};
const handlers = new Map();
const handlerWaiters = new Map();
let resolveWindow;
export const windowConstructed = new Promise((resolve) => (resolveWindow = resolve));

/** Resolves with the handler once the shell registers `channel`. */
export function handlerFor(channel) {
  const known = handlers.get(channel);
  if (known) return Promise.resolve(known);
  return new Promise((resolve) => handlerWaiters.set(channel, resolve));
}

let nextId = 1;
class WebContents extends EventEmitter {
  id = nextId++;
  mainFrame = { url: 'app://junction/index.html', parent: null };
  send() {}
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler() {}
}

const windows = [];
export class BrowserWindow extends EventEmitter {
  webContents = new WebContents();
  constructor(options) {
    super();
    marks.windowConstructed ??= performance.now();
    this.options = options;
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
    // Only the first call counts: a promise settles once.
    resolveWindow(this);
  }
  static getAllWindows() {
    return [...windows];
  }
  async loadURL() {
    marks.loadURL ??= performance.now();
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  maximize() {}
  restore() {}
  show() {}
  focus() {}
  getNormalBounds() {
    return { x: 0, y: 0, width: 1180, height: 780 };
  }
}

class App extends EventEmitter {
  isPackaged = false;
  name = 'Junction';
  paths = new Map([['userData', process.env['JUNCTION_DATA_DIR'] ?? '/nonexistent']]);
  #ready;
  #resolveReady = () => undefined;
  constructor() {
    super();
    this.#ready = new Promise((resolve) => (this.#resolveReady = resolve));
  }
  getPath(name) {
    return this.paths.get(name) ?? this.paths.get('userData');
  }
  setPath(name, value) {
    this.paths.set(name, value);
  }
  getAppPath() {
    return '/nonexistent/junction-app';
  }
  getVersion() {
    return '0.0.0';
  }
  setAsDefaultProtocolClient() {
    return true;
  }
  enableSandbox() {}
  quit() {}
  exit() {}
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return this.#ready;
  }
  fireReady() {
    this.emit('ready');
    this.#resolveReady();
  }
}

export const app = new App();
export const ipcMain = {
  handle(channel, handler) {
    handlers.set(channel, handler);
    handlerWaiters.get(channel)?.(handler);
  },
  removeHandler(channel) {
    handlers.delete(channel);
  },
  on() {},
};
export const protocol = { registerSchemesAsPrivileged() {}, handle() {} };
export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived() {} },
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
  },
};
// The keyring answers at once, as an unlocked one would.
export const safeStorage = {
  isEncryptionAvailable: () => true,
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plain) => Buffer.from(`enc:${plain}`),
  decryptString: (data) => data.toString().replace(/^enc:/, ''),
};
export const shell = { openExternal: async () => undefined, openPath: async () => '' };
export const Menu = { buildFromTemplate: (template) => ({ template }), setApplicationMenu() {} };
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const dialog = {
  showErrorBox(title, message) {
    console.error(`${title}: ${message}`);
  },
};
export const nativeTheme = { shouldUseDarkColors: false };

export default { app, BrowserWindow, ipcMain, protocol, session, safeStorage, shell, Menu, screen, dialog, nativeTheme };
