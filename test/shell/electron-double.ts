// A test double of the `electron` module for the shell's unit tests (vi.mock('electron', …)).
// It records what the shell asks of Electron and lets a test play the OS: fire `ready`, deliver
// `open-url`, start a second instance, call an IPC handler from a chosen frame. The real
// `electron` package must never be imported under plain Node: its index.js downloads the binary.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export type IpcHandler = (event: unknown, payload: unknown) => Promise<unknown>;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly mainFrame: FakeFrame = { url: 'app://junction/index.html', parent: null };

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  minimized = false;
  maximized = false;
  visible = false;
  focused = false;
  destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    // Electron emits web-contents-created for every new WebContents.
    currentApp?.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((window) => !window.destroyed);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  maximize(): void {
    this.maximized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  getNormalBounds() {
    const { x = 0, y = 0, width = 800, height = 600 } = this.options as { x?: number; y?: number; width?: number; height?: number };
    return { x, y, width, height };
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'Junction';
  lockGranted = true;
  readonly paths = new Map<string, string>();
  readonly setAsDefaultProtocolClient = vi.fn((_scheme: string, _path?: string, _args?: string[]) => true);
  readonly enableSandbox = vi.fn();
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly focus = vi.fn((_options?: { steal: boolean }) => undefined);
  private resolveReady: () => void = () => undefined;
  private readonly ready = new Promise<void>((resolve) => {
    this.resolveReady = resolve;
  });

  constructor(userData: string) {
    super();
    this.paths.set('userData', userData);
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`no path ${name}`);
    return path;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getAppPath(): string {
    return '/nonexistent/junction-app';
  }
  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  fireReady(): void {
    this.emit('ready');
    this.resolveReady();
  }
}

export interface SafeStorageSetup {
  available?: boolean;
  backend?: string;
}

let currentApp: FakeApp | undefined;

export function createElectronDouble(userData: string, storage: SafeStorageSetup = {}) {
  FakeBrowserWindow.instances.length = 0;
  const app = new FakeApp(userData);
  currentApp = app;
  const handlers = new Map<string, IpcHandler>();
  const available = storage.available ?? true;
  return {
    app,
    handlers,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, handler: IpcHandler) => {
        // Electron throws on a second handler for one channel; so does the double.
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, handler);
      }),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn(),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => available),
      isAsyncEncryptionAvailable: vi.fn(async () => available),
      getSelectedStorageBackend: vi.fn(() => storage.backend ?? 'gnome_libsecret'),
      encryptString: vi.fn((plain: string) => Buffer.from(`enc:${plain}`)),
      decryptString: vi.fn((data: Buffer) => data.toString().replace(/^enc:/, '')),
    },
    shell: {
      openExternal: vi.fn(async (_url: string) => undefined),
      openPath: vi.fn(async (_path: string) => ''),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    screen: {
      getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]),
    },
    dialog: {
      showErrorBox: vi.fn(),
      showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({ canceled: true })),
    },
    nativeTheme: { shouldUseDarkColors: false },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: new (class extends EventEmitter {
      readonly invoke = vi.fn(async (_channel: string, _payload: unknown): Promise<unknown> => ({ ok: true, data: null }));
    })(),
  };
}

export type ElectronDouble = ReturnType<typeof createElectronDouble>;

/** What vi.mock('electron') returns: getters, so each test's fresh double is what the shell sees. */
export function electronModule(holder: { current?: ElectronDouble }): Record<string, unknown> {
  const current = (): ElectronDouble => {
    if (!holder.current) throw new Error('The test did not set up the electron double');
    return holder.current;
  };
  const keys = [
    'app',
    'BrowserWindow',
    'ipcMain',
    'protocol',
    'session',
    'safeStorage',
    'shell',
    'Menu',
    'screen',
    'dialog',
    'nativeTheme',
    'contextBridge',
    'ipcRenderer',
  ] as const;
  const module: Record<string, unknown> = {};
  for (const key of keys) Object.defineProperty(module, key, { enumerable: true, get: () => current()[key] });
  return module;
}
