// The window's options against Electron's security checklist, and the per-WebContents hardening.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { hardenWebContents, hardenedWebPreferences, isAppPageUrl, mainWindowOptions } from '../../src-main/shell/window';

const origins = new Set(['app://junction']);

describe('window options (security checklist)', () => {
  const prefs = hardenedWebPreferences('/app/out/preload/index.cjs', { devTools: false });

  it('isolates, sandboxes and keeps Node out of the page (items 2, 3, 4)', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });
  it('keeps web security on and insecure content off (items 6, 8)', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });
  it('enables no experimental or Blink features (items 9, 10)', () => {
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
  it('has no <webview> (items 11, 12) and no drag-and-drop navigation (item 13)', () => {
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });
  it('loads the preload it was given and DevTools only when asked', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs.devTools).toBe(false);
    expect(hardenedWebPreferences('/p', { devTools: true }).devTools).toBe(true);
  });
  it('builds the window hidden until ready, with the bounds it was given', () => {
    const options = mainWindowOptions('/p', { x: 10, y: 20, width: 900, height: 700 }, { devTools: false });
    expect(options).toMatchObject({ x: 10, y: 20, width: 900, height: 700, show: false, title: 'Junction' });
    expect(options.webPreferences).toEqual(hardenedWebPreferences('/p', { devTools: false }));
    expect(options.backgroundColor).toBe('#f7f7f8');
    expect(mainWindowOptions('/p', { width: 900, height: 700 }, { devTools: false, dark: true }).backgroundColor).toBe('#17181b');
  });
});

class FakeContents extends EventEmitter {
  handler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }) {
    this.handler = handler;
  }
}

function navigationEvent(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() };
}

function harden() {
  const contents = new FakeContents();
  const openExternal = vi.fn(async (url: string) => {
    if (!/^https?:/.test(url)) throw new Error('refused');
  });
  const log = { warn: vi.fn() };
  hardenWebContents(contents as unknown as Parameters<typeof hardenWebContents>[0], { appOrigins: origins, openExternal, log });
  return { contents, openExternal, log };
}

describe('hardenWebContents', () => {
  it('denies every new window and sends web links to the browser (items 14, 15)', async () => {
    const { contents, openExternal, log } = harden();
    expect(contents.handler?.({ url: 'https://developers.google.com/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://developers.google.com/');
    expect(contents.handler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.warn).toHaveBeenCalled();
  });

  it('cancels navigation away from the app page (item 13)', () => {
    const { contents, openExternal } = harden();
    const away = navigationEvent('https://evil.example/');
    contents.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://evil.example/');
    const within = navigationEvent('app://junction/index.html#/settings');
    contents.emit('will-navigate', within);
    expect(within.preventDefault).not.toHaveBeenCalled();
    const redirect = navigationEvent('https://evil.example/');
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('never lets a <webview> attach (item 12)', () => {
    const { contents } = harden();
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('recognises only the app origin as the app page', () => {
    expect(isAppPageUrl('app://junction/x', origins)).toBe(true);
    expect(isAppPageUrl('app://junction.evil/x', origins)).toBe(false);
    expect(isAppPageUrl('javascript:alert(1)', origins)).toBe(false);
    expect(isAppPageUrl('::', origins)).toBe(false);
  });
});
