// The build output the way Electron would load it, minus Chromium: the sandboxed preload bundle
// run in a bare VM context whose `require` knows only 'electron' (as a sandboxed preload's does),
// the built main bundle started against the electron double, serving the built renderer over
// app:// with the CSP, and the renderer's HTML checked to obey that CSP. `npm test` builds first.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../src-shared/channels';
import type { JunctionBridge } from '../../src-preload/bridge';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';
import { createElectronDouble, electronModule, type ElectronDouble } from './electron-double';

const root = resolve(import.meta.dirname, '../..');
const out = join(root, 'out');
const built =
  existsSync(join(out, 'main/main.js')) && existsSync(join(out, 'preload/index.cjs')) && existsSync(join(out, 'renderer/index.html'));
if (!built) console.warn('[test/shell/built-app] skipped: no build in out/ (run `npm run build`; `npm test` does it first).');

const state = vi.hoisted(() => ({ electron: undefined as ElectronDouble | undefined }));
vi.mock('electron', () =>
  electronModule({
    get current() {
      return state.electron;
    },
  }),
);

const savedEnv = { ...process.env };

describe.skipIf(!built)('the built app', () => {
  let electron: ElectronDouble;
  let serve: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    process.env['JUNCTION_DATA_DIR'] = makeTempDir('junction-built-');
    electron = createElectronDouble(makeTempDir('junction-built-unused-'));
    state.electron = electron;
    // A variable specifier keeps TypeScript from resolving the (untyped) bundle.
    const entry = join(out, 'main/main.js');
    await import(/* @vite-ignore */ entry);
    electron.app.fireReady();
    for (let i = 0; i < 100 && electron.protocol.handle.mock.calls.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    const handler = electron.protocol.handle.mock.calls[0]?.[1] as ((request: Request) => Promise<Response>) | undefined;
    if (!handler) throw new Error('the built main never registered the app:// handler');
    serve = handler;
  });

  afterAll(() => {
    electron.app.emit('before-quit', { preventDefault: () => undefined });
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    removeAllTempDirs();
  });

  it('runs the preload in a sandbox-like context that can require only electron, exposing window.junction', async () => {
    const code = readFileSync(join(out, 'preload/index.cjs'), 'utf8');
    const exposed = new Map<string, unknown>();
    const invoked: Array<[string, unknown]> = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
      ipcRenderer: {
        invoke: async (channel: string, payload: unknown) => (invoked.push([channel, payload]), { ok: true, data: 'ok' }),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const required: string[] = [];
    const module = { exports: {} };
    runInNewContext(code, {
      module,
      exports: module.exports,
      require: (name: string) => {
        required.push(name);
        if (name === 'electron') return fakeElectron;
        throw new Error(`a sandboxed preload cannot require ${name}`);
      },
    });
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['junction']);
    const bridge = exposed.get('junction') as JunctionBridge;
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    for (const channel of CHANNELS) await expect(bridge.invoke(channel, {})).resolves.toBe('ok');
    await expect(bridge.invoke('nope')).rejects.toMatchObject({ code: 'unknown_channel' });
    expect(invoked.map(([channel]) => channel)).toEqual([...CHANNELS]);
  });

  it('points the window at the built preload and the app:// page', () => {
    const window = electron.BrowserWindow.getAllWindows()[0];
    const preload = (window?.options['webPreferences'] as { preload?: string } | undefined)?.preload ?? '';
    expect(existsSync(preload)).toBe(true);
    expect(preload).toBe(join(out, 'preload/index.cjs'));
    expect(window?.loaded).toEqual(['app://junction/index.html']);
  });

  it('serves the built page and every asset it references over app:// with the CSP', async () => {
    const page = await serve(new Request('app://junction/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const response = await serve(new Request(new URL(asset, 'app://junction/index.html').href));
      expect(response.status, asset).toBe(200);
    }
  });

  it('has a page the strict CSP can run: no inline script, style or handler', () => {
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8');
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc=/);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle="/i);
    expect(html).not.toMatch(/\son[a-z]+="/i);
  });

  it('ships no test code: the test cipher and the test switches live only in the test build', () => {
    const product = readFileSync(join(out, 'main/main.js'), 'utf8');
    for (const marker of ['test_aes_gcm', 'JUNCTION_TEST_', 'test-cipher.key']) expect(product, marker).not.toContain(marker);
    // The same markers are in the test build, so this check can see them when they are there.
    const testBuild = join(out, 'test-main/main.js');
    if (existsSync(testBuild)) expect(readFileSync(testBuild, 'utf8')).toContain('test_aes_gcm');
  });

  it('keeps the preload small: no zod, only the shared channel list (at most 5 KB)', () => {
    const preload = readFileSync(join(out, 'preload/index.cjs'), 'utf8');
    expect(Buffer.byteLength(preload)).toBeLessThanOrEqual(5 * 1024);
    expect(preload).not.toMatch(/\bZodError\b|safeParse/);
  });
});
