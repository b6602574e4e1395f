// Back to the app after the browser: a finished sign-in brings the window to
// the front, and the callback page's Return to Junction link (`junction://open`) does too, through
// the deep-link handler, without touching any sign-in. Against the electron double.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALLBACK_PAGE_HEADERS, callbackPage } from '../../src-main/core/oauth/callback-page';
import { bringToFront } from '../../src-main/shell/focus';
import type { CoreEvent } from '../../src-shared/types';
import { createElectronDouble, electronModule, type ElectronDouble, type FakeBrowserWindow } from './electron-double';

const state = vi.hoisted(() => ({
  electron: undefined as ElectronDouble | undefined,
  handled: [] as string[],
  listeners: [] as Array<(event: CoreEvent) => void>,
}));

vi.mock('electron', () =>
  electronModule({
    get current() {
      return state.electron;
    },
  }),
);
vi.mock('../../src-main/core/index', () => ({
  createCore: vi.fn(async () => ({
    invokeUntrusted: async () => null,
    onEvent: (listener: (event: CoreEvent) => void) => {
      state.listeners.push(listener);
      return () => undefined;
    },
    handleProtocolUrl: async (url: string) => {
      state.handled.push(url);
      return true;
    },
    close: async () => undefined,
  })),
}));

const savedArgv = process.argv;
let userData: string;

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function launch(): Promise<{ electron: ElectronDouble; window: FakeBrowserWindow }> {
  vi.resetModules();
  const electron = createElectronDouble(userData);
  state.electron = electron;
  process.argv = ['/usr/bin/electron', '.'];
  await import('../../src-main/shell/main');
  electron.app.fireReady();
  await settle();
  const window = electron.BrowserWindow.getAllWindows()[0];
  if (!window) throw new Error('no window was created');
  // In the background, as when the person is in the browser.
  Object.assign(window, { minimized: true, visible: false, focused: false });
  return { electron, window };
}

const emit = (event: CoreEvent) => {
  for (const listener of state.listeners) listener(event);
};

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'junction-back-'));
  state.handled = [];
  state.listeners = [];
});

afterEach(() => {
  process.argv = savedArgv;
  rmSync(userData, { recursive: true, force: true });
});

describe('back to the app after the browser', () => {
  it('restores, shows and focuses the window when a sign-in finishes, either way', async () => {
    const { electron, window } = await launch();
    emit({ type: 'connections.changed' });
    expect(window.focused).toBe(false);

    emit({ type: 'oauth.finished', state: 's', ok: true, connectionId: 'c' });
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true });
    // Not macOS: nothing to steal focus from.
    expect(electron.app.focus).not.toHaveBeenCalled();

    Object.assign(window, { minimized: true, visible: false, focused: false });
    emit({ type: 'oauth.finished', state: 's', ok: false, error: { code: 'access_denied', message: 'Declined.' } });
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true });
  });

  it("follows the callback page's Return to Junction link: the window comes to the front, no flow is touched", async () => {
    const { electron, window } = await launch();
    const href = /<a class="return" href="([^"]+)"/.exec(callbackPage('success', 'Connected to Google', 'Junction has your sign-in.'))?.[1];
    expect(href).toBe('junction://open');
    const event = { preventDefault: vi.fn() };
    electron.app.emit('open-url', event, href);
    await settle();
    expect(event.preventDefault).toHaveBeenCalled();
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true });
    expect(state.handled).toEqual([]);
  });

  it('does not treat look-alikes of the open link as one', async () => {
    const { electron, window } = await launch();
    for (const url of ['junction://open?code=abc&state=xyz', 'junction://open/callback', 'junction://user@open', 'other://open']) {
      electron.app.emit('open-url', { preventDefault: vi.fn() }, url);
    }
    await settle();
    expect(window.focused).toBe(false);
    expect(state.handled).toEqual([]);
  });

  it('steals focus from the browser on macOS only when asked (the end of a sign-in)', () => {
    const window = { isDestroyed: () => false, isMinimized: () => false, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
    const app = { focus: vi.fn() };
    bringToFront(window, { app, platform: 'darwin', steal: true });
    expect(app.focus).toHaveBeenCalledWith({ steal: true });
    bringToFront(window, { app, platform: 'darwin' });
    bringToFront(window, { app, platform: 'win32', steal: true });
    expect(app.focus).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(3);
  });
});

describe('the callback page', () => {
  it.each(['success', 'error', 'ignored'] as const)('(%s) says what happened and loads nothing from anywhere', (kind) => {
    const page = callbackPage(kind, 'Sign-in did not finish', 'Google refused: <script>alert(1)</script>', 'junction://open');
    expect(page).toContain('Sign-in did not finish');
    expect(page).toContain('&#60;script&#62;');
    expect(page).not.toMatch(/<script|<img|<link|<iframe|src=|url\(|@import/i);
    // The only link is back to the app, and it carries nothing.
    expect([...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['junction://open']);
    expect(CALLBACK_PAGE_HEADERS['Content-Security-Policy']).toMatch(/^default-src 'none';/);
  });
});
